import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/sessions/session";
import { stepUpSecondsLeft } from "@/lib/factors/step-up";
import { AppError } from "@/lib/errors";
import { getKeyViewForUser } from "@/lib/keys/queries";
import { keyIdParam } from "@/lib/keys/schemas";
import { egressVerdictFor } from "@/lib/keys/egress";
import { RecheckKeyForm } from "@/components/keys/recheck-key-form";
import { CapabilityCard } from "@/components/keys/capability-card";
import { DeleteKeyForm } from "@/components/keys/delete-key-form";
import { ReplaceKeyForm } from "@/components/keys/replace-key-form";
import { KeyLifecycle } from "@/components/keys/key-lifecycle";
import { keyLifecycle } from "@/lib/keys/age";
import { Alert } from "@/components/ui/alert";
import { ScopeBadges } from "@/components/keys/scope-badges";
import { KeyTabs } from "@/components/dashboard/key-tabs";
import { TABS, type Tab } from "@/lib/format/key-tabs";
import { KeySectionSlot, startKeyReads, UsageMeterSlot } from "@/components/dashboard/server-sections";
import { Skeleton } from "@/components/data/states";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n";
import { listSharesOfOwnedKey, listTeamsUserManages } from "@/lib/teams/queries";
import { isShareable, SHARE_REFUSAL } from "@/lib/teams/shares";
import { ShareKeyForm, Unshare } from "@/components/teams/share-forms";
import { isRefusedKeyStatus } from "@/lib/keys/failure";
import { tradingStreamsEnabled } from "@/lib/market/trading-instance";
import { CancelAllForm, StopKeyForm } from "@/components/keys/emergency-stop";
import { StoppedChecklist } from "@/components/keys/stopped-checklist";
import { stopInfoOf } from "@/lib/keys/emergency-stop";
import { isTotpEnabled } from "@/lib/factors/totp";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("keyPage.title") };
}

