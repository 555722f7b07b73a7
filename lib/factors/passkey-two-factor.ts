// Whether every sign-in into an account takes two factors: a password and a TOTP code, or
// (password turned off) a passkey with user verification, which is two factors by itself. The
// rule for holding Trade or Withdraw keys (KEYDESK_REQUIRE_2FA_FOR_TRADE) reads this. An account
// that still has a password and no code does not qualify: the password alone still signs it in.
import "server-only";
import { db } from "@/lib/db";

export async function signInTakesTwoFactors(userId: string): Promise<boolean> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true, passwordOffAt: true } });
  return Boolean(u?.totpEnabledAt || u?.passwordOffAt);
}
