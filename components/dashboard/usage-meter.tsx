"use client";
// The exchange budget in use this window (this server's IP, this key's account, the share of it
// the team members it is shared with may use together, and you), shown only when one of them
// nears its limit, in words. The server renders the first view (`initial`); polling every 5 s starts from it.
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

/** Past this share of a layer's window, pacing may soon delay refreshes: the meter shows. */
const MATTERS_AT = 0.6;

/** The layer closest to its limit, with its name; null when every layer is comfortably below. */
function tightest(data: Usage, accountId: string, t: ReturnType<typeof useI18n>["t"]) {
  const account = data.accounts.find((a) => a.accountId === accountId);
  const layers: { who: string; layer: Layer }[] = [
    { who: t("usage.ip"), layer: data.ip },
    ...(account ? [{ who: t("usage.account"), layer: account }] : []),
    ...(account?.members
      ? [
          {
            who: t("usage.members", { percent: account.members.sharePercent }),
            layer: { ...account.members, windowSeconds: account.windowSeconds },
          },
        ]
      : []),
    { who: t("usage.you"), layer: data.user },
  ];
  const share = (l: Layer) => l.usedThisWindow / Math.max(1, l.pointsPerWindow);
  const top = layers.reduce((a, b) => (share(b.layer) > share(a.layer) ? b : a));
  return { top, share: share(top.layer), account };
}

/**
 * The exchange budget, only when it matters and in words: nothing while every layer is well
 * below its limit; past 60 % of one (or in a cool-down, a block, or on the reduced local
 * budget) one sentence says who is near the limit and what it means, with a meter beside it.
 */
export function UsageMeter({ accountId, initial }: { accountId: string; initial?: Usage }) {
  const { t } = useI18n();
  const { data } = useSWR<Usage>("/api/usage", fetchJson, {
    refreshInterval: 5_000,
    // From the server's value: the next reading comes with the poll, not at hydration or first focus.
    ...(initial ? { fallbackData: initial, revalidateOnMount: false, revalidateOnFocus: false } : {}),
  });
  if (!data) return null;
  const { top, share, account } = tightest(data, accountId, t);
  const blockedS = Math.ceil(data.ip.blockedForMs / 1000);
  const cooldownS = Math.ceil((account?.cooldownMs ?? 0) / 1000);
  if (share < MATTERS_AT && !blockedS && !cooldownS && data.mode !== "fallback") return null;
  const l = top.layer;
  return (
    <section
      aria-label={t("usage.label")}
      className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 px-3 py-2 text-xs dark:border-amber-700"
      data-testid="usage-meter"
    >
      <p className="min-w-0">
        {blockedS
          ? t("usage.blocked", { seconds: blockedS })
          : cooldownS
            ? t("usage.cooldown", { seconds: cooldownS })
            : t("usage.near", {
                who: top.who,
                used: l.usedThisWindow,
                max: l.pointsPerWindow,
                seconds: l.windowSeconds,
              })}
        {data.mode === "fallback" ? ` ${t("usage.degraded")}` : ""}
      </p>
      <meter
        min={0}
        max={l.pointsPerWindow}
        low={l.pointsPerWindow * MATTERS_AT}
        high={l.pointsPerWindow * 0.85}
        optimum={0}
        value={l.usedThisWindow}
        aria-label={`${top.who}: ${Math.min(100, Math.round(share * 100))} %`}
        className="h-2 w-24"
      />
    </section>
  );
}