export default async function KeyPage({
  params,
  searchParams,
}: {
  params: Promise<{ keyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const id = keyIdParam.safeParse((await params).keyId);
  if (!id.success) notFound();
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") search.set(k, v);
  const {
    added,
    replaced,
    stopped: justStopped,
    tab: rawTab,
  } = Object.fromEntries(search) as Record<string, string | undefined>;
  const asked: Tab = (TABS as readonly string[]).includes(rawTab ?? "") ? (rawTab as Tab) : "overview";
  // The open tab's data and the usage meter start reading now, beside the page's own reads:
  // they authorize themselves (a key this user can't read gives them nothing to show).
  let reads = startKeyReads(user, id.data, asked, search);
  // The page's own reads side by side: the key, then what its role and state call for. Reads only
  // an owner's page shows start with the key (a member's are dropped), so no round waits on another.
  const [keyView, stepUp, locale, twoFactor, managed] = await Promise.all([
    getKeyViewForUser(user, id.data).catch((err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    }),
    stepUpSecondsLeft(user),
    getLocale(),
    isTotpEnabled(user.id),
    asked === "overview" ? listTeamsUserManages(user) : [],
  ]);
  const tabs = TABS.filter((t) => t !== "export" || keyView.allowExport);
  const tab: Tab = (tabs as readonly string[]).includes(asked) ? asked : "overview";
  if (tab !== reads.tab) reads = startKeyReads(user, keyView.id, tab, search);
  const stopped = keyView.status === "stopped";
  // A stopped key shows no data (every read is refused): only its entry and the way back.
  const canRead = keyView.scopes.includes("READ_ONLY") && !stopped;
  const owner = keyView.role === "owner";
  const t = translator(locale);
  const [egress, stopInfo, shares, lifecycle] = await Promise.all([
    egressVerdictFor(keyView.ips),
    owner && stopped ? stopInfoOf(keyView.id) : null,
    owner && tab === "overview" ? listSharesOfOwnedKey(user, keyView.id) : [],
    owner && (tab === "overview" || !canRead)
      ? keyLifecycle({
          id: keyView.id,
          issuedAt: keyView.issuedAt ? new Date(keyView.issuedAt) : null,
          createdAt: new Date(keyView.createdAt),
        })
      : null,
  ]);
  const adminTeams = owner ? managed : [];
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/keys" className="text-sky-700 underline dark:text-sky-400">
          {t("keys.title")}
        </Link>{" "}
        / <span aria-current="page">{keyView.label}</span>
      </nav>
      <h1 className="text-2xl font-semibold break-words">{keyView.label}</h1>
      {!owner ? (
        <Alert tone="info">
          {t("key.sharedWithYou", {
            owner: keyView.owner.name ?? keyView.owner.email,
            teams: keyView.sharedVia.join(", "),
          })}
        </Alert>
      ) : null}
      {added ? <Alert tone="success">{t("key.added")}</Alert> : null}
      {replaced ? <Alert tone="success">{t("replace.done")}</Alert> : null}
      {justStopped && stopped ? <Alert tone="success">{t("stop.done")}</Alert> : null}
      {stopped ? (
        <StoppedChecklist t={t} owner={owner} egressIp={egress.ip} stoppedBy={stopInfo?.by} stoppedAt={stopInfo?.at} />
      ) : null}
      {owner && isRefusedKeyStatus(keyView.status) ? (
        <Alert tone="warning">
          <a className="underline" href="#replace">
            {t("replace.lostKeyHint")}
          </a>
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ScopeBadges scopes={keyView.scopes} t={t} />
        {canRead ? <UsageMeterSlot accountId={keyView.accountId} reads={reads} /> : null}
      </div>
      {canRead ? <KeyTabs keyId={keyView.id} current={tab} tabs={tabs} /> : null}
      {canRead ? (
        // Inline when its first view is already here; else its own boundary, streamed in.
        <KeySectionSlot
          keyId={keyView.id}
          reads={reads}
          fallback={<Skeleton rows={4} label={t(`tabs.${tab}`)} />}
          ordersPushed={keyView.scopes.includes("TRADE") && tradingStreamsEnabled()}
        />
      ) : stopped ? null : (
        <Alert tone="info" title={t("key.noReadTitle")}>
          {t("key.noRead")}{" "}
          <Link className="underline" href="/help/troubleshooting#permissions">
            {t("key.whyRead")}
          </Link>
        </Alert>
      )}
      {tab === "overview" || !canRead ? (
        <CapabilityCard keyView={keyView} egress={egress} locale={locale}>
          {owner ? (
            <div className="flex flex-wrap gap-2">
              {/* A stopped key is not checked again: only Replace brings it back. */}
              {stopped ? null : (
                <RecheckKeyForm keyRowId={keyView.id} label={t("key.checkAgain")} pendingText={t("key.checking")} />
              )}
              <DeleteKeyForm keyRowId={keyView.id} label={keyView.label} stepUpActive={stepUp > 0} />
            </div>
          ) : null}
        </CapabilityCard>
      ) : null}
      {owner && (tab === "overview" || !canRead) && keyView.scopes.includes("TRADE") ? (
        <CancelAllForm keyRowId={keyView.id} stepUpActive={stepUp > 0} twoFactor={twoFactor} />
      ) : null}
      {owner && !stopped && (tab === "overview" || !canRead) ? (
        <StopKeyForm keyRowId={keyView.id} stepUpActive={stepUp > 0} />
      ) : null}
      {lifecycle ? <KeyLifecycle age={lifecycle.age} timeline={lifecycle.timeline} t={t} /> : null}
      {owner && (tab === "overview" || !canRead) ? (
        <ReplaceKeyForm
          keyRowId={keyView.id}
          stepUpActive={stepUp > 0}
          texts={{
            title: t("replace.title"),
            intro: t("replace.intro"),
            keyLabel: t("replace.keyLabel"),
            passwordLabel: t("replace.passwordLabel"),
            submit: t("replace.submit"),
          }}
        />
      ) : null}
      {owner && tab === "overview" ? (
        <section
          aria-labelledby="sharing"
          className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 id="sharing" className="text-lg font-semibold">
            {t("key.sharing")}
          </h2>
          {shares.length ? (
            <ul className="flex flex-col gap-2">
              {shares.map((s) => (
                <li key={s.teamId} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span>
                    <Link className="underline" href={`/teams/${s.teamId}`}>
                      {s.team.name}
                    </Link>{" "}
                    · {s.hideAmounts ? t("key.amountsHidden") : t("key.amountsShown")} ·{" "}
                    {s.allowExport ? t("key.exportAllowed") : t("key.noExport")}
                  </span>
                  <Unshare keyId={keyView.id} teamId={s.teamId} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("key.notShared")}</p>
          )}
          {!isShareable(keyView.scopes) ? (
            <Alert tone="warning" title={t("key.cantShare")}>
              {SHARE_REFUSAL}{" "}
              <Link className="underline" href="/help/troubleshooting#create-key">
                {t("key.howReadOnly")}
              </Link>
            </Alert>
          ) : adminTeams.length ? (
            <ShareKeyForm keyId={keyView.id} teams={adminTeams.map((m) => m.team)} stepUpActive={stepUp > 0} />
          ) : (
            <p className="text-sm">
              <Link className="underline" href="/teams">
                {t("key.shareNeedsTeam")}
              </Link>
            </p>
          )}
        </section>
      ) : null}
    </div>
  );
}
