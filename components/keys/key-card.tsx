import Link from "next/link";
import { LinkPending } from "@/components/ui/link-pending";
import type { KeyView } from "@/lib/keys/view";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatEur } from "@/lib/format/format";
import { translator, type Locale } from "@/lib/i18n";
import { ScopeBadges } from "./scope-badges";
import { KeyStatusBadge } from "./key-status";

export function KeyCard({ keyView, locale = "en" }: { keyView: KeyView; locale?: Locale }) {
  const t = translator(locale);
  return (
    <article className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <h2 className="min-w-0 text-base font-semibold break-words">
          <Link href={`/keys/${keyView.id}`} className="underline-offset-2 hover:underline">
            {keyView.label}
            <LinkPending />
          </Link>
        </h2>
        <KeyStatusBadge status={keyView.status} t={t} />
      </header>
      <ScopeBadges scopes={keyView.scopes} t={t} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
        <dt>{t("card.ipList")}</dt>
        <dd>{keyView.ips.length ? t("card.ipCount", { n: keyView.ips.length }) : t("card.ipNone")}</dd>
        <dt>{t("card.keyId")}</dt>
        <dd className="font-mono">{keyView.keyIdShort}</dd>
        <dt>{t("card.owner")}</dt>
        <dd className="truncate">
          {keyView.role === "owner" ? t("card.you") : (keyView.owner.name ?? keyView.owner.email)}
        </dd>
        {keyView.role === "member" ? (
          <>
            <dt>{t("card.sharedVia")}</dt>
            <dd className="truncate" data-testid="shared-via">
              {keyView.sharedVia.join(", ")}
              {keyView.hideAmounts ? ` ${t("card.amountsHidden")}` : ""}
            </dd>
          </>
        ) : null}
        {keyView.status === "stopped" ? (
          <>
            <dt>{t("cap.stoppedAt")}</dt>
            <dd>{keyView.stoppedAt ? <TimeAgo iso={keyView.stoppedAt} t={t} /> : t("cap.unknown")}</dd>
          </>
        ) : (
          <>
            <dt>{t("card.lastSuccess")}</dt>
            <dd>
              <TimeAgo iso={keyView.lastSuccessAt} never={t("card.never")} t={t} />
            </dd>
          </>
        )}
        <dt>{t("card.value")}</dt>
        <dd data-testid="key-card-value">
          {keyView.lastValueEur !== null && keyView.lastValuedAt ? (
            <>
              <span className="font-medium tabular-nums">{formatEur(keyView.lastValueEur, locale)}</span>{" "}
              <span className="text-slate-600 dark:text-slate-400">
                (<TimeAgo iso={keyView.lastValuedAt} t={t} />)
              </span>
            </>
          ) : (
            t("card.valueUnknown")
          )}
        </dd>
      </dl>
    </article>
  );
}
