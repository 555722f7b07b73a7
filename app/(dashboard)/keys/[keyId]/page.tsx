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
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n";
import { db } from "@/lib/db";
import { isShareable, SHARE_REFUSAL } from "@/lib/teams/shares";
import { ShareKeyForm, Unshare } from "@/components/teams/team-forms";

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
  const tabs = TABS.filter((t) => t !== "export" || keyView.allowExport);
  const tab: Tab = (tabs as readonly string[]).includes(rawTab ?? "") ? (rawTab as Tab) : "overview";
  const canRead = keyView.scopes.includes("READ_ONLY");
  const owner = keyView.role === "owner";
  const locale = await getLocale();
  const t = translator(locale);
  const [shares, adminTeams] = owner && tab === "overview"
    ? await Promise.all([
      db.keyShare.findMany({ where: { keyId: keyView.id }, select: { teamId: true, hideAmounts: true, allowExport: true, team: { select: { name: true } } } }),
      db.teamMember.findMany({ where: { userId: user.id, role: { in: ["owner", "admin"] } }, select: { team: { select: { id: true, name: true } } } }),
    ])
    : [[], []];
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/keys" className="text-sky-700 underline dark:text-sky-400">{t("keys.title")}</Link> / <span aria-current="page">{keyView.label}</span></nav>
      <h1 className="text-2xl font-semibold break-words">{keyView.label}</h1>
      {!owner ? (
        <Alert tone="info">{t("key.sharedWithYou", { owner: keyView.owner.name ?? keyView.owner.email, teams: keyView.sharedVia.join(", ") })}</Alert>
      ) : null}
      {added ? <Alert tone="success">{t("key.added")}</Alert> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ScopeBadges scopes={keyView.scopes} t={t} />
        {canRead ? <UsageMeter accountId={keyView.accountId} /> : null}
      </div>
      {canRead ? <KeyTabs keyId={keyView.id} current={tab} tabs={tabs} /> : null}
      {canRead ? (
        <Suspense>
          <KeySection keyId={keyView.id} tab={tab} />
        </Suspense>
      ) : (
        <Alert tone="info" title={t("key.noReadTitle")}>
          {t("key.noRead")} <Link className="underline" href="/help/troubleshooting#permissions">{t("key.whyRead")}</Link>
        </Alert>
      )}
      {tab === "overview" || !canRead ? (
        <CapabilityCard keyView={keyView} egress={egress} locale={locale}>
          {owner ? (
            <div className="flex flex-wrap gap-2">
              <form action={recheckKeyAction}>
                <input type="hidden" name="keyId" value={keyView.id} />
                <SubmitButton variant="secondary" pendingText={t("key.checking")}>{t("key.checkAgain")}</SubmitButton>
              </form>
              <DeleteKeyForm keyRowId={keyView.id} label={keyView.label} stepUpActive={stepUp > 0} />
            </div>
          ) : null}
        </CapabilityCard>
      ) : null}
      {owner && tab === "overview" ? (
        <section aria-labelledby="sharing" className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="sharing" className="text-lg font-semibold">{t("key.sharing")}</h2>
          {shares.length ? (
            <ul className="flex flex-col gap-2">
              {shares.map((s) => (
                <li key={s.teamId} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span><Link className="underline" href={`/teams/${s.teamId}`}>{s.team.name}</Link> · {s.hideAmounts ? t("key.amountsHidden") : t("key.amountsShown")} · {s.allowExport ? t("key.exportAllowed") : t("key.noExport")}</span>
                  <Unshare keyId={keyView.id} teamId={s.teamId} />
                </li>
              ))}
            </ul>
          ) : <p className="text-sm text-slate-600 dark:text-slate-400">{t("key.notShared")}</p>}
          {!isShareable(keyView.scopes) ? (
            <Alert tone="warning" title={t("key.cantShare")}>{SHARE_REFUSAL} <Link className="underline" href="/help/troubleshooting#create-key">{t("key.howReadOnly")}</Link></Alert>
          ) : adminTeams.length ? (
            <ShareKeyForm keyId={keyView.id} teams={adminTeams.map((m) => m.team)} stepUpActive={stepUp > 0} />
          ) : (
            <p className="text-sm"><Link className="underline" href="/teams">{t("key.shareNeedsTeam")}</Link></p>
          )}
        </section>
      ) : null}
    </div>
  );
}
