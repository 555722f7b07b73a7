// Turns two-factor sign-in on for a test user directly (the enrolment flow itself is tested in
// tests/integration/auth/two-factor.test.ts): returns the TOTP secret.
import { generateSecret } from "otplib";
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/crypto/envelope";
import { getKeyring } from "@/lib/crypto/instance";
import { totpBinding } from "@/lib/factors/totp";

export async function enableTwoFactorForTest(userId: string): Promise<string> {
  const secret = generateSecret();
  const sealed = encryptSecret(secret, totpBinding(userId), getKeyring());
  await db.user.update({
    where: { id: userId },
    data: {
      totpCiphertext: new Uint8Array(sealed.ciphertext),
      totpWrappedKey: new Uint8Array(sealed.wrappedKey),
      totpKeyVersion: sealed.masterKeyVersion,
      totpEnabledAt: new Date(),
      totpLastStep: null,
    },
  });
  return secret;
}
