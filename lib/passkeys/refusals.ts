// Every passkey refusal's words, looked up from its code in one table (never matched from text).
import "server-only";
import type { MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n";
import { getEnv } from "@/lib/env";
import type { AssertionRefusal } from "./assertion";
import type { RegistrationRefusal } from "./registration";
import type { ManageRefusal } from "./manage";
import { relyingParty } from "./relying-party";
import { MAX_PASSKEYS, PASSWORDLESS_MIN_PASSKEYS } from "./store";

type PasskeyRefusal = AssertionRefusal | RegistrationRefusal | ManageRefusal | "no_passkeys";

const KEY: Record<PasskeyRefusal, MessageKey> = {
  unavailable: "passkeyRefused.unavailable",
  invalid: "passkeyRefused.invalid",
  challenge_expired: "passkeyRefused.challenge_expired",
  wrong_origin: "passkeyRefused.wrong_origin",
  wrong_rp: "passkeyRefused.wrong_rp",
  unknown_credential: "passkeyRefused.unknown_credential",
  other_user: "passkeyRefused.other_user",
  not_verified: "passkeyRefused.not_verified",
  counter_replay: "passkeyRefused.counter_replay",
  needs_step_up: "passkeyRefused.needs_step_up",
  needs_passkey_step_up: "passkeyRefused.needs_passkey_step_up",
  limit_reached: "passkeyRefused.limit_reached",
  already_registered: "passkeyRefused.already_registered",
  keep_two: "passkeyRefused.keep_two",
  too_few: "passkeyRefused.too_few",
  no_password: "passkeyRefused.no_password",
  no_passkeys: "passkeyRefused.no_passkeys",
};

export function isPasskeyRefusal(code: string): code is PasskeyRefusal {
  return Object.hasOwn(KEY, code);
}

/** The refusal in the reader's words (a wrong origin names the one passkeys work at). */
export function refusalText(t: Translate, reason: PasskeyRefusal): string {
  const rp = relyingParty(getEnv());
  return t(KEY[reason], {
    expected: rp.origin,
    rpId: rp.ok ? rp.id : "?",
    max: MAX_PASSKEYS,
    min: PASSWORDLESS_MIN_PASSKEYS,
  });
}
