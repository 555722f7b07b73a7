// Backfill for a newly added key: up to 90 UTC days of daily values, rebuilt from the
// key's current balances walked back through its trades (fees included) and valued at each
// day's candle close, exactly as the Overview values balances (lib/money/valuation.ts via
// lib/snapshots/store.ts). Trades are read window by window within the dialect's history window (30 days
// on One Trading Fast, 100 on Bitpanda Pro), newest first; between windows and pages the run
// checks that the key still exists and is not stopped, and otherwise stops without another
// exchange call. A Read key cannot see deposits or withdrawals before its first snapshot: the
// points assume there were none, are stored with source "backfill" and shown as approximate.
import "server-only";
import Decimal from "decimal.js";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { CurrentUser } from "@/lib/sessions/session";
import { requireKeyAccess } from "@/lib/keys/access";
import { getDialectTraits } from "@/lib/env";
import { getGate } from "@/lib/limiter/instance";
import { backfillDayEnds, closesAt, tradeWindows, walkBack, type WalkTrade } from "./backfill-math";
import {
  readBalancesNow,
  readDailyCloses,
  readInstruments,
  readTradesPage,
  type BackfillReader,
  type InstrumentInfo,
} from "./backfill-read";
import { markRunning, setBackfill } from "@/lib/snapshots/backfill-state";
import { storeBackfillPoints, type BackfillPoint } from "./backfill-store";
import { valueSnapshot } from "@/lib/snapshots/store";

export type BackfillOutcome = "done" | "already-done" | "cancelled" | "no-read";

export interface BackfillHooks {
  /** After each window of trades (tests: delete or stop the key mid-run). */
  onProgress?: (p: { daysDone: number; daysTotal: number }) => Promise<void> | void;
}

/** Why the run must stop now: the key was deleted or stopped (null: carry on). */
async function stopReason(keyId: string): Promise<"deleted" | "stopped" | null> {
  const key = await db.apiKey.findUnique({ where: { id: keyId }, select: { status: true } });
  if (!key) return "deleted";
  return key.status === "stopped" || getGate().keys.isStopped(keyId) ? "stopped" : null;
}

class Cancelled extends Error {
  constructor(readonly reason: "deleted" | "stopped") {
    super(reason);
  }
}

async function checkpoint(keyId: string): Promise<void> {
  const why = await stopReason(keyId);
  if (why) throw new Cancelled(why);
}

function toWalkTrade(e: { trade: Record<string, unknown>; fee: Record<string, unknown> }): WalkTrade {
  const t = e.trade as { instrument_code: string; side: "BUY" | "SELL"; amount: string; price: string; time: string };
  const f = e.fee as { fee_amount: string; fee_currency: string };
  return { ...t, time: Date.parse(t.time), fee_amount: f.fee_amount, fee_currency: f.fee_currency };
}

/** The instruments whose closes price every currency held on some day (direct EUR, via BTC, via a quote). */
function instrumentsToPrice(currencies: ReadonlySet<string>, all: readonly InstrumentInfo[]): InstrumentInfo[] {
  return all.filter(
    (i) =>
      i.code === "BTC_EUR" ||
      currencies.has(i.code) ||
      (i.code.split("_").length === 2 && (currencies.has(i.base) || currencies.has(i.quote))),
  );
}

