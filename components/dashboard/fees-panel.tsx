"use client";
import type { AccountFees } from "@/lib/exchange/schemas";
import { compareDecimal, formatDecimal } from "@/lib/ui/format";
import { useI18n } from "@/components/i18n/locale-provider";
import { Freshness } from "@/components/data/freshness";
import { ErrorState, Skeleton } from "@/components/data/states";
import { useExchange } from "./use-exchange";
import { Panel } from "./panel";

type F<T> = { data: T; fetchedAt: string; source: "live" | "cache" | "stale"; staleReason?: string };

export function FeesPanel({ keyId }: { keyId: string }) {
  const { t, locale } = useI18n();
  const fees = useExchange<F<AccountFees>>(`/api/keys/${keyId}/fees`);
  const volume = useExchange<F<{ volume: string }>>(`/api/keys/${keyId}/trading-volume`);
  const f = fees.data?.data;
  const pct = (v: string) => `${formatDecimal(v, locale)} %`;
  return (
    <Panel id="fees" title={t("fees.title")} actions={<Freshness label="fees" data={fees.data} error={fees.error} validating={fees.isValidating} onRefresh={fees.refresh} />}>
      {fees.error ? <ErrorState error={fees.error} stale={Boolean(f)} /> : null}
      {!f && !fees.error ? <Skeleton rows={3} label={t("fees.title")} /> : null}
      {f ? (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="fee-tier">
            <dt className="text-slate-600 dark:text-slate-400">{t("fees.group")}</dt><dd>{f.fee_group_id}</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("fees.maker")}</dt><dd className="tabular-nums">{pct(f.active_fee_tier.maker_fee)}</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("fees.taker")}</dt><dd className="tabular-nums">{pct(f.active_fee_tier.taker_fee)}</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("fees.volume")}</dt><dd className="tabular-nums">{f.running_trading_volume === "" ? t("common.hidden") : formatDecimal(f.running_trading_volume, locale)}</dd>
            {f.collect_fees_in_best !== undefined ? (<><dt className="text-slate-600 dark:text-slate-400">{t("fees.bestFees")}</dt><dd>{f.collect_fees_in_best ? t("fees.yes") : t("fees.no")}</dd></>) : null}
            <dt className="text-slate-600 dark:text-slate-400">{t("fees.tradingVolume")}</dt>
            <dd className="tabular-nums">{volume.data ? (volume.data.data.volume === "" ? t("common.hidden") : formatDecimal(volume.data.data.volume, locale)) : volume.error ? volume.error.message : "…"}</dd>
          </dl>
          <table className="w-full text-sm">
            <caption className="mb-1 text-left font-medium">{t("fees.tiers")}</caption>
            <thead><tr className="border-b border-slate-200 text-left dark:border-slate-800"><th scope="col" className="py-1">{t("fees.tierFrom")}</th><th scope="col" className="text-right">{t("fees.maker")}</th><th scope="col" className="text-right">{t("fees.taker")}</th></tr></thead>
            <tbody>
              {[...f.fee_tiers].sort((a, b) => compareDecimal(a.volume, b.volume)).map((tier) => {
                const current = tier.volume === f.active_fee_tier.volume;
                return (
                  <tr key={tier.volume} className={`border-b border-slate-100 dark:border-slate-900 ${current ? "font-semibold" : ""}`} aria-current={current ? "true" : undefined}>
                    <td className="py-1 tabular-nums">{formatDecimal(tier.volume, locale)}{current ? ` (${t("fees.current")})` : ""}</td>
                    <td className="text-right tabular-nums">{pct(tier.maker_fee)}</td>
                    <td className="text-right tabular-nums">{pct(tier.taker_fee)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </Panel>
  );
}
