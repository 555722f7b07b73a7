// Words for how fresh exchange data is. Pure, shared by widgets and their tests.
// No catalogue here (it runs in the browser): the caller hands in its translator.
import type { Translate } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/messages";

export type Source = "live" | "cache" | "stale";

export function ageText(fetchedAt: string, now: number, t: Translate): string {
  const s = Math.max(0, Math.round((now - Date.parse(fetchedAt)) / 1000));
  if (s < 2) return t("fresh.justNow");
  if (s < 60) return t("fresh.seconds", { n: s });
  if (s < 3600) return t("fresh.minutes", { n: Math.floor(s / 60) });
  if (s < 86_400) return t("fresh.hours", { n: Math.floor(s / 3600) });
  return t("fresh.days", { n: Math.floor(s / 86_400) });
}

const REASONS = [
  "rate_limited",
  "ip_blocked",
  "account_cooldown",
  "upstream_error",
  "upstream_unreachable",
  "key_revoked",
  "key_rejected",
] as const;

export function freshnessText(
  f: { fetchedAt: string; source: Source; staleReason?: string; refreshDeclined?: string; live?: boolean },
  now: number,
  t: Translate,
  /** The words for "live" (prices by default; pushed balances and orders have their own). */
  liveText: MessageKey = "fresh.streaming",
): { text: string; tone: "ok" | "muted" | "warn" } {
  // Pushed by the exchange's stream as they change: no age to tell.
  if (f.live && f.source === "live") return { text: t(liveText), tone: "ok" };
  const age = ageText(f.fetchedAt, now, t);
  if (f.source === "stale") {
    const known = (REASONS as readonly string[]).includes(f.staleReason ?? "");
    const reason = known ? t(`stale.${f.staleReason as (typeof REASONS)[number]}`) : t("stale.unknown");
    return { text: t("fresh.stale", { reason, age }), tone: "warn" };
  }
  // A member's refresh of a shared key beyond their share: the cached answer, and why.
  if (f.source === "cache" && f.refreshDeclined) return { text: t("fresh.refreshDeclined", { age }), tone: "muted" };
  if (f.source === "cache") return { text: t("fresh.cache", { age }), tone: "muted" };
  return { text: t("fresh.live", { age }), tone: "ok" };
}
