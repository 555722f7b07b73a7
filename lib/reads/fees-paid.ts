// "Fees paid" for a chosen range: the key's trades in the range, read page by page through the
// gate (the same history walk the Trades tab uses), their fees summed per currency exactly, and
// each currency's sum valued in EUR at today's prices (the valuation the Overview uses). A range
// with more trades than MAX_PAGES pages says the sum is of the first ones only. Members whose
// share hides amounts get no figure.
import "server-only";
import Decimal from "decimal.js";
import type { CurrentUser } from "@/lib/sessions/session";
import type { KeyAccess } from "@/lib/keys/access";
import { valueBalances } from "@/lib/money/valuation";
import { listTradesPage } from "./history";
import { readMarketEndpoint } from "./endpoints";

export const FEE_RANGES = { "7d": 7, "30d": 30, "90d": 90 } as const;
export type FeeRange = keyof typeof FEE_RANGES;

const DAY_MS = 86_400_000;
const PAGE_SIZE = 100;
const MAX_PAGES = 30;

export interface FeesPaid {
  range: FeeRange;
  from: string;
  to: string;
  trades: number;
  /** False when the range had more trades than Keydesk reads for this sum. */
  complete: boolean;
  amountsHidden?: boolean;
  byCurrency: { currency: string; amount: string; valueEur: string | null }[];
  /** The sum of the EUR values; null when a currency has no price. */
  totalEur: string | null;
  fetchedAt: string;
  source: "live" | "cache" | "stale";
}

export async function readFeesPaid(
  user: CurrentUser,
  access: KeyAccess,
  range: FeeRange,
  now = new Date(),
): Promise<FeesPaid> {
  const to = now;
  const from = new Date(now.getTime() - FEE_RANGES[range] * DAY_MS);
  const base = { range, from: from.toISOString(), to: to.toISOString() };
  if (access.hideAmounts)
    return {
      ...base,
      trades: 0,
      complete: true,
      amountsHidden: true,
      byCurrency: [],
      totalEur: null,
      fetchedAt: to.toISOString(),
      source: "live",
    };
  const sums = new Map<string, Decimal>();
  let trades = 0;
  let cursor: string | undefined;
  let pages = 0;
  let oldest: { fetchedAt: string; source: FeesPaid["source"] } | null = null;
  do {
    const page = await listTradesPage(
      user,
      access.id,
      { from: base.from, to: base.to, status: "all", pageSize: PAGE_SIZE, cursor },
      { access },
    );
    for (const t of page.items) {
      trades++;
      const c = t.fee.fee_currency;
      sums.set(c, (sums.get(c) ?? new Decimal(0)).add(t.fee.fee_amount));
    }
    if (!oldest || page.source === "stale" || Date.parse(page.fetchedAt) < Date.parse(oldest.fetchedAt))
      oldest = { fetchedAt: page.fetchedAt, source: page.source };
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < MAX_PAGES);
  const tickers = await readMarketEndpoint(user, "tickers");
  const valued = valueBalances(
    [...sums].map(([currency_code, v]) => ({ currency_code, available: v.toFixed(), locked: "0" })),
    tickers.data,
  );
  const byCurrency = valued.rows
    .map((r) => ({ currency: r.currency, amount: r.total, valueEur: r.valueEur }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return {
    ...base,
    trades,
    complete: !cursor,
    byCurrency,
    totalEur: valued.unpriced.length ? null : valued.totalEur,
    fetchedAt: oldest?.fetchedAt ?? to.toISOString(),
    source: oldest?.source ?? "live",
  };
}
