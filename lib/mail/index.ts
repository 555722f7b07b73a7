// Outgoing e-mail, only when SMTP_URL is set (nodemailer). Keydesk works without it: every
// link it would mail is also shown to the person who created it.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";

let transport: Transporter | null = null;

export function mailConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
}

/** Sends a plain-text message; false (logged, not thrown) when it could not be sent. */
export async function sendMail(to: string, subject: string, text: string): Promise<boolean> {
  const env = getEnv();
  if (!env.SMTP_URL) return false;
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({ from: env.SMTP_FROM, to, subject, text });
    return true;
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : "unknown", to }, "mail not sent");
    return false;
  }
}

/** Like sendMail, but a failure throws (a queued job is then retried). */
export async function sendMailOrThrow(to: string, subject: string, text: string): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set");
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  await transport.sendMail({ from: env.SMTP_FROM, to, subject, text });
}

export function resetMailTransport(): void {
  transport = null;
}
