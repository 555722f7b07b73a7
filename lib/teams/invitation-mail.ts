// Invitation mail goes out from a pg-boss queue, at most MAILS_PER_SENDER_PER_MINUTE per sender
// (across instances: the count and the mark are made under an advisory lock on the sender). The
// job carries the link's token sealed with a key derived from the keyring (the job table never
// holds a usable link); a job whose invitation was re-sent since (another token), accepted,
// revoked or expired sends nothing. A failed send is retried by pg-boss.
import "server-only";
import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { withJob } from "@/lib/request-context";
import { sendMailOrThrow } from "@/lib/mail";
import { getBoss, INVITE_MAIL_QUEUE } from "@/lib/alerts/queue";
import { createCacheCipher, type CacheCipher } from "@/lib/crypto/cache-cipher";
import { getKeyring } from "@/lib/crypto/instance";
import { parseLocale } from "@/lib/i18n";
import { invitationMail } from "./invitation-text";

export const MAILS_PER_SENDER_PER_MINUTE = 5;

interface Job {
  invitationId: string;
  sealed: string;
}

let cipher: CacheCipher | null = null;
const sealer = () => (cipher ??= createCacheCipher(getKeyring()));
const aad = (invitationId: string) => `invitation-mail:${invitationId}`;

/** Links use the configured public address, never the request's Host header (which a client controls). */
export function publicOrigin(): string {
  const env = getEnv();
  return (env.KEYDESK_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

export async function enqueueInvitationMail(invitationId: string, token: string): Promise<void> {
  const boss = await getBoss();
  const job: Job = { invitationId, sealed: sealer().seal(aad(invitationId), token) };
  await boss.send(INVITE_MAIL_QUEUE, job);
}

/** Reserves one of the sender's mails this minute (marks the invitation mailed), or says how long to wait. */
async function reserve(invitationId: string, senderId: string | null): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const sender = senderId ?? "unknown";
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invite-mail:${sender}`}, 0))`;
    const recent = await tx.invitation.findMany({
      where: { sentById: senderId, mailedAt: { gt: new Date(Date.now() - 60_000) } },
      select: { mailedAt: true },
      orderBy: { mailedAt: "asc" },
    });
    if (recent.length >= MAILS_PER_SENDER_PER_MINUTE) {
      const oldest = recent[recent.length - MAILS_PER_SENDER_PER_MINUTE]!.mailedAt!.getTime();
      return Math.max(1_000, oldest + 60_000 - Date.now());
    }
    await tx.invitation.update({ where: { id: invitationId }, data: { mailedAt: new Date() } });
    return null;
  });
}

type MailOutcome = "sent" | "superseded" | { laterMs: number };

/** One job: send the mail now, or report that it waits for the sender's rate or is no longer wanted. */
async function deliverInvitationMail(job: Job): Promise<MailOutcome> {
  const token = sealer().open(aad(job.invitationId), job.sealed);
  const inv = await db.invitation.findUnique({
    where: { id: job.invitationId },
    include: { team: { select: { name: true } } },
  });
  const hash = token ? createHash("sha256").update(token).digest("hex") : null;
  if (!inv || !hash || inv.tokenHash !== hash || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date())
    return "superseded";
  if (inv.mailedAt && inv.mailedAt >= inv.lastSentAt) return "sent"; // a retried job after the mail went out
  const wait = await reserve(inv.id, inv.sentById);
  if (wait !== null) return { laterMs: wait };
  const sender = inv.sentById
    ? await db.user.findUnique({ where: { id: inv.sentById }, select: { email: true } })
    : null;
  const mail = invitationMail({
    locale: parseLocale(inv.locale) ?? "en",
    inviterEmail: sender?.email ?? "A Keydesk user",
    teamName: inv.team.name,
    link: `${publicOrigin()}/invite/${token}`,
    expiresAt: inv.expiresAt,
  });
  try {
    await sendMailOrThrow(inv.email, mail.subject, mail.text);
  } catch (err) {
    await db.invitation.update({ where: { id: inv.id }, data: { mailedAt: null } });
    throw err;
  }
  return "sent";
}

/** The queue's worker (started with the alert worker, once per process). */
export async function workInvitationMail(boss: PgBoss): Promise<void> {
  await boss.work<Job>(INVITE_MAIL_QUEUE, { pollingIntervalSeconds: 1, batchSize: 10 }, (jobs) =>
    withJob(INVITE_MAIL_QUEUE, () => deliverAll(boss, jobs)),
  );
}

async function deliverAll(boss: PgBoss, jobs: { data: Job }[]): Promise<void> {
  for (const job of jobs) {
    const outcome = await deliverInvitationMail(job.data);
    if (typeof outcome === "object") {
      // Over the sender's rate: the same job again once a slot is free.
      await boss.send(INVITE_MAIL_QUEUE, job.data, { startAfter: Math.ceil(outcome.laterMs / 1000) });
      logger.info({ invitationId: job.data.invitationId, laterMs: outcome.laterMs }, "invitation mail waits");
    }
  }
}
