// The alerts a person's passkeys raise: one added or removed, the first sign-in with one, and
// the password turned off. Each is a one-off event for the account's owner and never fails the
// change it reports (raiseQuietly).
import "server-only";
import { raiseEvent, raiseQuietly } from "./raise";

export function alertPasskeyAdded(userId: string, passkey: string): Promise<void> {
  return raiseQuietly(() => raiseEvent([userId], "passkey_added", { passkey }));
}

export function alertPasskeyRemoved(userId: string, passkey: string): Promise<void> {
  return raiseQuietly(() => raiseEvent([userId], "passkey_removed", { passkey }));
}

export function alertPasskeyFirstSignIn(userId: string, passkey: string, device: string): Promise<void> {
  return raiseQuietly(() => raiseEvent([userId], "passkey_new_sign_in", { passkey, device }));
}

export function alertPasswordOff(userId: string): Promise<void> {
  return raiseQuietly(() => raiseEvent([userId], "password_off"));
}
