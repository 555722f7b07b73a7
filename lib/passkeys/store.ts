// A person's passkeys in PostgreSQL: the list Settings shows (never the public key), the
// WebAuthn user handle, and what step-up and sign-in need to know about an account's methods.
// Every read and write here is scoped by the user id it is given.
import "server-only";
import { randomBytes } from "node:crypto";
import type { AuthenticatorTransportFuture } from "@simplewebauthn/server";
import { db } from "@/lib/db";

/** The most passkeys one account may register (each is a way in; the list stays reviewable). */
export const MAX_PASSKEYS = 20;
/** An account may turn its password off only with at least this many (one lost still leaves one). */
export const PASSWORDLESS_MIN_PASSKEYS = 2;

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Synced by a password manager or platform account (multi-device) rather than bound to one device. */
  synced: boolean;
}

export async function listPasskeysForUser(userId: string): Promise<PasskeySummary[]> {
  const rows = await db.passkey.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    synced: r.deviceType === "multiDevice",
  }));
}

/** How this account can confirm who it is: its passkeys and whether it still has a password. */
interface SignInMethods {
  passkeys: number;
  hasPassword: boolean;
  /** The person turned the password off (passkeys only). */
  passwordOff: boolean;
}

export async function signInMethodsFor(userId: string): Promise<SignInMethods> {
  // One round trip: every dashboard page asks (the layout hands it to the step-up fields).
  const [row] = await db.$queryRaw<{ passkeys: number; hasPassword: boolean; passwordOff: boolean }[]>`
    SELECT (SELECT count(*) FROM "Passkey" p WHERE p."userId" = u.id)::int AS passkeys,
      u."passwordHash" IS NOT NULL AS "hasPassword", u."passwordOffAt" IS NOT NULL AS "passwordOff"
    FROM "User" u WHERE u.id = ${userId}`;
  return row ?? { passkeys: 0, hasPassword: false, passwordOff: false };
}

/** The credentials a ceremony for this user may use (allowCredentials / excludeCredentials). */
export async function credentialDescriptorsFor(
  userId: string,
): Promise<{ id: string; transports: AuthenticatorTransportFuture[] }[]> {
  const rows = await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  return rows.map((r) => ({ id: r.credentialId, transports: r.transports as AuthenticatorTransportFuture[] }));
}

/** The account's WebAuthn user handle, made on first use (random: it says nothing about the person). */
export async function userHandleFor(userId: string): Promise<string> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { passkeyUserHandle: true } });
  if (row?.passkeyUserHandle) return row.passkeyUserHandle;
  const handle = randomBytes(32).toString("base64url");
  // Only when still unset: two first registrations racing agree on one handle.
  await db.user.updateMany({ where: { id: userId, passkeyUserHandle: null }, data: { passkeyUserHandle: handle } });
  const after = await db.user.findUnique({ where: { id: userId }, select: { passkeyUserHandle: true } });
  if (!after?.passkeyUserHandle) throw new Error("passkey user handle not stored");
  return after.passkeyUserHandle;
}
