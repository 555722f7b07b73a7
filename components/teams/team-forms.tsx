"use client";
// The forms of the team pages, each a server action from lib/teams/actions.
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/text-field";
import { acceptInvitationAction, createTeamAction, deleteTeamAction, inviteAction, removeMemberAction, renameTeamAction, revokeInvitationAction, shareKeyAction, unshareKeyAction } from "@/lib/teams/actions";

const select = "min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 text-base dark:border-slate-700 dark:bg-slate-900";

export function CreateTeamForm() {
  return (
    <ActionForm action={createTeamAction} submit="Create team" pending="Creating…" label="Create a team">
      {(s) => <TextField label="Team name" name="name" required maxLength={60} errors={s.fields?.name} />}
    </ActionForm>
  );
}

export function RenameTeamForm({ teamId, name }: { teamId: string; name: string }) {
  return (
    <ActionForm action={renameTeamAction} hidden={{ teamId }} submit="Rename" pending="Renaming…" variant="secondary" label="Rename the team">
      {(s) => <TextField label="Team name" name="name" defaultValue={name} required maxLength={60} errors={s.fields?.name} />}
    </ActionForm>
  );
}

export function DeleteTeamForm({ teamId, name }: { teamId: string; name: string }) {
  return (
    <ActionForm action={deleteTeamAction} hidden={{ teamId, expectedName: name }} submit="Delete team" pending="Deleting…" variant="danger" label="Delete the team">
      {(s) => <TextField label={`Type the team's name (${name}) to delete it`} name="confirmName" autoComplete="off" errors={s.fields?.confirmName} hint="Members lose access to every key shared with this team. Keys themselves are not deleted." />}
    </ActionForm>
  );
}

export function InviteForm({ teamId, canInviteAdmins }: { teamId: string; canInviteAdmins: boolean }) {
  return (
    <ActionForm action={inviteAction} hidden={{ teamId }} submit="Create invitation" pending="Creating…" label="Invite someone">
      {(s) => (
        <>
          <TextField label="E-mail address" name="email" type="email" required autoComplete="off" errors={s.fields?.email} />
          <label className="flex flex-col gap-1 text-sm font-medium">Role
            <select name="role" className={select} defaultValue="member">
              <option value="member">Member: reads shared keys</option>
              {canInviteAdmins ? <option value="admin">Admin: also manages members and shares</option> : null}
            </select>
          </label>
        </>
      )}
    </ActionForm>
  );
}

export function SmallAction({ action, hidden, submit, pending }: { action: typeof revokeInvitationAction; hidden: Record<string, string>; submit: string; pending: string }) {
  return <ActionForm action={action} hidden={hidden} submit={submit} pending={pending} variant="secondary" />;
}

export function RevokeInvitation({ teamId, invitationId }: { teamId: string; invitationId: string }) {
  return <SmallAction action={revokeInvitationAction} hidden={{ teamId, invitationId }} submit="Revoke" pending="Revoking…" />;
}
export function RemoveMember({ teamId, memberId, label }: { teamId: string; memberId: string; label: string }) {
  return <SmallAction action={removeMemberAction} hidden={{ teamId, memberId }} submit={label} pending="Removing…" />;
}
export function Unshare({ keyId, teamId }: { keyId: string; teamId: string }) {
  return <SmallAction action={unshareKeyAction} hidden={{ keyId, teamId }} submit="Unshare" pending="Unsharing…" />;
}

export function AcceptInvitation({ token }: { token: string }) {
  return <ActionForm action={acceptInvitationAction} hidden={{ token }} submit="Join the team" pending="Joining…" />;
}

export function ShareKeyForm({ keyId, teams, stepUpActive }: { keyId: string; teams: { id: string; name: string }[]; stepUpActive: boolean }) {
  return (
    <ActionForm action={shareKeyAction} hidden={{ keyId }} submit="Share" pending="Checking the key and sharing…" label="Share this key with a team">
      {(s) => (
        <>
          <label className="flex flex-col gap-1 text-sm font-medium">Team
            <select name="teamId" className={select} required>
              {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
          <label className="flex min-h-11 items-center gap-2 text-sm"><input type="checkbox" name="hideAmounts" className="h-5 w-5" /> Hide amounts (members see currencies and percentages, not quantities or values)</label>
          <label className="flex min-h-11 items-center gap-2 text-sm"><input type="checkbox" name="allowExport" className="h-5 w-5" /> Allow members to export CSV (not with hidden amounts)</label>
          {!stepUpActive || s.fields?.password ? <TextField id="share-password" label="Your Keydesk password, to confirm sharing" name="password" type="password" autoComplete="current-password" errors={s.fields?.password} /> : null}
        </>
      )}
    </ActionForm>
  );
}
