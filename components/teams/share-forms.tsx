"use client";
// Sharing a key with a team, and ending a share: the key page's forms (kept apart from the team
// pages' forms, so the key page loads only these two).
import { StepUpField } from "@/components/auth/step-up-field";
import { ActionForm } from "@/components/ui/action-form";
import { shareKeyAction, unshareKeyAction } from "@/lib/teams/actions";
import { useI18n } from "@/components/i18n/locale-provider";

const select =
  "min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 text-base dark:border-slate-700 dark:bg-slate-900";

export function Unshare({ keyId, teamId }: { keyId: string; teamId: string }) {
  const { t } = useI18n();
  return (
    <ActionForm
      action={unshareKeyAction}
      hidden={{ keyId, teamId }}
      submit={t("teamForm.unshare")}
      pending={t("teamForm.unsharing")}
      variant="secondary"
    />
  );
}

export function ShareKeyForm({
  keyId,
  teams,
  stepUpActive,
}: {
  keyId: string;
  teams: { id: string; name: string }[];
  stepUpActive: boolean;
}) {
  const { t } = useI18n();
  return (
    <ActionForm
      action={shareKeyAction}
      hidden={{ keyId }}
      submit={t("teamForm.share")}
      pending={t("teamForm.sharing")}
      label={t("teamForm.shareLabel")}
    >
      {(s) => (
        <>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("teamForm.team")}
            <select name="teamId" className={select} required>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="hideAmounts" className="h-5 w-5" /> {t("teamForm.hideAmounts")}
          </label>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="allowExport" className="h-5 w-5" /> {t("teamForm.allowExport")}
          </label>
          <StepUpField
            stepUpActive={stepUpActive}
            label={t("teamForm.sharePassword")}
            id="share-password"
            errors={s.fields?.password}
          />
        </>
      )}
    </ActionForm>
  );
}
