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
import { ScopeBadges } from "@/components/keys/scope-badges";
import { KeyTabs } from "@/components/dashboard/key-tabs";
import { TABS, type Tab } from "@/lib/ui/key-tabs";
import { KeySection } from "@/components/dashboard/key-sections";
import { LazyUsageMeter as UsageMeter } from "@/components/dashboard/lazy-usage-meter";
import { Suspense } from "react";

export const metadata: Metadata = { title: "Key" };

export default async function KeyPage({ params, searchParams }: { params: Promise<{ keyId: string }>; searchParams: Promise<{ added?: string; tab?: string }> }) {
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
  const [egress, stepUp, { added, tab: rawTab }] = await Promise.all([egressVerdictFor(keyView.ips), stepUpSecondsLeft(user), searchParams]);
  const tab: Tab = (TABS as readonly string[]).includes(rawTab ?? "") ? (rawTab as Tab) : "overview";
  const canRead = keyView.scopes.includes("READ_ONLY");
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/keys" className="text-sky-700 underline dark:text-sky-400">Keys</Link> / <span aria-current="page">{keyView.label}</span></nav>
      <h1 className="text-2xl font-semibold break-words">{keyView.label}</h1>
      {added ? <Alert tone="success">Key added. Keydesk stored it encrypted and will never show it again.</Alert> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ScopeBadges scopes={keyView.scopes} />
        {canRead ? <UsageMeter accountId={keyView.accountId} /> : null}
      </div>
      {canRead ? <KeyTabs keyId={keyView.id} current={tab} /> : null}
      {canRead ? (
        <Suspense>
          <KeySection keyId={keyView.id} tab={tab} />
        </Suspense>
      ) : (
        <Alert tone="info" title="No data to show for this key">
          This key has no Read permission, so the exchange will not show Keydesk its balances or orders. For a dashboard, create a Read-only key at the exchange and add it here. <Link className="underline" href="/help/troubleshooting#permissions">Why Read-only is safest</Link>
        </Alert>
      )}
      {tab === "overview" || !canRead ? (
        <CapabilityCard keyView={keyView} egress={egress}>
          <div className="flex flex-wrap gap-2">
            <form action={recheckKeyAction}>
              <input type="hidden" name="keyId" value={keyView.id} />
              <SubmitButton variant="secondary" pendingText="Checking…">Check again</SubmitButton>
            </form>
            {keyView.role === "owner" ? <DeleteKeyForm keyRowId={keyView.id} label={keyView.label} stepUpActive={stepUp > 0} /> : null}
          </div>
        </CapabilityCard>
      ) : null}
    </div>
  );
}
