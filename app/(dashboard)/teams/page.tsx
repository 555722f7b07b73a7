import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/sessions/session";
import { listTeamsForUser } from "@/lib/teams/teams";
import { countPendingInvitationsForUser } from "@/lib/teams/queries";
import { CreateTeamForm } from "@/components/teams/team-forms";
import { Alert } from "@/components/ui/alert";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { roleLabel } from "@/components/teams/role";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("teams.title") };
}

export default async function TeamsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requirePageUser();
  const [teams, pending, { deleted }] = await Promise.all([
    listTeamsForUser(user),
    countPendingInvitationsForUser(user),
    searchParams,
  ]);
  const t = translator(await getLocale());
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("teams.title")}</h1>
      {deleted ? <Alert tone="success">{t("teams.deleted")}</Alert> : null}
      <p className="text-sm text-slate-700 dark:text-slate-300">{t("teams.intro")}</p>
      {pending ? (
        <Alert tone="info">{pending > 1 ? t("teams.pending.other", { count: pending }) : t("teams.pending.one")}</Alert>
      ) : null}
      {teams.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm dark:border-slate-700">
          {t("teams.none")}
        </p>
      ) : (
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label={t("teams.yourTeams")}>
          {teams.map((team) => (
            <li key={team.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <h2 className="font-semibold">
                <Link className="underline-offset-2 hover:underline" href={`/teams/${team.id}`}>
                  {team.name}
                </Link>
              </h2>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                {t("teams.yourRole", { role: roleLabel(t, team.role) })} ·{" "}
                {team.members === 1 ? t("teams.members.one") : t("teams.members.other", { count: team.members })} ·{" "}
                {team.sharedKeys === 1
                  ? t("teams.sharedKeys.one")
                  : t("teams.sharedKeys.other", { count: team.sharedKeys })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <section
        aria-labelledby="create-team"
        className="max-w-md rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      >
        <h2 id="create-team" className="mb-2 text-lg font-semibold">
          {t("teams.create")}
        </h2>
        <CreateTeamForm />
      </section>
    </div>
  );
}
