"use client";
// "Sign in with a passkey" (no e-mail: the browser offers the passkeys it holds for Keydesk),
// and the same offer in the e-mail field's autofill (conditional mediation), armed when the
// page opens and again after an attempt ends without signing in. Both hand the answer to
// next-auth's "passkey" provider through passkeySignInAction, which redirects on success.
import { useEffect, useRef, useState, useTransition } from "react";
import { passkeySignInAction, passkeySignInOptionsAction } from "@/lib/sign-in/passkey-actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";
import { autofillSupported, checkOptions, formWith, getAssertion, type Ceremony } from "./passkey-browser";

type Shown = { message: string; requestId?: string } | null;

export function PasskeySignIn({ next }: { next?: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<Shown>(null);
  const [busy, setBusy] = useState(false);
  const [autofill, setAutofill] = useState<"off" | "armed">("off");
  /** Bumped after an attempt that did not sign in: the autofill offer is made again. */
  const [round, setRound] = useState(0);
  const [, startTransition] = useTransition();
  const modal = useRef(false);

  /** The answer to next-auth; on success the action redirects and this never returns a refusal. */
  function finish(answer: Ceremony<string>) {
    if (!answer.ok) {
      if (answer.message) setError(answer);
      setBusy(false);
      modal.current = false;
      setRound((r) => r + 1);
      return;
    }
    setBusy(true);
    startTransition(async () => {
      const state = await passkeySignInAction({}, formWith({ response: answer.value, next: next ?? "" }));
      if (state.message) finish({ ok: false, message: state.message, requestId: state.requestId });
    });
  }

  useEffect(() => {
    let live = true;
    void (async () => {
      if (!(await autofillSupported().catch(() => false)) || modal.current || !live) return;
      const options = checkOptions(await passkeySignInOptionsAction({}, new FormData()), t);
      // A limit or a wrong address says nothing here: the button explains it when pressed.
      if (!options.ok || modal.current || !live) return;
      setAutofill("armed");
      const answer = await getAssertion(options.value.request, t, true);
      if (!live) return;
      setAutofill("off");
      // Superseded by the button (or the page) and dismissed offers stay quiet.
      if (answer.ok) finish(answer);
    })().catch(() => setAutofill("off"));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- armed once per round; `finish` is recreated every render
  }, [round, t]);

  async function signInWithButton() {
    modal.current = true;
    setBusy(true);
    setError(null);
    try {
      const options = checkOptions(await passkeySignInOptionsAction({}, new FormData()), t);
      finish(options.ok ? await getAssertion(options.value.request, t) : options);
    } catch {
      finish({ ok: false, message: t("passkey.unreachable") });
    }
  }

  return (
    <div className="flex flex-col gap-2" data-passkey-autofill={autofill}>
      {error ? (
        <Alert tone="error" reference={error.requestId}>
          {error.message}
        </Alert>
      ) : null}
      <Button variant="secondary" onClick={() => void signInWithButton()} disabled={busy} aria-disabled={busy}>
        {busy ? t("passkey.signInPending") : t("passkey.signIn")}
      </Button>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t("passkey.signInHint")}</p>
    </div>
  );
}
