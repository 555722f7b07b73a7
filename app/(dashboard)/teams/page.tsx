import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listTeamsForUser } from "@/lib/teams/teams";
import { db } from "@/lib/db";
import { CreateTeamForm } from "@/components/teams/team-forms";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Teams" };

const ROLE: Record<string, string> = { owner: "Owner", admin: "Admin", member: "Member" };

export default async function TeamsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requirePageUser();
  const [teams, pending, { deleted }] = await Promise.all([
    listTeamsForUser(user),
    db.invitation.count({ where: { email: user.email.toLowerCase(), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
    searchParams,
  ]);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Teams</h1>
      {deleted ? <Alert tone="success">Team deleted. Its members no longer see its shared keys.</Alert> : null}
      <p className="text-sm text-slate-700 dark:text-slate-300">A team shares Read-only keys with its members. Members see balances and history through Keydesk, never the key, and can never trade or withdraw.</p>
      {pending ? <Alert tone="info">You have {pending} pending invitation{pending > 1 ? "s" : ""}. Open the link you were sent to join.</Alert> : null}
      {teams.length === 0 ? <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm dark:border-slate-700">You are not in any team yet. Create one below, or ask a team admin for an invitation.</p> : (
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="Your teams">
          {teams.map((t) => (
            <li key={t.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <h2 className="font-semibold"><Link className="underline-offset-2 hover:underline" href={`/teams/${t.id}`}>{t.name}</Link></h2>
              <p className="text-sm text-slate-700 dark:text-slate-300">Your role: {ROLE[t.role]} · {t.members} member{t.members > 1 ? "s" : ""} · {t.sharedKeys} shared key{t.sharedKeys === 1 ? "" : "s"}</p>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="create-team" className="max-w-md rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <h2 id="create-team" className="mb-2 text-lg font-semibold">Create a team</h2>
        <CreateTeamForm />
      </section>
    </div>
  );
}
