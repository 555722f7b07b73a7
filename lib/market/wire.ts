// The exchange's WebSocket messages for market prices, both dialects (lib/exchange/WEBSOCKET.md
// §3, §5, §7), as pure functions: the subscribe message for a set of instruments, and what an
// incoming message means for prices. One Trading Fast: PRICE_TICKS (history first, then each
// trade), nanosecond integer times kept exact as strings. Bitpanda Pro: MARKET_TICKER with
// inline price points (last price and the 24 h change), ISO times.
import type { Dialect } from "@/lib/exchange/dialect";

export interface PriceUpdate {
  instrument: string;
  /** The last trade price, a decimal string exactly as sent. */
  price: string;
  /** The 24 h change in percent (Bitpanda Pro sends it; Fast does not). */
  changePct?: string;
  /** The exchange's own time, as sent (Fast: nanoseconds since the epoch, exact; Bitpanda Pro: ISO). */
  time: string;
  /** The same time in epoch milliseconds (for ages and latencies). */
  timeMs: number;
}

export type MarketMessage =
  | { kind: "prices"; updates: PriceUpdate[]; history: boolean }
  | { kind: "subscribed" }
  | { kind: "heartbeat" }
  | { kind: "error"; error: string }
  | { kind: "other" };

/** The channel each dialect prices with. */
export function subscribeMessage(dialect: Dialect, instruments: readonly string[], update = false): string {
  const codes = [...instruments].sort();
  if (dialect === "onetrading-fast")
    return JSON.stringify({ type: "SUBSCRIBE", channels: [{ name: "PRICE_TICKS", instrument_codes: codes }] });
  return JSON.stringify({
    type: update ? "UPDATE_SUBSCRIPTION" : "SUBSCRIBE",
    channels: [{ name: "MARKET_TICKER", price_points_mode: "INLINE", instrument_codes: codes }],
  });
}

/** Whether this dialect can add instruments to a live subscription (else: a new SUBSCRIBE). */
export function canUpdateSubscription(dialect: Dialect): boolean {
  return dialect === "bitpanda-pro";
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Nanoseconds since the epoch (integer, or its string) → the exact string and its milliseconds. */
export function nanosTime(raw: unknown): { time: string; timeMs: number } | null {
  const s = typeof raw === "bigint" ? raw.toString() : typeof raw === "string" ? raw : null;
  if (s === null || !/^\d{1,25}$/.test(s)) return null;
  return { time: s, timeMs: Number(BigInt(s) / 1_000_000n) };
}

function isoTime(raw: unknown): { time: string; timeMs: number } | null {
  if (typeof raw !== "string") return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? { time: raw, timeMs: ms } : null;
}

function str(v: unknown): string | null {
  return typeof v === "string" && DECIMAL.test(v) ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : null;
}

function record(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/**
 * JSON.parse that keeps Fast's nanosecond integers exact: any bare integer of 16 digits or more
 * after `"time":` becomes a string before parsing (a JS number would round it).
 */
export function parseExact(text: string): unknown {
  return JSON.parse(text.replace(/("time"\s*:\s*)(\d{16,})/g, '$1"$2"'));
}

function fastTick(m: Record<string, unknown>): PriceUpdate | null {
  const instrument = typeof m.instrument_code === "string" ? m.instrument_code : null;
  const price = str(m.price);
  const t = nanosTime(m.time);
  return instrument && price && t ? { instrument, price, ...t } : null;
}

function legacyTicker(m: Record<string, unknown>, fallback: { time: string; timeMs: number } | null) {
  const instrument = typeof m.instrument === "string" ? m.instrument : null;
  const price = str(m.last_price);
  const change = str(m.price_change_percentage);
  const t = isoTime(m.time) ?? fallback;
  return instrument && price && t ? { instrument, price, ...(change ? { changePct: change } : {}), ...t } : null;
}

/** What one text frame from the exchange says about prices. Unknown messages are "other", never errors. */
export function parseMarketMessage(dialect: Dialect, text: string): MarketMessage {
  let raw: unknown;
  try {
    raw = parseExact(text);
  } catch {
    return { kind: "other" };
  }
  const m = record(raw);
  if (!m) return { kind: "other" };
  if (typeof m.error === "string") return { kind: "error", error: m.error };
  if (m.type === "HEARTBEAT") return { kind: "heartbeat" };
  if (m.type === "SUBSCRIPTIONS" || m.type === "SUBSCRIPTION_UPDATED") return { kind: "subscribed" };
  if (dialect === "onetrading-fast") {
    if (m.type === "PRICE_TICK") {
      const u = fastTick(m);
      return u ? { kind: "prices", updates: [u], history: false } : { kind: "other" };
    }
    // The latest ticks on subscribing: one message holding them (the simulator's and CCXT's form).
    if (m.type === "PRICE_TICK_HISTORY" || m.type === "PRICE_TICKS_SNAPSHOT") {
      const list = Array.isArray(m.history) ? m.history : Array.isArray(m.ticks) ? m.ticks : [];
      const updates = list
        .map((x) => record(x))
        .map((x) => (x ? fastTick({ instrument_code: m.instrument_code, ...x }) : null))
        .filter((u): u is PriceUpdate => u !== null);
      return { kind: "prices", updates, history: true };
    }
    return { kind: "other" };
  }
  if (m.type === "MARKET_TICKER_UPDATES" && Array.isArray(m.ticker_updates)) {
    const at = isoTime(m.time);
    const updates = m.ticker_updates
      .map((x) => record(x))
      .map((x) => (x ? legacyTicker(x, at) : null))
      .filter((u): u is PriceUpdate => u !== null);
    return { kind: "prices", updates, history: false };
  }
  if (m.type === "PRICE_POINT_UPDATES" && Array.isArray(m.price_updates)) {
    const updates: PriceUpdate[] = [];
    for (const pu of m.price_updates) {
      const r = record(pu);
      const instrument = r && typeof r.instrument === "string" ? r.instrument : null;
      const points = r && Array.isArray(r.prices) ? r.prices : [];
      const last = record(points[points.length - 1]);
      const price = last ? str(last.close_price) : null;
      const t = last ? isoTime(last.time) : null;
      if (instrument && price && t) updates.push({ instrument, price, ...t });
    }
    return { kind: "prices", updates, history: false };
  }
  return { kind: "other" };
}
