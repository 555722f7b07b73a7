// The dashboard in the browser against the simulator's demo accounts: balances that match the
// simulator's, three pages of the 50,000-order account, filters, an order with its trades, a
// month of trades exported and compared, the stale label after a forced 429, axe on every page,
// screenshots, and no horizontal scrolling on the phone. dashboard.e2e.ts runs it against
// Bitpanda Pro (/public/v1, both sizes), dashboard-fast.e2e.ts against One Trading Fast
// (/fast/v1, desktop): there the truth is read as Fast serves it (explicit ranges of at most
// 30 days, the last 30 days for lists without dates, as Keydesk asks).
import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import type { ServersState } from "./servers";
import { assertAccessible } from "./axe";
import { addKey, assertNoHorizontalScroll, hydrated, loadMore, shot as keep, signUp } from "./steps";
import { randomEmail } from "../helpers/random";

const DAY = 86_400_000;

type OrderRow = { order: { order_id: string; instrument_code: string; status: string } };
type TradeEntry = {
  trade: { trade_id: string; amount: string; price: string; time: string };
  fee: { fee_amount: string; fee_currency: string };
};

const CANCELLED = ["CLOSED", "REJECTED", "FILLED_CLOSED", "FILLED_REJECTED", "FAILED"];

export interface DashboardRun {
  page: Page;
  app: ServersState;
  demoKey: (name: string) => string;
  phone: boolean;
  /** The project's name, for the screenshots. */
  size: string;
  fast: boolean;
  seen: { push(text: string): void };
}

