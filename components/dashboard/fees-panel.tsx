"use client";
// The key's fees in Keydesk's fee model: one block per fee group (Bitpanda Pro: one group with
// its tier table; One Trading Fast: SPOT and FUTURES, combined across subaccounts), and the
// trading volume where the exchange has one (it says so plainly where it doesn't).
import type { AccountFees, FeeGroup } from "@/lib/exchange/model";
import { compareDecimal, formatFeeRate, formatMoney } from "@/lib/format/format";
import { CodeWord } from "@/components/ui/code-word";
import { useI18n } from "@/components/i18n/locale-provider";
import { Freshness } from "@/components/data/freshness";
import { ErrorState, Skeleton } from "@/components/data/states";
import { FeesPaid } from "./fees-paid";
import { useExchange, type Initial } from "./use-exchange";
import { Panel } from "./panel";

type F<T> = { data: T; fetchedAt: string; source: "live" | "cache" | "stale"; staleReason?: string };
type Volume = F<{ volume: string } | null> & { unsupported?: boolean };

const dt = "text-slate-600 dark:text-slate-400";

function GroupBlock({ g, volumeLabel }: { g: FeeGroup; volumeLabel: string }) {
  const { t, locale } = useI18n();
  const pct = (v: string) => formatFeeRate(v, locale);
  // Volumes are in the group's volume currency (Fast says so; Bitpanda Pro's are in EUR).
  const currency = g.volume_currency ?? "EUR";
  const money = (v: string) => formatMoney(v, currency, locale, currency === "EUR" ? 2 : undefined);
  const volume = g.running_volume === "" ? t("common.hidden") : money(g.running_volume);
  return (
    <div className="flex flex-col gap-2" data-fee-group={g.fee_group_id}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className={dt}>{t("fees.group")}</dt>
        <dd>
          <CodeWord kind="feeGroup" code={g.fee_group_id} />
        </dd>
        <dt className={dt}>{t("fees.maker")}</dt>
        <dd className="tabular-nums">{g.active_tier ? pct(g.active_tier.maker_fee) : t("fees.noTier")}</dd>
        <dt className={dt}>{t("fees.taker")}</dt>
        <dd className="tabular-nums">{g.active_tier ? pct(g.active_tier.taker_fee) : t("fees.noTier")}</dd>
        <dt className={dt}>{volumeLabel}</dt>
        <dd className="tabular-nums">{volume}</dd>
      </dl>
      {g.tiers.length ? (
        <table className="w-full text-sm">
          <caption className="mb-1 text-left font-medium">{t("fees.tiers")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th scope="col" className="py-1">
                {t("fees.tierFrom")}
              </th>
              <th scope="col" className="text-right">
                {t("fees.maker")}
              </th>
              <th scope="col" className="text-right">
                {t("fees.taker")}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...g.tiers]
              .sort((a, b) => compareDecimal(a.volume, b.volume))
              .map((tier) => {
                const current = tier.volume === g.active_tier?.volume;
                return (
                  <tr
                    key={tier.volume}
                    className={`border-b border-slate-100 dark:border-slate-900 ${current ? "font-semibold" : ""}`}
                    aria-current={current ? "true" : undefined}
                  >
                    <td className="py-1 tabular-nums">
                      {money(tier.volume)}
                      {current ? ` (${t("fees.current")})` : ""}
                    </td>
                    <td className="text-right tabular-nums">{pct(tier.maker_fee)}</td>
                    <td className="text-right tabular-nums">{pct(tier.taker_fee)}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export function FeesPanel({
  keyId,
  initial,
}: {
  keyId: string;
  initial?: { fees?: Initial<F<AccountFees>>; volume?: Initial<Volume> };
}) {
  const { t, locale } = useI18n();
  const fees = useExchange<F<AccountFees>>(`/api/keys/${keyId}/fees`, { initial: initial?.fees });
  const volume = useExchange<Volume>(`/api/keys/${keyId}/trading-volume`, { initial: initial?.volume });
  const f = fees.data?.data;
  const v = volume.data;
  const volumeText = v?.unsupported
    ? t("fees.tradingVolumeUnsupported")
    : v?.data
      ? v.data.volume === ""
        ? t("common.hidden")
        : formatMoney(v.data.volume, "EUR", locale, 2)
      : volume.error
        ? volume.error.message
        : "…";
  return (
    <Panel
      id="fees"
      title={t("fees.title")}
      actions={
        <Freshness
          label="fees"
          data={fees.data}
          error={fees.error}
          validating={fees.isValidating}
          onRefresh={() => void fees.refresh()}
        />
      }
    >
      {fees.error ? <ErrorState error={fees.error} stale={Boolean(f)} /> : null}
      {!f && !fees.error ? <Skeleton rows={3} label={t("fees.title")} /> : null}
      {f ? (
        <>
          <div className="flex flex-col gap-4" data-testid="fee-tier">
            {f.groups.map((g) => (
              <GroupBlock
                key={g.fee_group_id}
                g={g}
                volumeLabel={f.combined_across_subaccounts ? t("fees.groupVolume") : t("fees.volume")}
              />
            ))}
          </div>
          {f.combined_across_subaccounts ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("fees.combined")}</p>
          ) : null}
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {f.collect_fees_in_best !== undefined ? (
              <>
                <dt className={dt}>{t("fees.bestFees")}</dt>
                <dd>{f.collect_fees_in_best ? t("fees.yes") : t("fees.no")}</dd>
              </>
            ) : null}
            <dt className={dt}>{t("fees.tradingVolume")}</dt>
            <dd
              className={v?.unsupported ? "text-slate-700 dark:text-slate-300" : "tabular-nums"}
              data-testid="trading-volume"
            >
              {volumeText}
            </dd>
          </dl>
          <FeesPaid keyId={keyId} />
        </>
      ) : null}
    </Panel>
  );
}
