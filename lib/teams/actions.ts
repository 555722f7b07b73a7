"use server";
import { guardAction } from "@/lib/http/action-guard";
// Server actions for teams, invitations and sharing. Each one authenticates, validates with
// zod, authorizes through lib/teams (requireTeamAccess / requireKeyAccess) and answers with a
// form state; refusals (AppError, invalid input) become messages through guardAction.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { rowId } from "@/lib/ids";
import { requireUser } from "@/lib/sessions/session";
import { stepUpWith } from "@/lib/factors/step-up-with";
import { inviteSchema, shareSchema, teamIdParam, teamNameSchema } from "./schemas";
import { createTeam, deleteTeam, removeMember, renameTeam } from "./teams";
import { acceptInvitation, createInvitation, revokeInvitation } from "./invitations";
import { enqueueInvitationMail, publicOrigin } from "./invitation-mail";
import { mailConfigured } from "@/lib/mail";
import { shareKey, unshareKey } from "./shares";
import type { ActionState as BaseActionState } from "@/lib/http/action-state";
import { authTranslator } from "@/lib/i18n/server";

/** Invitations answer with the link, shown once. */
export type ActionState = BaseActionState<{ link: string; expiresAt: string }>;

const id = rowId();
const str = (fd: FormData, k: string) => (typeof fd.get(k) === "string" ? (fd.get(k) as string) : undefined);

async function createTeamActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const name = teamNameSchema.safeParse(str(fd, "name") ?? "");
  if (!name.success) return { fields: { name: name.error.issues.map((i) => i.message) } };
  const teamId = await createTeam(user, name.data);
  revalidatePath("/teams");
  redirect(`/teams/${teamId}`);
}

async function renameTeamActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const teamId = teamIdParam.parse(str(fd, "teamId"));
  const name = teamNameSchema.safeParse(str(fd, "name") ?? "");
  if (!name.success) return { fields: { name: name.error.issues.map((i) => i.message) } };
  await renameTeam(user, teamId, name.data);
  revalidatePath(`/teams/${teamId}`);
  return { ok: true, message: (await authTranslator())("teamAction.renamed") };
}

async function deleteTeamActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const teamId = teamIdParam.parse(str(fd, "teamId"));
  const typed = str(fd, "confirmName") ?? "";
  const expected = str(fd, "expectedName") ?? "";
  if (!typed || typed !== expected)
    return { fields: { confirmName: [(await authTranslator())("teamAction.typeName", { name: expected })] } };
  await deleteTeam(user, teamId);
  revalidatePath("/teams");
  redirect("/teams?deleted=1");
}

async function inviteActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = inviteSchema.safeParse({
    teamId: str(fd, "teamId"),
    email: str(fd, "email") ?? "",
    role: str(fd, "role"),
    locale: str(fd, "locale"),
  });
  if (!parsed.success) return { fields: z.flattenError(parsed.error).fieldErrors };
  const { token, expiresAt, invitationId, resent } = await createInvitation(
    user,
    parsed.data.teamId,
    parsed.data.email,
    parsed.data.role,
    { locale: parsed.data.locale },
  );
  // The mail goes out from the queue, at the sender's rate; the link is also shown here.
  const mailed = mailConfigured();
  if (mailed) await enqueueInvitationMail(invitationId, token);
  revalidatePath(`/teams/${parsed.data.teamId}`);
  const t = await authTranslator();
  const message = resent
    ? mailed
      ? "teamAction.reinvitedMailed"
      : "teamAction.reinvited"
    : mailed
      ? "teamAction.invitedMailed"
      : "teamAction.invited";
  return {
    ok: true,
    link: `${publicOrigin()}/invite/${token}`,
    expiresAt: expiresAt.toISOString(),
    message: t(message, { email: parsed.data.email }),
  };
}

async function revokeInvitationActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const teamId = teamIdParam.parse(str(fd, "teamId"));
  await revokeInvitation(user, teamId, id.parse(str(fd, "invitationId")));
  revalidatePath(`/teams/${teamId}`);
  return { ok: true, message: (await authTranslator())("teamAction.revoked") };
}

async function removeMemberActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const teamId = teamIdParam.parse(str(fd, "teamId"));
  await removeMember(user, teamId, id.parse(str(fd, "memberId")));
  revalidatePath(`/teams/${teamId}`);
  return { ok: true, message: (await authTranslator())("teamAction.removed") };
}

async function acceptInvitationActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const teamId = await acceptInvitation(
    user,
    z
      .string()
      .max(200)
      .parse(str(fd, "token") ?? ""),
  );
  revalidatePath("/keys");
  redirect(`/teams/${teamId}?joined=1`);
}

async function shareKeyActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = shareSchema.safeParse({
    keyId: str(fd, "keyId"),
    teamId: str(fd, "teamId"),
    hideAmounts: fd.get("hideAmounts") === "on",
    allowExport: fd.get("allowExport") === "on",
  });
  if (!parsed.success) return { fields: z.flattenError(parsed.error).fieldErrors };
  const steppedUp = await stepUpWith(user, str(fd, "password") || undefined);
  const t = await authTranslator();
  if (steppedUp === "wrong") return { fields: { password: [t("teamAction.wrongPassword")] } };
  if (!steppedUp) return { fields: { password: [t("teamAction.passwordToShare")] } };
  await shareKey(user, parsed.data);
  revalidatePath(`/keys/${parsed.data.keyId}`);
  return { ok: true, message: t("teamAction.shared") };
}

async function unshareKeyActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const keyId = id.parse(str(fd, "keyId"));
  const teamId = teamIdParam.parse(str(fd, "teamId"));
  await unshareKey(user, keyId, teamId);
  revalidatePath(`/keys/${keyId}`);
  revalidatePath(`/teams/${teamId}`);
  return { ok: true, message: (await authTranslator())("teamAction.unshared") };
}

export const createTeamAction = guardAction("createTeamAction", createTeamActionImpl);
export const renameTeamAction = guardAction("renameTeamAction", renameTeamActionImpl);
export const deleteTeamAction = guardAction("deleteTeamAction", deleteTeamActionImpl);
export const inviteAction = guardAction("inviteAction", inviteActionImpl);
export const revokeInvitationAction = guardAction("revokeInvitationAction", revokeInvitationActionImpl);
export const removeMemberAction = guardAction("removeMemberAction", removeMemberActionImpl);
export const acceptInvitationAction = guardAction("acceptInvitationAction", acceptInvitationActionImpl);
export const shareKeyAction = guardAction("shareKeyAction", shareKeyActionImpl);
export const unshareKeyAction = guardAction("unshareKeyAction", unshareKeyActionImpl);
