// The browser half of every passkey ceremony: @simplewebauthn/browser, loaded only when a
// ceremony starts (it stays out of each page's first load), the origin check that tells a person
// who opened Keydesk at another address where passkeys work, and a browser failure in words.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import type { Translate } from "@/lib/i18n";
import type { PasskeyCeremonyState } from "@/lib/passkeys/ceremony-state";

/** A step's outcome; a failure with an empty message was superseded and says nothing. */
export type Ceremony<T> = { ok: true; value: T } | { ok: false; message: string; requestId?: string };

const browser = () => import("@simplewebauthn/browser");

/** WebAuthn's own refusals, by their codes and names, in the reader's words ("" : say nothing). */
function browserFailure(err: unknown, t: Translate): string {
  const e = err as { name?: string; code?: string } | null;
  if (e?.code === "ERROR_CEREMONY_ABORTED" || e?.name === "AbortError") return ""; // another request replaced it
  if (e?.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return t("passkey.alreadyOnDevice");
  if (e?.name === "NotAllowedError") return t("passkey.cancelled");
  return t("passkey.browserFailed", { name: e?.name ?? "Error" });
}

/** The server's options answer, refused when this page isn't at the one origin passkeys work at. */
export function checkOptions(state: PasskeyCeremonyState, t: Translate): Ceremony<PasskeyCeremonyState> {
  if (!state.ok) return { ok: false, message: state.message ?? t("passkey.unreachable"), requestId: state.requestId };
  if (state.origin && state.origin !== window.location.origin)
    return { ok: false, message: t("passkey.wrongAddress", { origin: state.origin, here: window.location.origin }) };
  return { ok: true, value: state };
}

export async function autofillSupported(): Promise<boolean> {
  return (await browser()).browserSupportsWebAuthnAutofill();
}

/** The authenticator's answer to a sign-in or step-up, as JSON text for a form field. */
export async function getAssertion(
  request: PublicKeyCredentialRequestOptionsJSON | undefined,
  t: Translate,
  autofill = false,
): Promise<Ceremony<string>> {
  if (!request) return { ok: false, message: t("passkey.unreachable") };
  const lib = await browser();
  if (!lib.browserSupportsWebAuthn()) return { ok: false, message: t("passkey.notSupported") };
  try {
    const answer = await lib.startAuthentication({ optionsJSON: request, useBrowserAutofill: autofill });
    return { ok: true, value: JSON.stringify(answer) };
  } catch (err) {
    return { ok: false, message: browserFailure(err, t) };
  }
}

/** The authenticator's new credential, as JSON text for a form field. */
export async function getAttestation(
  creation: PublicKeyCredentialCreationOptionsJSON | undefined,
  t: Translate,
): Promise<Ceremony<string>> {
  if (!creation) return { ok: false, message: t("passkey.unreachable") };
  const lib = await browser();
  if (!lib.browserSupportsWebAuthn()) return { ok: false, message: t("passkey.notSupported") };
  try {
    return { ok: true, value: JSON.stringify(await lib.startRegistration({ optionsJSON: creation })) };
  } catch (err) {
    return { ok: false, message: browserFailure(err, t) };
  }
}

/** A form with one field, for calling an action from code. */
export function formWith(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}
