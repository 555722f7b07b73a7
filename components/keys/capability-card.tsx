import Link from "next/link";
import type { KeyView } from "@/lib/keys/view";
import type { EgressVerdict } from "@/lib/keys/egress";
import { scopeInfo, sortScopes } from "@/lib/keys/scope-info";
import { Alert } from "@/components/ui/alert";
import { TimeAgo } from "@/components/ui/time-ago";
import { LocalTime } from "@/components/ui/local-time";
import { KeyStatusBadge } from "./key-status";
import { translator, type Locale, type Translate } from "@/lib/i18n";
import { detailText } from "@/lib/keys/failure";
import { troubleshootingHref } from "@/lib/keys/troubleshooting";

function EgressLine({ egress, ips, t }: { egress: EgressVerdict; ips: string[]; t: Translate }) {
  if (ips.length === 0) return <p>{t("cap.ipNone")}</p>;
  switch (egress.state) {
    case "allowed":
      return <p className="text-emerald-800 dark:text-emerald-300">{t("cap.ipAllowed", { ip: egress.ip ?? "" })}</p>;
    case "blocked":
      return (
        <p className="font-medium text-red-800 dark:text-red-300">
          {t("cap.ipBlocked", { ip: egress.ip ?? "" })}{" "}
          <Link href="/help/troubleshooting#ip-restriction" className="underline">
            {t("cap.ipWhat")}
          </Link>
        </p>
      );
    default:
      return <p>{t("cap.ipUnknown")}</p>;
  }
}

export function CapabilityCard({
  keyView,
  egress,
  children,
  locale = "en",
}: {
  keyView: KeyView;
  egress: EgressVerdict;
  children?: React.ReactNode;
  locale?: Locale;
}) {
  const t = translator(locale);
  const scopes = sortScopes(keyView.scopes);
  const warnings = scopes.map((s) => scopeInfo(s, t)).filter((s) => s.warning);
  return (
    <section
      aria-labelledby={`cap-${keyView.id}`}
      className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`cap-${keyView.id}`} className="text-lg font-semibold">
          {t("cap.title")}
        </h2>
        <KeyStatusBadge status={keyView.status} t={t} />
      </header>
      {keyView.statusDetail && keyView.status !== "active" ? (
        <Alert tone="error">
          {detailText(keyView.statusDetail, locale)}{" "}
          <Link href={troubleshootingHref(keyView.status)} className="underline">
            {t("cap.troubleshooting")}
          </Link>
        </Alert>
      ) : null}
      {warnings.map((w) => (
        <Alert
          key={w.scope}
          tone={w.risk === "critical" ? "error" : "warning"}
          title={t("scope.permission", { name: w.name })}
        >
          {w.warning}
        </Alert>
      ))}
      <dl className="grid gap-3 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium">{t("cap.permissions")}</dt>
        <dd>
          <ul className="flex flex-col gap-1">
            {scopes.map((s) => {
              const info = scopeInfo(s, t);
              return (
                <li key={s}>
                  <strong>{info.name}</strong>: {info.summary}
                </li>
              );
            })}
          </ul>
          {!scopes.includes("READ_ONLY") ? (
            <p className="mt-1 text-amber-800 dark:text-amber-300">{t("cap.noRead")}</p>
          ) : null}
        </dd>
        <dt className="font-medium">{t("cap.ipList")}</dt>
        <dd className="flex flex-col gap-1">
          {keyView.ips.length ? (
            <ul className="flex flex-wrap gap-1 font-mono text-xs">
              {keyView.ips.map((ip) => (
                <li key={ip} className="rounded bg-slate-100 px-1.5 py-0.5 break-all dark:bg-slate-800">
                  {ip}
                </li>
              ))}
            </ul>
          ) : null}
          <EgressLine egress={egress} ips={keyView.ips} t={t} />
        </dd>
        <dt className="font-medium">{t("cap.account")}</dt>
        <dd className="font-mono text-xs break-all">{keyView.accountId}</dd>
        <dt className="font-medium">{t("cap.keyId")}</dt>
        <dd className="font-mono text-xs">
          {keyView.keyIdShort}…
          {keyView.fragment ? (
            <span className="ml-2 text-slate-600 dark:text-slate-400">({keyView.fragment})</span>
          ) : null}
        </dd>
        <dt className="font-medium">{t("cap.created")}</dt>
        <dd>{keyView.issuedAt ? <LocalTime iso={keyView.issuedAt} locale={locale} /> : t("cap.unknown")}</dd>
        <dt className="font-medium">{t("cap.added")}</dt>
        <dd>
          <LocalTime iso={keyView.createdAt} locale={locale} />{" "}
          {t("cap.by", { name: keyView.owner.name ?? keyView.owner.email })}
        </dd>
        <dt className="font-medium">{t("cap.lastChecked")}</dt>
        <dd>
          <TimeAgo iso={keyView.lastCheckedAt} never={t("card.never")} t={t} />
        </dd>
        {keyView.status === "stopped" ? (
          <>
            <dt className="font-medium">{t("cap.stoppedAt")}</dt>
            <dd data-testid="cap-stopped-at">
              {keyView.stoppedAt ? <LocalTime iso={keyView.stoppedAt} locale={locale} /> : t("cap.unknown")}
            </dd>
            <dt className="font-medium">{t("cap.lastSuccessBeforeStop")}</dt>
            <dd>
              {keyView.lastSuccessAt ? <LocalTime iso={keyView.lastSuccessAt} locale={locale} /> : t("card.never")}
            </dd>
          </>
        ) : (
          <>
            <dt className="font-medium">{t("cap.lastSuccess")}</dt>
            <dd>
              <TimeAgo iso={keyView.lastSuccessAt} never={t("card.never")} t={t} />
            </dd>
          </>
        )}
      </dl>
      {children}
    </section>
  );
}
