"use client";
// The forms of the team pages, each a server action from lib/teams/actions.
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/text-field";
import { InviteLink } from "./invite-link";
import {
  acceptInvitationAction,
  createTeamAction,
  deleteTeamAction,
  inviteAction,
  removeMemberAction,
  renameTeamAction,
  revokeInvitationAction,
} from "@/lib/teams/actions";
import { useI18n } from "@/components/i18n/locale-provider";

const select =
  "min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 text-base dark:border-slate-700 dark:bg-slate-900";

export function CreateTeamForm() {
  const { t } = useI18n();
  return (
    <ActionForm
      action={createTeamAction}
      submit={t("teamForm.create")}
      pending={t("teamForm.creating")}
      label={t("teams.create")}
    >
      {(s) => <TextField label={t("teamForm.name")} name="name" required maxLength={60} errors={s.fields?.name} />}
    </ActionForm>
  );
}

export function RenameTeamForm({ teamId, name }: { teamId: string; name: string }) {
  const { t } = useI18n();
  return (
    <ActionForm
      action={renameTeamAction}
      hidden={{ teamId }}
      submit={t("teamForm.rename")}
      pending={t("teamForm.renaming")}
      variant="secondary"
      label={t("teamForm.renameLabel")}
    >
      {(s) => (
        <TextField
          label={t("teamForm.name")}
          name="name"
          defaultValue={name}
          required
          maxLength={60}
          errors={s.fields?.name}
        />
      )}
    </ActionForm>
  );
}

export function DeleteTeamForm({ teamId, name }: { teamId: string; name: string }) {
  const { t } = useI18n();
  return (
    <ActionForm
      action={deleteTeamAction}
      hidden={{ teamId, expectedName: name }}
      submit={t("teamForm.delete")}
      pending={t("teamForm.deleting")}
      variant="danger"
      label={t("teamForm.deleteLabel")}
    >
      {(s) => (
        <TextField
          label={t("teamForm.deleteConfirm", { name })}
          name="confirmName"
          autoComplete="off"
          errors={s.fields?.confirmName}
          hint={t("teamForm.deleteHint")}
        />
      )}
    </ActionForm>
  );
}

export function InviteForm({ teamId, canInviteAdmins }: { teamId: string; canInviteAdmins: boolean }) {
  const { t, locale } = useI18n();
  return (
    <ActionForm
      action={inviteAction}
      hidden={{ teamId }}
      submit={t("teamForm.invite")}
      pending={t("teamForm.creating")}
      label={t("team.invite")}
      result={(s) => (s.link ? <InviteLink message={s.message} link={s.link} expiresAt={s.expiresAt} /> : null)}
    >
      {(s) => (
        <>
          <TextField
            label={t("teamForm.email")}
            name="email"
            type="email"
            required
            autoComplete="off"
            errors={s.fields?.email}
          />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("teamForm.role")}
            <select name="role" className={select} defaultValue="member">
              <option value="member">{t("teamForm.roleMember")}</option>
              {canInviteAdmins ? <option value="admin">{t("teamForm.roleAdmin")}</option> : null}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("teamForm.language")}
            <select name="locale" className={select} defaultValue={locale}>
              <option value="en" lang="en">
                English
              </option>
              <option value="de" lang="de">
                Deutsch
              </option>
            </select>
          </label>
        </>
      )}
    </ActionForm>
  );
}

export function SmallAction({
  action,
  hidden,
  submit,
  pending,
}: {
  action: typeof revokeInvitationAction;
  hidden: Record<string, string>;
  submit: string;
  pending: string;
}) {
  return <ActionForm action={action} hidden={hidden} submit={submit} pending={pending} variant="secondary" />;
}

export function RevokeInvitation({ teamId, invitationId }: { teamId: string; invitationId: string }) {
  const { t } = useI18n();
  return (
    <SmallAction
      action={revokeInvitationAction}
      hidden={{ teamId, invitationId }}
      submit={t("teamForm.revoke")}
      pending={t("teamForm.revoking")}
    />
  );
}
export function RemoveMember({ teamId, memberId, label }: { teamId: string; memberId: string; label: string }) {
  const { t } = useI18n();
  return (
    <SmallAction
      action={removeMemberAction}
      hidden={{ teamId, memberId }}
      submit={label}
      pending={t("teamForm.removing")}
    />
  );
}
/** On the invitation page (its own LocaleProvider, in the reader's language). */
export function AcceptInvitation({ token }: { token: string }) {
  const { t } = useI18n();
  return (
    <ActionForm
      action={acceptInvitationAction}
      hidden={{ token }}
      submit={t("teamForm.join")}
      pending={t("teamForm.joining")}
    />
  );
}
