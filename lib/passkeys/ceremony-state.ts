// What a passkey action that starts a ceremony answers: the options the browser hands to
// WebAuthn, and the one origin passkeys work at (the page checks it is there before asking).
// Types only: safe on the client.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import type { ActionState } from "@/lib/http/action-state";

export type PasskeyCeremonyState = ActionState<{
  /** Sign-in or step-up. */
  request: PublicKeyCredentialRequestOptionsJSON;
  /** Registration. */
  creation: PublicKeyCredentialCreationOptionsJSON;
  origin: string;
}>;
