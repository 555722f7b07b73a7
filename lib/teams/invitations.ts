// Invitations: a single-use link that expires after 7 days; only its SHA-256 is stored.
// Accepting requires signing in as the invited address.
import { authTranslator } from "@/lib/auth/auth-text";
import "server-only";
import { alertMemberJoined } from "@/lib/alerts/hooks";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record";
import { requireTeamAccess } from "./access";
import { INVITATION_TTL_MS } from "./schemas";
import { mailConfigured, sendMail } from "@/lib/mail";
import { requireVerifiedEmail } from "@/lib/auth/email-verification";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Mails the invitation link when SMTP is configured; true when it was sent. */
export async function mailInvitation(
  to: string,
  link: string,
  teamName: string,
  invitedBy: string,
  expiresAt: Date,
): Promise<boolean> {
  if (!mailConfigured()) return false;
  return sendMail(
    to,
    `You're invited to ${teamName} on Keydesk`,
    [
      `${invitedBy} invited you to the team "${teamName}" on Keydesk.`,
      "",
      "Members see the data of the exchange API keys shared with the team (balances, orders, trades), never the keys themselves.",
      "",
      `Accept here (sign in or create an account with this e-mail address): ${link}`,
      "",
      `The link works once and expires on ${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC. If you don't know ${invitedBy}, ignore this message.`,
    ].join("\n"),
  );
}

export async function createInvitation(
  user: CurrentUser,
  teamId: string,
  email: string,
  role: "admin" | "member",
): Promise<{ token: string; expiresAt: Date; teamName: string }> {
  const access = await requireTeamAccess(user, teamId, "manage");
  if (role === "admin" && access.role !== "owner")
    throw new AppError("forbidden", (await authTranslator())("teamErr.ownerInvitesAdmins"));
  const already = await db.teamMember.findFirst({ where: { teamId, user: { email } }, select: { id: true } });
  if (already) throw new AppError("conflict", (await authTranslator())("teamErr.alreadyMember", { email }));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await db.invitation.create({
    data: { teamId, email, role, tokenHash: hash(token), createdById: user.id, expiresAt },
  });
  await recordAudit({
    actorId: user.id,
    action: "team.member_invited",
    outcome: "success",
    teamId,
    detail: { email, role },
  });
  return { token, expiresAt, teamName: access.name };
}

export async function revokeInvitation(user: CurrentUser, teamId: string, invitationId: string): Promise<void> {
  await requireTeamAccess(user, teamId, "manage");
  const r = await db.invitation.updateMany({
    where: { id: invitationId, teamId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (!r.count) throw new AppError("not_found", (await authTranslator())("teamErr.notPending"));
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
    throw new AppError("not_found", (await authTranslator())("teamErr.invitationInvalid"));
  if (user.email.toLowerCase() !== inv.email)
    throw new AppError("forbidden", (await authTranslator())("teamErr.invitationOtherEmail", { email: inv.email }));
  // With SMTP set, a password account proves its address first (issue 15).
  await requireVerifiedEmail(user.id);
  await db.$transaction(async (tx) => {
    // Single use even under concurrent clicks: only one update can flip acceptedAt.
    const r = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (!r.count) throw new AppError("not_found", (await authTranslator())("teamErr.invitationUsed"));
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