export async function runBackfill(keyId: string, hooks: BackfillHooks = {}): Promise<BackfillOutcome> {
  const row = await db.keyBackfill.findUnique({ where: { keyId }, select: { state: true } });
  if (row?.state === "done") return "already-done";
  const maxDays = getEnv().KEYDESK_BACKFILL_DAYS;
  if (maxDays === 0) {
    // Turned off here: nothing to rebuild, and no exchange call for it.
    await setBackfill(keyId, { state: "done", daysDone: 0, daysTotal: 0, finishedAt: new Date() });
    return "done";
  }
  try {
    await checkpoint(keyId);
    const key = await db.apiKey.findUniqueOrThrow({
      where: { id: keyId },
      select: { ownerId: true, owner: { select: { email: true, name: true } } },
    });
    const owner: CurrentUser = { id: key.ownerId, email: key.owner.email, name: key.owner.name, sessionId: "job" };
    const access = await requireKeyAccess(owner, keyId, "read");
    if (!access.scopes.includes("READ_ONLY")) {
      await setBackfill(keyId, { state: "failed", reason: "MISSING_PERMISSION", finishedAt: new Date() });
      return "no-read";
    }
    await markRunning(keyId);
    const reader: BackfillReader = { owner, keyId, access };
    const now = await readBalancesNow(reader);
    const first = await db.keySnapshot.findFirst({
      where: { keyId, source: { not: "backfill" } },
      orderBy: { at: "asc" },
      select: { at: true },
    });
    const dayEnds = backfillDayEnds(now.at, first?.at.getTime() ?? null, maxDays);
    const daysTotal = dayEnds.length;
    await setBackfill(keyId, { daysTotal, daysDone: 0 });
    const trades: WalkTrade[] = [];
    if (daysTotal > 0) {
      let reached = Infinity;
      for (const win of tradeWindows(dayEnds[daysTotal - 1]! + 1, now.at, getDialectTraits().historyWindowMs)) {
        let cursor: string | null = null;
        let daysDone = 0;
        do {
          await checkpoint(keyId);
          const page = await readTradesPage(reader, win, cursor);
          const got = page.trade_history.map(toWalkTrade);
          trades.push(...got);
          cursor = page.cursor ?? null;
          // Pages come newest first (lib/exchange/REFERENCE.md §5.4): every day ending at or after the oldest
          // trade read so far has all its later trades (the whole window once it is read).
          reached = cursor ? Math.min(reached, ...got.map((t) => t.time)) : win.from - 1;
          daysDone = dayEnds.filter((e) => e >= reached).length;
          await setBackfill(keyId, { daysDone });
        } while (cursor);
        await hooks.onProgress?.({ daysDone, daysTotal });
      }
    }
    const current = new Map<string, Decimal>();
    for (const b of now.balances) current.set(b.currency_code, new Decimal(b.available).add(b.locked));
    const held = new Set([...current.keys()]);
    for (const t of trades) for (const c of [...t.instrument_code.split("_"), t.fee_currency]) held.add(c);
    const points: BackfillPoint[] = [];
    if (daysTotal > 0) {
      await checkpoint(keyId);
      const instruments = await readInstruments(owner.id);
      const precision = new Map(instruments.map((i) => [i.code, i.quotePrecision]));
      const closes = new Map<string, Map<number, string>>();
      for (const i of instrumentsToPrice(held, instruments)) {
        await checkpoint(keyId);
        closes.set(i.code, await readDailyCloses(owner.id, i.code, dayEnds[daysTotal - 1]!, dayEnds[0]!));
      }
      for (const day of walkBack(current, now.at, trades, dayEnds, (c) => precision.get(c) ?? 8)) {
        const balances = [...day.balances].map(([currency_code, amount]) => ({
          currency_code,
          available: amount.toFixed(),
          locked: "0",
        }));
        const valued = valueSnapshot(balances, closesAt(closes, day.dayEnd));
        points.push({ at: new Date(day.dayEnd), ...valued });
      }
    }
    const stored = await storeBackfillPoints(keyId, points);
    if (stored.outcome === "gone") throw new Cancelled((await stopReason(keyId)) ?? "deleted");
    await setBackfill(keyId, { state: "done", daysDone: daysTotal, finishedAt: new Date() });
    return "done";
  } catch (err) {
    // A read refused because the key went meanwhile (not found, stopped) is a cancel, not a failure.
    const why = err instanceof Cancelled ? err.reason : await stopReason(keyId);
    if (why) {
      // A deleted key's row went with it; a stopped key's says why it stopped.
      await setBackfill(keyId, { state: "cancelled", reason: why, finishedAt: new Date() });
      return "cancelled";
    }
    const code = (err as { code?: unknown } | null)?.code;
    await setBackfill(keyId, { state: "failed", reason: typeof code === "string" ? code : "error" });
    throw err;
  }
}
