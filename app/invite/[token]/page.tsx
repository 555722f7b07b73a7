import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { inspectInvitation } from "@/lib/teams/invitations";
import { AcceptInvitation } from "@/components/teams/team-forms";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Team invitation", referrer: "no-referrer" };

const GONE: Record<string, string> = {
  invalid: "This invitation link isn't valid. Check that you copied all of it.",
  expired: "This invitation has expired. Ask the team's admin for a new one.",
  used: "This invitation was already used.",
  revoked: "This invitation was withdrawn by the team's admin.",
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  const inv = await inspectInvitation(user, token);
  const here = `/invite/${token}`;
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center gap-4 px-4 py-8">
      <h1 className="text-xl font-semibold">Team invitation</h1>
      {inv.state !== "valid" ? <Alert tone="error">{GONE[inv.state]}</Alert> : (
        <>
          <p>You are invited to join <strong>{inv.teamName}</strong> as {inv.role === "admin" ? "an admin" : "a member"}. Members see the data of the keys shared with the team, never the keys themselves.</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">The invitation is for <strong>{inv.email}</strong>.</p>
          {!user ? (
            <p className="flex flex-wrap gap-3">
              <Link className="text-sky-700 underline dark:text-sky-400" href={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in as {inv.email}</Link>
              <Link className="text-sky-700 underline dark:text-sky-400" href={`/sign-up?next=${encodeURIComponent(here)}`}>Create an account</Link>
            </p>
          ) : inv.wrongUser ? (
            <Alert tone="warning">You are signed in as {user.email}. Sign out and sign in as {inv.email} to accept.</Alert>
          ) : (
            <AcceptInvitation token={token} />
          )}
        </>
      )}
      <p className="text-sm"><Link href="/keys" className="text-sky-700 underline dark:text-sky-400">Go to Keydesk</Link></p>
    </main>
  );
}
