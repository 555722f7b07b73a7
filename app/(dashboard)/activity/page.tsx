import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/sessions/session";
import { activityFilterOptions, activityQuerySchema, listActivity, memberReads } from "@/lib/audit/query";
import { translator, type Translate } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { LocalTime } from "@/components/ui/local-time";
import { roleLabel } from "@/components/teams/role";
import { describeEvent } from "@/lib/audit/describe";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("activity.title") };
}

const outcomeLabel = (t: Translate, outcome: string) =>
  outcome === "failure" ? t("activity.outcome.failure") : t("activity.outcome.denied");
const field =
  "min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 text-base dark:border-slate-700 dark:bg-slate-900";

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
  const q = activityQuerySchema.parse(raw);
  const [page, reads, options] = await Promise.all([
    listActivity(user, q),
    memberReads(user, q),
    activityFilterOptions(user),
  ]);
  const locale = await getLocale();
  const t = translator(locale);
  const ctx = {
    t,
    locale,
    viewerEmail: user.email,
    teamNames: new Map(options.teams.map((team) => [team.id, team.name])),
    role: (r: string) => roleLabel(t, r),
  };
  const qs = (extra: Record<string, string>) =>
    new URLSearchParams(Object.fromEntries(Object.entries({ ...raw, ...extra }).filter(([, v]) => v))).toString();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("activity.title")}</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">{t("activity.intro")}</p>
      <form
        method="get"
        className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6"
        aria-label={t("activity.filters")}
      >
        <label className="flex flex-col gap-1 text-sm">
          {t("activity.what")}
          <select name="group" defaultValue={q.group} className={field}>
            <option value="all">{t("activity.group.all")}</option>
            <option value="keys">{t("activity.group.keys")}</option>
            <option value="teams">{t("activity.group.teams")}</option>
            <option value="exports">{t("activity.group.exports")}</option>
            <option value="sign_in">{t("activity.group.sign_in")}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("activity.key")}
          <select name="key" defaultValue={q.key ?? ""} className={field}>
            <option value="">{t("activity.allKeys")}</option>
            {options.keys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("activity.team")}
          <select name="team" defaultValue={q.team ?? ""} className={field}>
            <option value="">{t("activity.allTeams")}</option>
            {options.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("activity.from")}
          <input type="date" name="from" defaultValue={q.from} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("activity.to")}
          <input type="date" name="to" defaultValue={q.to} className={field} />
        </label>
        <div className="flex items-end gap-2">
          <button
            type="submit"
            className="min-h-11 rounded-md bg-sky-700 px-4 text-sm font-medium text-white hover:bg-sky-800 dark:bg-sky-700"
          >
            {t("activity.filter")}
          </button>
          <a
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm dark:border-slate-700"
            href={`/api/activity/export?${qs({ before: "" })}`}
            download
          >
            CSV
          </a>
        </div>
      </form>

      <section aria-labelledby="events" className="flex flex-col gap-2">
        <h2 id="events" className="text-lg font-semibold">
          {t("activity.events")}
        </h2>
        {page.events.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm dark:border-slate-700">
            {t("activity.none")}
          </p>
        ) : (
          <ol
            className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
            data-testid="activity-events"
          >
            {page.events.map((e) => (
              <li key={e.id} className="flex flex-col gap-0.5 p-3 text-sm" data-action={e.action}>
                <p className="flex flex-wrap justify-between gap-2">
                  <span data-testid="activity-sentence">
                    {describeEvent(e, ctx)}
                    {e.outcome !== "success" ? (
                      <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                        {outcomeLabel(t, e.outcome)}
                      </span>
                    ) : null}
                  </span>
                  <LocalTime iso={e.at.toISOString()} className="text-xs text-slate-700 dark:text-slate-300" />
                </p>
              </li>
            ))}
          </ol>
        )}
        {page.next ? (
          <Link
            className="min-h-11 self-start rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700"
            href={`/activity?${qs({ before: page.next })}`}
          >
            {t("activity.older")}
          </Link>
        ) : null}
      </section>

      <section aria-labelledby="reads" className="flex flex-col gap-2">
        <h2 id="reads" className="text-lg font-semibold">
          {t("activity.reads")}
        </h2>
        {reads.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("activity.noReads")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="member-reads">
            <caption className="sr-only">{t("activity.readsCaption")}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                <th scope="col" className="py-1">
                  {t("activity.day")}
                </th>
                <th scope="col">{t("activity.member")}</th>
                <th scope="col">{t("activity.key")}</th>
                <th scope="col" className="text-right">
                  {t("activity.readCount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {reads.map((r) => (
                <tr
                  key={`${r.day}-${r.member}-${r.keyRef}`}
                  className="border-b border-slate-100 dark:border-slate-900"
                >
                  <td className="py-1">{r.day}</td>
                  <td className="break-all">{r.member}</td>
                  <td className="break-words">{r.key}</td>
                  <td className="text-right tabular-nums">{r.reads}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
