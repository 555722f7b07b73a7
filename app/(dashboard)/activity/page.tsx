import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { activityFilterOptions, activityQuerySchema, listActivity, memberReads } from "@/lib/audit/query";

export const metadata: Metadata = { title: "Activity" };

const LABELS: Record<string, string> = {
  "auth.sign_in": "Signed in", "auth.sign_up": "Signed up", "key.add": "Key added", "key.check": "Key checked", "key.delete": "Key deleted",
  "key.rotate": "Key re-encrypted", "key.share": "Share refused", "key.shared": "Key shared", "key.unshared": "Key unshared",
  "key.status_changed": "Key status changed", "export.run": "Export run", "team.created": "Team created", "team.renamed": "Team renamed",
  "team.deleted": "Team deleted", "team.member_invited": "Member invited", "team.member_joined": "Member joined",
  "team.member_removed": "Member removed", "team.invitation_revoked": "Invitation revoked",
};
const field = "min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 text-base dark:border-slate-700 dark:bg-slate-900";

function summary(detail: unknown): string {
  if (!detail || typeof detail !== "object") return "";
  return Object.entries(detail as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && typeof v !== "object").map(([k, v]) => `${k}: ${String(v)}`).join(" · ");
}

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const q = activityQuerySchema.parse(raw);
  const [page, reads, options] = await Promise.all([listActivity(user, q), memberReads(user, q), activityFilterOptions(user)]);
  const qs = (extra: Record<string, string>) => new URLSearchParams(Object.fromEntries(Object.entries({ ...raw, ...extra }).filter(([, v]) => v))).toString();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Activity</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">Your own actions, everything that happened to keys you own, and the events of teams you own or administer. Times are UTC.</p>
      <form method="get" className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Activity filters">
        <label className="flex flex-col gap-1 text-sm">What
          <select name="group" defaultValue={q.group} className={field}>
            <option value="all">Everything</option><option value="keys">Keys</option><option value="teams">Teams</option><option value="exports">Exports</option><option value="sign_in">Sign-ins</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">Key
          <select name="key" defaultValue={q.key ?? ""} className={field}>
            <option value="">All keys</option>
            {options.keys.map((k) => <option key={k.id} value={k.id}>{k.label}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">Team
          <select name="team" defaultValue={q.team ?? ""} className={field}>
            <option value="">All teams</option>
            {options.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">From (UTC)<input type="date" name="from" defaultValue={q.from} className={field} /></label>
        <label className="flex flex-col gap-1 text-sm">To (UTC)<input type="date" name="to" defaultValue={q.to} className={field} /></label>
        <div className="flex items-end gap-2">
          <button type="submit" className="min-h-11 rounded-md bg-sky-700 px-4 text-sm font-medium text-white hover:bg-sky-800 dark:bg-sky-600">Filter</button>
          <a className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm dark:border-slate-700" href={`/api/activity/export?${qs({ before: "" })}`} download>CSV</a>
        </div>
      </form>

      <section aria-labelledby="events" className="flex flex-col gap-2">
        <h2 id="events" className="text-lg font-semibold">Events</h2>
        {page.events.length === 0 ? <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm dark:border-slate-700">No activity matches these filters.</p> : (
          <ol className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="activity-events">
            {page.events.map((e) => (
              <li key={e.id} className="flex flex-col gap-0.5 p-3 text-sm" data-action={e.action}>
                <p className="flex flex-wrap justify-between gap-2">
                  <span className="font-medium">{LABELS[e.action] ?? e.action}{e.outcome !== "success" ? <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">{e.outcome}</span> : null}</span>
                  <time dateTime={e.at.toISOString()} className="text-xs text-slate-600 dark:text-slate-400">{e.at.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                </p>
                <p className="break-words text-xs text-slate-700 dark:text-slate-300">
                  {e.actor?.email ?? "system"}{e.keyLabel ? ` · key “${e.keyLabel}”` : ""}{summary(e.detail) ? ` · ${summary(e.detail)}` : ""}
                </p>
              </li>
            ))}
          </ol>
        )}
        {page.next ? <Link className="min-h-11 self-start rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700" href={`/activity?${qs({ before: page.next })}`}>Older events</Link> : null}
      </section>

      <section aria-labelledby="reads" className="flex flex-col gap-2">
        <h2 id="reads" className="text-lg font-semibold">Reads by team members</h2>
        {reads.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No team member has read your keys or your teams&apos; keys in this range.</p> : (
          <table className="w-full text-sm" data-testid="member-reads">
            <caption className="sr-only">Reads by team members per day</caption>
            <thead><tr className="border-b border-slate-200 text-left dark:border-slate-800"><th scope="col" className="py-1">Day</th><th scope="col">Member</th><th scope="col">Key</th><th scope="col" className="text-right">Reads</th></tr></thead>
            <tbody>
              {reads.map((r) => (
                <tr key={`${r.day}-${r.member}-${r.keyRef}`} className="border-b border-slate-100 dark:border-slate-900">
                  <td className="py-1">{r.day}</td><td className="break-all">{r.member}</td><td className="break-words">{r.key}</td><td className="text-right tabular-nums">{r.reads}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
