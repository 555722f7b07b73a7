// Invitations: a single-use link that expires after 7 days; only its SHA-256 is stored. One
// open invitation per address and team (inviting again re-sends it), within per-inviter and
// per-team limits. Accepting requires signing in as the invited address.
import "server-only";
import { alertMemberJoined } from "@/lib/alerts/hooks";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import { requireTeamAccess } from "./access";
import { INVITATION_TTL_MS } from "./schemas";
import type { Locale } from "@/lib/i18n";
import { assertInvitationAllowed, lockInvitationSenders } from "./invitation-limits";
import { needsEmailVerification, requireVerifiedEmail } from "@/lib/mail/verification";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Creates an invitation, or re-sends the open one for this address and team (a new link and
 * expiry on the same row: the partial unique index allows one open invitation per address and
 * team). Either way it counts against the inviter's and the team's limits (./invitation-limits.ts).
 */
export async function createInvitation(
  user: CurrentUser,
  teamId: string,
  emailInput: string,
  role: "admin" | "member",
  opts: { locale?: Locale } = {},
): Promise<{ token: string; expiresAt: Date; teamName: string; invitationId: string; resent: boolean }> {
  const email = emailInput.trim().toLowerCase();
  const access = await requireTeamAccess(user, teamId, "manage");
  if (role === "admin" && access.role !== "owner") throw new AppError("forbidden", "teamErr.ownerInvitesAdmins");
  const already = await db.teamMember.findFirst({ where: { teamId, user: { email } }, select: { id: true } });
  if (already) throw new AppError("conflict", "teamErr.alreadyMember", { values: { email } });
  // With SMTP set, invitations are mailed: the sender proves their own address first.
  if (await needsEmailVerification(user.id)) throw new AppError("forbidden", "teamErr.verifyToInvite");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const data = { role, tokenHash: hash(token), expiresAt, locale: opts.locale ?? "en", sentById: user.id };
  const { id, resent } = await db.$transaction(
    async (tx) => {
      await lockInvitationSenders(tx, user.id, teamId);
      await assertInvitationAllowed(tx, user.id, teamId);
      const open = await tx.invitation.findFirst({
        where: { teamId, email, acceptedAt: null, revokedAt: null },
        select: { id: true },
      });
      const row = open
        ? await tx.invitation.update({
            where: { id: open.id },
            data: { ...data, sendCount: { increment: 1 }, lastSentAt: new Date(), mailedAt: null },
            select: { id: true },
          })
        : await tx.invitation.create({ data: { ...data, teamId, email, createdById: user.id }, select: { id: true } });
      // The limits count these rows: written in the same transaction, under the same locks.
      await tx.auditEvent.create({
        data: {
          actorId: user.id,
          action: "team.member_invited",
          outcome: "success",
          teamId,
          detail: { email, role, ...(open ? { resent: true } : {}) },
        },
      });
      return { id: row.id, resent: Boolean(open) };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
  return { token, expiresAt, teamName: access.name, invitationId: id, resent };
}

export async function revokeInvitation(user: CurrentUser, teamId: string, invitationId: string): Promise<void> {
  await requireTeamAccess(user, teamId, "manage");
  const r = await db.invitation.updateMany({
    where: { id: invitationId, teamId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (!r.count) throw new AppError("not_found", "teamErr.notPending");
  await recordAudit({
    actorId: user.id,
    action: "team.invitation_revoked",
    outcome: "success",
    teamId,
    detail: { invitationId },
  });
}

export type InvitationView =
  | { state: "valid"; teamName: string; email: string; role: string; expiresAt: string; wrongUser: boolean }
  | { state: "invalid" | "expired" | "used" | "revoked" };

export async function inspectInvitation(user: CurrentUser | null, token: string): Promise<InvitationView> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "invalid" };
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hash(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      team: { select: { name: true } },
    },
  });
  if (!inv) return { state: "invalid" };
  if (inv.acceptedAt) return { state: "used" };
  if (inv.revokedAt) return { state: "revoked" };
  if (inv.expiresAt <= new Date()) return { state: "expired" };
  return {
    state: "valid",
    teamName: inv.team.name,
    email: inv.email,
    role: inv.role,
    expiresAt: inv.expiresAt.toISOString(),
    wrongUser: Boolean(user && user.email.toLowerCase() !== inv.email),
  };
}

export async function acceptInvitation(user: CurrentUser, token: string): Promise<string> {
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hash(token) },
    select: { id: true, teamId: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true },
  });
  if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date())
    throw new AppError("not_found", "teamErr.invitationInvalid");
  if (user.email.toLowerCase() !== inv.email)
    throw new AppError("forbidden", "teamErr.invitationOtherEmail", { values: { email: inv.email } });
  // With SMTP set, a password account proves its address first (lib/mail/verification.ts).
  await requireVerifiedEmail(user.id);
  await db.$transaction(async (tx) => {
    // Single use even under concurrent clicks: only one update can flip acceptedAt.
    const r = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (!r.count) throw new AppError("not_found", "teamErr.invitationUsed");
    await tx.teamMember.upsert({
      where: { teamId_userId: { teamId: inv.teamId, userId: user.id } },
      create: { teamId: inv.teamId, userId: user.id, role: inv.role },
      update: {},
    });
  });
  await recordAudit({
    actorId: user.id,
    action: "team.member_joined",
    outcome: "success",
    teamId: inv.teamId,
    detail: { email: inv.email, role: inv.role },
  });
  await alertMemberJoined(inv.teamId, user.id, user.name ?? user.email);
  return inv.teamId;
}
