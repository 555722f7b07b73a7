"use client";
// The exchange budget in use this window: this server's IP, this key's account, the share of it
// the team members it is shared with may use together, and you. The
// server renders the first view (`initial`); polling every 5 s starts from it.
import useSWR from "swr";
import { fetchJson } from "@/components/data/fetcher";
import { useI18n } from "@/components/i18n/locale-provider";

type Layer = { usedThisWindow: number; pointsPerWindow: number; windowSeconds: number };
type Usage = {
  mode: "memory" | "redis" | "fallback";
  ip: Layer & { blockedForMs: number };
  user: Layer;
  accounts: (Layer & {
    accountId: string;
    cooldownMs: number;
    members?: Omit<Layer, "windowSeconds"> & { sharePercent: number };
  })[];
};

function Bar({ label, layer }: { label: string; layer: Layer }) {
  const pct = Math.min(100, Math.round((layer.usedThisWindow / Math.max(1, layer.pointsPerWindow)) * 100));
  return (
    <div className="flex min-w-24 flex-col gap-0.5">
      <span className="flex justify-between gap-2">
        <span>{label}</span>
        <span className="tabular-nums">
          {layer.usedThisWindow}/{layer.pointsPerWindow}
        </span>
      </span>
      <meter
        min={0}
        max={layer.pointsPerWindow}
        low={layer.pointsPerWindow * 0.6}
        high={layer.pointsPerWindow * 0.85}
        optimum={0}
        value={layer.usedThisWindow}
        aria-label={`${label}: ${pct} %`}
        className="h-2 w-full"
      />
    </div>
  );
}

export function UsageMeter({ accountId, initial }: { accountId: string; initial?: Usage }) {
  const { t } = useI18n();
  const { data } = useSWR<Usage>("/api/usage", fetchJson, {
    refreshInterval: 5_000,
    // From the server's value: the next reading comes with the poll, not at hydration or first focus.
    ...(initial ? { fallbackData: initial, revalidateOnMount: false, revalidateOnFocus: false } : {}),
  });
  if (!data) return null;
  const account = data.accounts.find((a) => a.accountId === accountId);
  const windowS = data.ip.windowSeconds;
  return (
    <section
      aria-label={t("usage.label")}
      className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 px-3 py-2 text-xs dark:border-slate-800"
      data-testid="usage-meter"
    >
      <span className="font-medium">
        {t("usage.label")} <span className="font-normal text-slate-600 dark:text-slate-400">/ {windowS} s</span>
      </span>
      <Bar label={t("usage.ip")} layer={data.ip} />
      {account ? <Bar label={t("usage.account")} layer={account} /> : null}
      {account?.members ? (
        <Bar
          label={t("usage.members", { percent: account.members.sharePercent })}
          layer={{ ...account.members, windowSeconds: account.windowSeconds }}
        />
      ) : null}
      <Bar label={t("usage.you")} layer={data.user} />
      {data.mode === "fallback" ? (
        <span className="text-amber-800 dark:text-amber-300">{t("usage.degraded")}</span>
      ) : null}
    </section>
  );
}
