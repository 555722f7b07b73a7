// The portfolio home: every key the person can see, from stored snapshots (no exchange call).
// A key whose amounts are hidden from them adds no amount anywhere, not even to the total; it is
// listed with percentages only, and the page says so.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/sessions/session";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { readPortfolioHome } from "@/lib/portfolio/home";
import { parseRange } from "@/lib/portfolio/series";
import { formatEur, formatPercent } from "@/lib/format/format";
import { LocalTime } from "@/components/ui/local-time";
import { SeriesSummary, RangePicker } from "@/components/portfolio/series-summary";
import { ValueAge } from "@/components/portfolio/value-age";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("portfolio.title") };
}

const muted = "text-sm text-slate-600 dark:text-slate-400";
const card = "flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800";

export default async function PortfolioPage({ searchParams }: { searchParams: Promise<{ range?: string }> }) {
  const user = await requirePageUser();
  const range = parseRange((await searchParams).range);
  const [home, locale] = await Promise.all([readPortfolioHome(user, range), getLocale()]);
  const t = translator(locale);
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("portfolio.title")}</h1>
        <p className={muted}>{t("portfolio.intro")}</p>
      </div>
      {home.hiddenCount ? (
        <p
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
          data-testid="hidden-note"
        >
          {t("portfolio.hiddenNote", { count: home.hiddenCount })}
        </p>
      ) : null}
      {home.keys.length === 0 ? (
        <p className={muted}>
          <Link className="underline" href="/keys">
            {t("portfolio.noKeys")}
          </Link>
        </p>
      ) : (
        <>
          <section aria-labelledby="total-title" className={card}>
            <h2 id="total-title" className="text-sm text-slate-600 dark:text-slate-400">
              {t("portfolio.total")}
            </h2>
            {home.allHidden ? (
              <p className="text-lg font-medium" data-testid="portfolio-total">
                {t("portfolio.allHidden")}
              </p>
            ) : (
              <p className="text-3xl font-semibold tabular-nums" data-testid="portfolio-total">
                {formatEur(home.totalEur, locale)}
              </p>
            )}
            <p className={muted}>{t("portfolio.promise", { minutes: home.freshForMinutes })}</p>
            {home.staleCount ? (
              <p className="text-sm text-amber-900 dark:text-amber-200" data-testid="stale-count">
                {t("portfolio.staleCount", { count: home.staleCount })}
              </p>
            ) : null}
            {home.sharedAccounts.map((labels) => (
              <p key={labels.join("|")} className={muted} data-testid="shared-account-note">
                {t("portfolio.sharedAccount", { labels: labels.map((l) => `\u201c${l}\u201d`).join(", ") })}
              </p>
            ))}
            {home.excluded.length ? (
              <div className="flex flex-col gap-1" data-testid="portfolio-excluded">
                <h3 className="text-sm font-semibold">{t("portfolio.excludedTitle")}</h3>
                <p className={muted}>{t("portfolio.excludedIntro")}</p>
                <ul className="flex flex-col gap-1 text-sm">
                  {home.excluded.map((k) => (
                    <li key={k.id} className="flex flex-wrap items-baseline justify-between gap-2">
                      <span className="min-w-0 break-words">
                        <Link href={`/keys/${k.id}`} className="font-medium underline">
                          {k.label}
                        </Link>{" "}
                        · {t(`portfolio.excluded.${k.excludedReason!}`)}
                      </span>
                      <span className="tabular-nums">
                        {k.amountsHidden ? (
                          <span className={muted}>{t("portfolio.hidden")}</span>
                        ) : k.valueEur !== null && k.lastAt ? (
                          <>
                            {t("portfolio.lastValue")}: {formatEur(k.valueEur, locale)} (<LocalTime iso={k.lastAt} />)
                          </>
                        ) : (
                          <span className={muted}>{t("portfolio.noLastValue")}</span>
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <RangePicker range={range} href="/portfolio?range=" />
            <SeriesSummary
              h={{
                points: home.points,
                changeEur: home.changeEur,
                changePct: home.changePct,
                priceEffectEur: home.priceEffectEur,
                balanceEffectEur: home.balanceEffectEur,
                priceEffectPct: null,
                balanceEffectPct: null,
                amountsHidden: false,
              }}
            />
          </section>
          {home.allocation.length ? (
            <section aria-labelledby="allocation-title" className={card}>
              <h2 id="allocation-title" className="text-lg font-semibold">
                {t("portfolio.allocation")}
              </h2>
              <ul className="flex flex-col gap-1 text-sm" data-testid="portfolio-allocation">
                {home.allocation.map((a) => (
                  <li key={a.currency} className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{a.currency}</span>
                    <span className="tabular-nums">
                      {formatEur(a.valueEur, locale)} · {formatPercent(a.pct, locale)}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="keys-title" className={card}>
            <h2 id="keys-title" className="text-lg font-semibold">
              {t("portfolio.keys")}
            </h2>
            <ul className="flex flex-col gap-3" data-testid="portfolio-keys">
              {home.keys.map((k) => (
                <li
                  key={k.id}
                  className="flex min-w-0 flex-col gap-1 border-t border-slate-200 pt-3 first:border-0 first:pt-0 dark:border-slate-800"
                >
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <Link href={`/keys/${k.id}`} className="min-w-0 font-medium break-words underline">
                      {k.label}
                    </Link>
                    <span className="tabular-nums">
                      {k.amountsHidden ? (
                        <span className={muted}>{t("portfolio.hidden")}</span>
                      ) : k.valueEur !== null ? (
                        <>
                          {formatEur(k.valueEur, locale)}
                          {k.partPct !== null ? ` · ${formatPercent(k.partPct, locale)}` : ""}
                        </>
                      ) : (
                        "—"
                      )}
                    </span>
                  </div>
                  {k.countedInstead ? (
                    <p className={muted} data-testid="counted-instead">
                      {t("portfolio.countedInstead", { label: k.countedInstead })}
                    </p>
                  ) : null}
                  <p className={muted}>
                    <ValueAge minutes={k.staleMinutes} t={t} />{" "}
                    {k.status === "stopped" ? `${t("portfolio.stopped")} · ` : ""}
                    {t("portfolio.change")}: {k.changePct !== null ? formatPercent(k.changePct, locale, true) : "—"} ·{" "}
                    {t("portfolio.asOf")}: {k.lastAt ? <LocalTime iso={k.lastAt} /> : t("portfolio.noSnapshots")}
                  </p>
                  {k.allocation.length ? (
                    <p className={`${muted} break-words`}>
                      {t("portfolio.holdings")}:{" "}
                      {k.allocation.map((a) => `${a.currency} ${formatPercent(a.pct, locale)}`).join(", ")}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
