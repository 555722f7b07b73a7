import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/sessions/session";
import { AppError } from "@/lib/errors";
import { getTeamDetail } from "@/lib/teams/teams";
import { teamIdParam } from "@/lib/teams/schemas";
import { Alert } from "@/components/ui/alert";
import {
  DeleteTeamForm,
  InviteForm,
  RemoveMember,
  RenameTeamForm,
  RevokeInvitation,
} from "@/components/teams/team-forms";
import { Unshare } from "@/components/teams/share-forms";
import { KeyStatusBadge } from "@/components/keys/key-status";
import { roleLabel } from "@/components/teams/role";
import { LocalTime } from "@/components/ui/local-time";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("team.title") };
}

export default async function TeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string }>;
  searchParams: Promise<{ joined?: string }>;
}) {
  const user = await requirePageUser();
  const id = teamIdParam.safeParse((await params).teamId);
  if (!id.success) notFound();
  let team;
  try {
    team = await getTeamDetail(user, id.data);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  const { joined } = await searchParams;
  const manage = team.role !== "member";
  const t = translator(await getLocale());
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("team.breadcrumb")} className="text-sm">
        <Link href="/teams" className="text-sky-700 underline dark:text-sky-400">
          {t("teams.title")}
        </Link>{" "}
        / <span aria-current="page">{team.name}</span>
      </nav>
      <h1 className="text-2xl font-semibold break-words">{team.name}</h1>
      <p className="text-sm">
        {t("team.yourRole")} <strong>{roleLabel(t, team.role)}</strong>
      </p>
      {joined ? <Alert tone="success">{t("team.joined", { team: team.name })}</Alert> : null}

      <section aria-labelledby="shared-keys" className="flex flex-col gap-2">
        <h2 id="shared-keys" className="text-lg font-semibold">
          {t("team.sharedKeys")}
        </h2>
        {team.shares.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("team.noShares")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {team.shares.map((s) => (
              <li
                key={s.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 dark:border-slate-800"
              >
                <div className="min-w-0">
                  <Link href={`/keys/${s.key.id}`} className="font-medium underline-offset-2 hover:underline">
                    {s.key.label}
                  </Link>{" "}
                  <KeyStatusBadge status={s.key.status} t={t} />
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {t("team.shareOwner", { owner: s.key.owner.name ?? s.key.owner.email })} ·{" "}
                    {s.hideAmounts ? t("team.amountsHidden") : t("team.amountsShown")} ·{" "}
                    {s.allowExport ? t("team.exportAllowed") : t("team.noExport")}
                  </p>
                </div>
                {manage || s.key.ownerId === user.id ? <Unshare keyId={s.key.id} teamId={team.teamId} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="members" className="flex flex-col gap-2">
        <h2 id="members" className="text-lg font-semibold">
          {t("team.members")}
        </h2>
        <ul className="flex flex-col gap-2">
          {team.members.map((m) => (
            <li
              key={m.id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 dark:border-slate-800"
              data-member={m.user.email}
            >
              <span className="min-w-0 break-all">
                {m.user.name ?? m.user.email}{" "}
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  ({roleLabel(t, m.role)}
                  {m.user.id === user.id ? `, ${t("team.you")}` : ""})
                </span>
              </span>
              {m.role !== "owner" &&
              (m.user.id === user.id || (manage && (m.role === "member" || team.role === "owner"))) ? (
                <RemoveMember
                  teamId={team.teamId}
                  memberId={m.id}
                  label={m.user.id === user.id ? t("team.leave") : t("team.remove")}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {manage ? (
        <section aria-labelledby="invite" className="flex max-w-md flex-col gap-2">
          <h2 id="invite" className="text-lg font-semibold">
            {t("team.invite")}
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">{t("team.inviteIntro")}</p>
          <InviteForm teamId={team.teamId} canInviteAdmins={team.role === "owner"} />
          {team.invitations.length ? (
            <>
              <h3 className="mt-2 font-semibold">{t("team.pendingInvitations")}</h3>
              <ul className="flex flex-col gap-2">
                {team.invitations.map((i) => (
                  <li
                    key={i.id}
                    className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800"
                  >
                    <span className="break-all">
                      {i.email} · {roleLabel(t, i.role)} · {t("team.expires")}{" "}
                      <LocalTime iso={i.expiresAt.toISOString()} />
                    </span>
                    <RevokeInvitation teamId={team.teamId} invitationId={i.id} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {team.role === "owner" ? (
        <section aria-labelledby="settings" className="flex max-w-md flex-col gap-4">
          <h2 id="settings" className="text-lg font-semibold">
            {t("team.settings")}
          </h2>
          <RenameTeamForm teamId={team.teamId} name={team.name} />
          <DeleteTeamForm teamId={team.teamId} name={team.name} />
        </section>
      ) : null}
    </div>
  );
}
