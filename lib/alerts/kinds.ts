// The alert conditions. Each goes out once per recipient, subject and condition while the
// condition holds (AlertState's unique constraint); one-off events use a subject of their own.
export type AlertKind =
  | "key_refused"
  | "key_failing"
  | "key_stopped"
  | "key_replaced"
  | "share_removed"
  | "new_device"
  | "two_factor_off"
  | "member_joined"
  | "passkey_added"
  | "passkey_removed"
  | "passkey_new_sign_in"
  | "password_off"
  | "password_reset"
  | "sign_in_failures";

/** How long a key must keep failing before the "failing" alert goes out. */
export const FAILING_AFTER_MS = 15 * 60_000;
