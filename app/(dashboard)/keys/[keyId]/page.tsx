import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { stepUpSecondsLeft } from "@/lib/auth/step-up";
import { AppError } from "@/lib/errors";
import { getKeyViewForUser } from "@/lib/keys/queries";
import { keyIdParam } from "@/lib/keys/schemas";
import { egressVerdictFor } from "@/lib/keys/egress";
import { recheckKeyAction } from "@/lib/keys/actions";
import { CapabilityCard } from "@/components/keys/capability-card";
import { DeleteKeyForm } from "@/components/keys/delete-key-form";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export const metadata: Metadata = { title: "Key" };

export default async function KeyPage({ params, searchParams }: { params: Promise<{ keyId: string }>; searchParams: Promise<{ added?: string }> }) {
  const user = await requirePageUser();
  const id = keyIdParam.safeParse((await params).keyId);
  if (!id.success) notFound();
  let keyView;
  try {
    keyView = await getKeyViewForUser(user, id.data);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  const [egress, stepUp, { added }] = await Promise.all([egressVerdictFor(keyView.ips), stepUpSecondsLeft(user), searchParams]);
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/keys" className="text-sky-700 underline dark:text-sky-400">Keys</Link> / <span aria-current="page">{keyView.label}</span></nav>
      <h1 className="text-2xl font-semibold break-words">{keyView.label}</h1>
      {added ? <Alert tone="success">Key added. Keydesk stored it encrypted and will never show it again.</Alert> : null}
      <CapabilityCard keyView={keyView} egress={egress}>
        <div className="flex flex-wrap gap-2">
          <form action={recheckKeyAction}>
            <input type="hidden" name="keyId" value={keyView.id} />
            <SubmitButton variant="secondary" pendingText="Checking…">Check again</SubmitButton>
          </form>
          {keyView.role === "owner" ? <DeleteKeyForm keyRowId={keyView.id} label={keyView.label} stepUpActive={stepUp > 0} /> : null}
        </div>
      </CapabilityCard>
    </div>
  );
}