export async function runDashboard({ page, app, demoKey, phone, size, fast, seen }: DashboardRun): Promise<void> {
  // The truth straight from the simulator; an error answer fails here with its status and body
  // rather than as an undefined field further down.
  const upstream = async <T>(name: string, p: string): Promise<T> => {
    const res = await fetch(`${app.simUrl}${p}`, { headers: { authorization: `Bearer ${demoKey(name)}` } });
    const body = await res.text();
    expect(res.ok, `simulator ${p} answered ${res.status}: ${body.slice(0, 200)}`).toBe(true);
    return JSON.parse(body) as T;
  };
  // Fast answers at most 30 days per request (and 1 day of inactive orders without dates):
  // the truth is read over the same ranges Keydesk asks for.
  const ranged = (p: string, from: number, to: number) =>
    `${p}${p.includes("?") ? "&" : "?"}from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
  // One clock reading: two would make the window 30 days and a millisecond, which Fast refuses.
  const listed = (p: string) => {
    const now = Date.now();
    return fast ? ranged(p, now - 30 * DAY, now) : p;
  };
  const windows = (from: number, to: number): [number, number][] => {
    if (!fast) return [[from, to]];
    const out: [number, number][] = [];
    for (let end = to; end >= from; end = end - 30 * DAY - 1) out.push([Math.max(from, end - 30 * DAY), end]);
    return out;
  };
  const shot = (what: string) => keep(page, `dashboard-${fast ? "fast-" : ""}${what}-${size}`);
  const check = async (what: string) => {
    if (phone) await assertNoHorizontalScroll(page, what);
    await assertAccessible(page, `${what} (${size})`);
    await shot(what);
  };

  await signUp(page, randomEmail("dash"));
  await page.goto("/keys");
  await assertAccessible(page, `empty keys page (${size})`);
  await addKey(page, "Busy", demoKey("demo-busy"));
  await page.waitForURL(/\?added=1$/);
  const keyPath = new URL(page.url()).pathname;

  // Overview: a total in EUR and the allocation.
  await expect(page.getByTestId("total-eur")).toBeVisible();
  await expect(page.getByTestId("allocation")).toBeVisible();
  await check("overview");

  // Balances match the simulator's, exactly.
  await page.goto(`${keyPath}?tab=balances`);
  await expect(page.getByTestId(phone ? "balances-cards" : "balances-table")).toBeVisible();
  const hideSmall = page.getByLabel("Hide balances under €1");
  await hydrated(hideSmall);
  await hideSmall.uncheck();
  // The busy account keeps trading, and the page may open on the server's cached reading
  // (first paint): compare with the simulator, and when a balance moved in between, refresh
  // and compare again with a new reading.
  type Truth = { balances: { currency_code: string; available: string; locked: string }[] };
  let mismatch = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt) {
      const refresh = page.getByRole("button", { name: "Refresh balances" });
      await hydrated(refresh);
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/balances"));
      await refresh.click();
      await answered;
      // Re-rendered with the new reading once the button is back (it says "Refreshing…" until then).
      await expect(refresh).toBeEnabled();
    }
    const truth = await upstream<Truth>("demo-busy", "/account/balances");
    mismatch = "";
    for (const b of truth.balances) {
      const total = new Decimal(b.available).add(b.locked);
      if (phone) {
        const card = page
          .getByTestId("balances-cards")
          .getByRole("listitem")
          .filter({ hasText: new RegExp(`^${b.currency_code}`) });
        await expect(card, `a card for ${b.currency_code}`).toHaveCount(1);
      } else {
        const shown = (await page.getByTestId(`total-${b.currency_code}`).innerText()).replace(/,/g, "");
        if (!new Decimal(shown).eq(total)) mismatch ||= `${b.currency_code} total ${shown} = ${total.toFixed()}`;
      }
    }
    if (!mismatch) break;
  }
  expect(mismatch, "the balances shown are the simulator's").toBe("");
  await check("balances");

  // Orders: the first three pages are the simulator's first three pages, in order.
  await page.goto(`${keyPath}?tab=orders`);
  // One list at every width (not a table plus phone cards holding the same orders twice).
  const list = page.getByTestId("orders-list");
  await expect(page.getByTestId("orders-table")).toHaveCount(0);
  await expect(page.getByTestId("orders-cards")).toHaveCount(0);
  await expect(page.getByText("50 shown")).toBeVisible();
  await loadMore(page, 2);
  await loadMore(page, 3);
  const expected: string[] = [];
  let cursor: string | undefined;
  const ordersPath = listed("/account/orders?with_cancelled_and_rejected=true&max_page_size=50");
  for (let p = 0; p < 3; p++) {
    const r = await upstream<{ order_history: OrderRow[]; cursor?: string }>(
      "demo-busy",
      `${ordersPath}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expected.push(...r.order_history.map((o) => o.order.order_id));
    cursor = r.cursor;
  }
  const got = await list
    .locator("li[data-order-id]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-order-id")));
  expect(got, "orders pages 1-3 match the simulator, in order").toEqual(expected);
  expect(got).toHaveLength(150);
  await check("orders");

  // Filters: instrument and status group.
  await page.getByLabel("Instrument").selectOption("BTC_EUR");
  await page.getByLabel("Status").selectOption("cancelled");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/instrument=BTC_EUR/);
  await expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0);
  await expect(page.getByText(/\d+ shown/)).toBeVisible();
  // Each row: its instrument in the lead cell, its status as a word with the exchange's code on hover.
  const rows = await list
    .locator("li[data-order-id]")
    .evaluateAll((lis) =>
      lis.map((li) => [
        li.querySelector("[data-col=order]")?.textContent ?? "",
        li.querySelector("[data-col=status] [data-code]")?.getAttribute("data-code"),
      ]),
    );
  expect(rows.length, "some cancelled BTC_EUR orders").toBeGreaterThan(0);
  expect(
    rows.every(([lead, status]) => (lead ?? "").includes("BTC_EUR") && CANCELLED.includes(status ?? "")),
    `filtered rows are cancelled BTC_EUR orders: ${JSON.stringify(rows.slice(0, 3))}`,
  ).toBe(true);

  // An order with trades opens with its trades and fees.
  await page.getByRole("button", { name: "Reset" }).click();
  await page.waitForURL((u) => !u.search.includes("instrument="));
  await page.getByLabel("Status").selectOption("filled");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/status=filled/);
  const first = await upstream<{ order_history: (OrderRow & { trades?: unknown[] })[] }>(
    "demo-busy",
    listed("/account/orders?with_just_filled_inactive=true&max_page_size=10"),
  );
  const withTrades = first.order_history.find((o) => o.trades?.length);
  if (!withTrades) throw new Error("no filled order with trades in the simulator");
  await page.getByRole("button", { name: `Open order ${withTrades.order.order_id.slice(0, 8)}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("order-trades")).toBeVisible();
  const tradeTruth = await upstream<{ trade_history: TradeEntry[] }>(
    "demo-busy",
    `/account/orders/${withTrades.order.order_id}/trades`,
  );
  await expect(dialog.getByTestId("order-trades").locator("li"), "the order dialog shows its trades").toHaveCount(
    tradeTruth.trade_history.length,
  );
  await expect(dialog.getByText("Fee", { exact: true }).first()).toBeVisible();
  await shot("order-dialog");
  await assertAccessible(page, `order dialog (${size})`);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Trades tab renders too.
  await page.goto(`${keyPath}?tab=trades`);
  await expect(page.getByText(/\d+ shown/)).toBeVisible();
  await check("trades");
  await page.goto(`${keyPath}?tab=fees`);
  await expect(page.getByTestId("fee-tier")).toBeVisible();
  if (fast) {
    // SPOT and FUTURES groups, and no trading-volume figure (Fast has none) said in words.
    await expect(
      page.getByTestId("fee-tier").locator('[data-code="FUTURES"]').getByText("Futures", { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByTestId("trading-volume").getByText(/One Trading Fast has no separate trading-volume figure/),
    ).toBeVisible();
  }
  await check("fees");

  // Export a month of trades and compare the file with the simulator's trades.
  if (!phone) {
    await page.goto(`${keyPath}?tab=export`);
    // A closed range that ends yesterday: the simulator keeps trading today, and the truth is read after the export.
    const to = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 31 * DAY).toISOString().slice(0, 10);
    await page.getByLabel("From (UTC)").fill(from);
    await page.getByLabel("To (UTC)").fill(to);
    await expect(page.getByLabel("From (UTC)"), "the export range is the one typed").toHaveValue(from);
    await expect(page.getByLabel("To (UTC)"), "the export range is the one typed").toHaveValue(to);
    const download = page.waitForEvent("download", { timeout: 120_000 });
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, "utf8").split("\r\n").filter(Boolean);
    const header = csv.shift()!.split(",");
    const all: TradeEntry[] = [];
    for (const [wFrom, wTo] of windows(Date.parse(`${from}T00:00:00.000Z`), Date.parse(`${to}T23:59:59.999Z`))) {
      let c: string | undefined;
      do {
        const r = await upstream<{ trade_history: TradeEntry[]; cursor?: string }>(
          "demo-busy",
          `${ranged("/account/trades?max_page_size=100", wFrom, wTo)}${c ? `&cursor=${encodeURIComponent(c)}` : ""}`,
        );
        all.push(...r.trade_history);
        c = r.cursor;
      } while (c);
    }
    expect(all.length, "the simulator has trades in the month").toBeGreaterThan(0);
    expect(csv.length, `CSV has ${all.length} trades`).toBe(all.length);
    const id = header.indexOf("trade_id");
    const fee = header.indexOf("fee_amount");
    const rows = csv.map((line) => {
      const cells = line.split(",");
      return [cells[id], cells[fee]];
    });
    expect(rows, "CSV rows equal the simulator's trades, fees exact").toEqual(
      all.map((t) => [t.trade.trade_id, t.fee.fee_amount]),
    );
    await expect(page.getByText(/Done: \d+ rows/)).toBeVisible();
    await check("export");
  }

  // A forced 429 at the exchange: the refresh keeps the data and labels it stale. The account
  // then cools down for a minute for every viewer, so this run mints a key of an account of its
  // own: a demo account cooling down here would refuse another test's share check (seen as the
  // teams test's share never answering "Shared").
  const staleAccount = `cooling-${fast ? "fast" : "pro"}-${size}`;
  const minted = await fetch(`${app.controlUrl}/keys`, {
    method: "POST",
    body: JSON.stringify({
      scopes: ["READ_ONLY"],
      account: staleAccount,
      dialect: fast ? "fast" : "bitpanda",
      orders: 5,
    }),
  });
  expect(minted.status, `the simulator mints a key for ${staleAccount}`).toBe(201);
  const cooling = (await minted.json()) as { key: string; accountId: string };
  await addKey(page, "Cooling", cooling.key);
  await page.waitForURL(/\?added=1$/);
  await page.goto(`${new URL(page.url()).pathname}?tab=balances`);
  await expect(
    page.getByTestId("freshness-balances").getByText(/Updated|Cached|Live · prices as they change/),
  ).toBeVisible();
  await fetch(`${app.controlUrl}/faults`, {
    method: "POST",
    body: JSON.stringify({ kind: "ratelimit", account: cooling.accountId, count: 5 }),
  });
  const refresh = page.getByRole("button", { name: "Refresh balances" });
  await hydrated(refresh);
  await refresh.click();
  await expect(
    page.getByTestId("freshness-balances").getByText(/Stale: (rate-limited|the exchange is throttling this account)/),
  ).toBeVisible();
  await expect(phone ? page.getByTestId("balances-cards") : page.getByTestId("balances-table")).toBeVisible();
  await shot("stale");
  // Only this account's faults: other tests running meanwhile have faults of their own.
  await fetch(`${app.controlUrl}/faults?account=${encodeURIComponent(cooling.accountId)}`, { method: "DELETE" });

  // The Keys page now knows the key's value.
  await page.goto("/keys");
  await expect(page.getByTestId("key-card-value").filter({ hasText: "€" }).first()).toBeVisible();
  await check("keys");
  seen.push(await page.content());
}
