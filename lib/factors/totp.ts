// Two-factor sign-in with TOTP (RFC 6238, otplib): enrolment through a sealed cookie that
// holds the pending secret for 10 minutes, confirmation with a code, ten single-use recovery
// codes shown once and stored hashed, verification at sign-in with replay protection, and
// disabling. The secret is envelope-encrypted with the same keyring as API keys; this module
// is the only one that opens it (API keys stay with lib/keys/credentials.ts).
import "server-only";
import { alertTwoFactorOff } from "@/lib/alerts/hooks";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { getIronSession } from "iron-session";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/crypto/envelope";
import { getKeyring } from "@/lib/crypto/instance";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/sessions/session";

const TOLERANCE_SECONDS = 30; // one step either side, for clock drift
const ENROL_COOKIE = "keydesk-totp-enrol";

export const totpBinding = (userId: string) => ({ rowId: `totp:${userId}`, ownerId: userId });
const hashCode = (code: string) =>
  createHash("sha256")
    .update(`keydesk-recovery:${normalizeRecovery(code)}`)
    .digest("hex");
export const normalizeRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z2-7]/g, "");

async function enrolSession() {
  const env = getEnv();
  const password = createHash("sha256").update(`keydesk-totp-enrol:${env.AUTH_SECRET}`).digest("base64");
  return getIronSession<{ userId?: string; secret?: string }>(await cookies(), {
    password,
    cookieName: ENROL_COOKIE,
    ttl: 600,
    cookieOptions: { httpOnly: true, sameSite: "strict", secure: env.NODE_ENV === "production", path: "/settings" },
  });
}

export async function isTotpEnabled(userId: string): Promise<boolean> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(u?.totpEnabledAt);
}

/** Starts enrolment: a new secret, kept only in a sealed cookie until confirmed. */
export async function beginEnrolment(user: CurrentUser): Promise<{ secret: string; uri: string; qrSvg: string }> {
  if (await isTotpEnabled(user.id)) throw new AppError("conflict", "error.totpAlreadyOn");
  const secret = generateSecret();
  const s = await enrolSession();
  s.userId = user.id;
  s.secret = secret;
  await s.save();
  const uri = generateURI({ issuer: "Keydesk", label: user.email, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, uri, qrSvg };
}

function newRecoveryCodes(): string[] {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (b) => alphabet[b % 32]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

async function stepIfValid(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const r = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS });
  if (!r.valid) return null;
  const { timeStep, delta } = r as unknown as { timeStep: number; delta: number };
  return timeStep + (delta ?? 0); // the step the code belongs to
}

/** Confirms enrolment with a code from the app; returns the recovery codes (shown once). */
export async function confirmEnrolment(user: CurrentUser, code: string): Promise<string[]> {
  const s = await enrolSession();
  if (!s.secret || s.userId !== user.id) throw new AppError("bad_request", "error.totpSetupExpired");
  const step = await stepIfValid(s.secret, code.replace(/\s/g, ""));
  if (step === null) throw new AppError("bad_request", "error.totpMismatch");
  const sealed = encryptSecret(s.secret, totpBinding(user.id), getKeyring());
  const codes = newRecoveryCodes();
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId: user.id } }),
    db.recoveryCode.createMany({ data: codes.map((c) => ({ userId: user.id, codeHash: hashCode(c) })) }),
    db.user.update({
      where: { id: user.id },
      data: {
        totpCiphertext: new Uint8Array(sealed.ciphertext),
        totpWrappedKey: new Uint8Array(sealed.wrappedKey),
        totpKeyVersion: sealed.masterKeyVersion,
        totpEnabledAt: new Date(),
        totpLastStep: step,
      },
    }),
  ]);
  s.destroy();
  await recordAudit({ actorId: user.id, action: "auth.2fa_enabled", outcome: "success" });
  return codes;
}

export async function disableTotp(user: CurrentUser): Promise<void> {
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId: user.id } }),
    db.user.update({
      where: { id: user.id },
      data: {
        totpCiphertext: null,
        totpWrappedKey: null,
        totpKeyVersion: null,
        totpEnabledAt: null,
        totpLastStep: null,
      },
    }),
  ]);
  await recordAudit({ actorId: user.id, action: "auth.2fa_disabled", outcome: "success" });
  await alertTwoFactorOff(user.id);
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/**
 * The second factor at sign-in: a current TOTP code (each time step accepted once) or an
 * unused recovery code (then spent). True when it matches.
 */
export async function verifySecondFactor(userId: string, input: string): Promise<boolean> {
  const code = input.trim();
  const u = await db.user.findUnique({
    where: { id: userId },
    select: {
      totpCiphertext: true,
      totpWrappedKey: true,
      totpKeyVersion: true,
      totpEnabledAt: true,
      totpLastStep: true,
    },
  });
  if (!u?.totpEnabledAt || !u.totpCiphertext || !u.totpWrappedKey || !u.totpKeyVersion) return false;
  if (/^\d{6}$/.test(code.replace(/\s/g, ""))) {
    const secret = decryptSecret(
      {
        ciphertext: Buffer.from(u.totpCiphertext),
        wrappedKey: Buffer.from(u.totpWrappedKey),
        masterKeyVersion: u.totpKeyVersion,
      },
      totpBinding(userId),
      getKeyring(),
    );
    const step = await stepIfValid(secret, code.replace(/\s/g, ""));
    if (step === null) return false;
    // Replay protection: only a step after the last accepted one, claimed atomically.
    const claimed = await db.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return claimed.count === 1;
  }
  const normalized = normalizeRecovery(code);
  if (normalized.length !== 10) return false;
  const spent = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashCode(normalized), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (spent.count === 1) await recordAudit({ actorId: userId, action: "auth.recovery_code_used", outcome: "success" });
  return spent.count === 1;
}
