// The dashboard in the browser against the simulator's demo accounts, desktop and phone:
// balances that match the simulator's, three pages of the 50,000-order account, filters, an
// order with its trades, a month of trades exported and compared, the stale label after a
// forced 429, axe on every page, screenshots, and no horizontal scrolling on the phone.
// It runs against Bitpanda Pro (/public/v1, both viewports) and once more against One Trading
// Fast (/fast/v1, desktop): there the truth is read as Fast serves it (explicit ranges of at
// most 30 days, the last 30 days for lists without dates, as Keydesk asks).
import { readFileSync } from "node:fs";
import path from "node:path";
import Decimal from "decimal.js";
import type { Browser } from "playwright-core";
import { ARTIFACTS, expectTrue, test } from "./harness";
import { VIEWPORTS } from "./browser";
import { assertNoHorizontalScroll } from "./auth-shell.e2e";
import { assertAccessible } from "./axe";
import { addKey, recordBodies, signUp } from "./vault.e2e";
import { randomEmail } from "../helpers/random";

interface DashCtx {
  browser: () => Browser;
  baseUrl: () => string;
  demoKey: (name: string) => string;
  simUrl: () => string;
  controlUrl: () => string;
  seen: string[];
  /** "fast": the simulator and app speak One Trading Fast. */
  dialect?: "fast";
  /** Starts what this run needs (the Fast app and simulator) before the first test uses it. */
  prepare?: () => Promise<void>;
}

const DAY = 86_400_000;

type OrderRow = { order: { order_id: string; instrument_code: string; status: string } };
type TradeEntry = {
  trade: { trade_id: string; amount: string; price: string; time: string };
  fee: { fee_amount: string; fee_currency: string };
};

const CANCELLED = ["CLOSED", "REJECTED", "FILLED_CLOSED", "FILLED_REJECTED", "FAILED"];

export function registerDashboardTests(ctx: DashCtx): void {
  // The truth straight from the simulator; an error answer fails here with its status and body
  // rather than as an undefined field further down.
  const upstream = async <T>(name: string, p: string): Promise<T> => {
    const res = await fetch(`${ctx.simUrl()}${p}`, { headers: { authorization: `Bearer ${ctx.demoKey(name)}` } });
    const body = await res.text();
    expectTrue(res.ok, `simulator ${p} answered ${res.status}: ${body.slice(0, 200)}`);
    return JSON.parse(body) as T;
  };

  const fast = ctx.dialect === "fast";
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

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    if (fast && name === "phone") continue;
    test(`dashboard${fast ? " on One Trading Fast" : ""}: balances, orders to page 3, filters, order trades, export, stale label, axe (${name})`, async () => {
      await ctx.prepare?.();
      const phone = name === "phone";
      const context = await ctx
        .browser()
        .newContext({ viewport, baseURL: ctx.baseUrl(), isMobile: phone, hasTouch: phone, acceptDownloads: true });
      recordBodies(context, ctx.seen);
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      const shot = (what: string) =>
        page.screenshot({
          path: path.join(ARTIFACTS, `dashboard-${fast ? "fast-" : ""}${what}-${name}.png`),
          fullPage: true,
        });
      const check = async (what: string) => {
        if (phone) await assertNoHorizontalScroll(page, what);
        await assertAccessible(page, `${what} (${name})`);
        await shot(what);
      };
      let ok = false;
      try {
        await signUp(page, randomEmail("dash"));
        await page.goto("/keys");
        await assertAccessible(page, `empty keys page (${name})`);
        await addKey(page, "Busy", ctx.demoKey("demo-busy"));
        await page.waitForURL(/\?added=1$/);
        const keyPath = new URL(page.url()).pathname;

        // Overview: a total in EUR and the allocation.
        await page.getByTestId("total-eur").waitFor();
        await page.getByTestId("allocation").waitFor();
        await check("overview");

        // Balances match the simulator's, exactly.
        await page.goto(`${keyPath}?tab=balances`);
        await page.getByTestId(phone ? "balances-cards" : "balances-table").waitFor();
        await page.getByLabel("Hide balances under €1").uncheck();
        // The busy account keeps trading, and the page may open on the server's cached reading
        // (first paint): compare with the simulator, and when a balance moved in between, refresh
        // and compare again with a new reading.
        type Truth = { balances: { currency_code: string; available: string; locked: string }[] };
        let mismatch = "";
        for (let attempt = 0; attempt < 5; attempt++) {
          if (attempt) {
            await page.getByRole("button", { name: "Refresh balances" }).click();
            await page.waitForTimeout(1_500);
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
              expectTrue((await card.count()) === 1, `a card for ${b.currency_code}`);
            } else {
              const shown = (await page.getByTestId(`total-${b.currency_code}`).innerText()).replace(/,/g, "");
              if (!new Decimal(shown).eq(total)) mismatch ||= `${b.currency_code} total ${shown} = ${total.toFixed()}`;
            }
          }
          if (!mismatch) break;
        }
        expectTrue(!mismatch, mismatch);
        await check("balances");

        // Orders: the first three pages are the simulator's first three pages, in order.
        await page.goto(`${keyPath}?tab=orders`);
        const list = page.getByTestId(phone ? "orders-cards" : "orders-table");
        const ids = async () =>
          list.locator("tr[data-order-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-order-id")));
        await page.getByText("50 shown").waitFor();
        await page.getByRole("button", { name: "Load more" }).click();
        await page.getByText("100 shown").waitFor();
        await page.getByRole("button", { name: "Load more" }).click();
        await page.getByText("150 shown").waitFor();
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
        if (!phone) {
          const got = await ids();
          expectTrue(
            got.length === 150 && got.every((id, i) => id === expected[i]),
            `orders pages 1-3 match the simulator (first mismatch at ${got.findIndex((id, i) => id !== expected[i])})`,
          );
        } else {
          expectTrue((await list.locator("li").count()) === 150, "150 order cards");
        }
        await check("orders");

        // Filters: instrument and status group.
        await page.getByLabel("Instrument").selectOption("BTC_EUR");
        await page.getByLabel("Status").selectOption("cancelled");
        await page.getByRole("button", { name: "Apply filters" }).click();
        await page.waitForURL(/instrument=BTC_EUR/);
        await page.waitForFunction(() => !document.querySelector('[role="status"][aria-label^="Loading"]'));
        await page.getByText(/\d+ shown/).waitFor();
        if (!phone) {
          const rows = await page
            .getByTestId("orders-table")
            .locator("tbody tr")
            .evaluateAll((trs) => trs.map((tr) => [tr.children[1]?.textContent, tr.children[8]?.textContent]));
          expectTrue(rows.length > 0, "some cancelled BTC_EUR orders");
          expectTrue(
            rows.every(([inst, status]) => inst === "BTC_EUR" && CANCELLED.includes(status ?? "")),
            `filtered rows are cancelled BTC_EUR orders: ${JSON.stringify(rows.slice(0, 3))}`,
          );
        }

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
        expectTrue(withTrades, "a filled order with trades in the simulator");
        await page.getByRole("button", { name: `Open order ${withTrades.order.order_id.slice(0, 8)}` }).click();
        const dialog = page.getByRole("dialog");
        await dialog.getByTestId("order-trades").waitFor();
        const tradeTruth = await upstream<{ trade_history: TradeEntry[] }>(
          "demo-busy",
          `/account/orders/${withTrades.order.order_id}/trades`,
        );
        const shownTrades = await dialog.getByTestId("order-trades").locator("li").count();
        expectTrue(
          shownTrades === tradeTruth.trade_history.length,
          `order dialog shows ${tradeTruth.trade_history.length} trades (saw ${shownTrades})`,
        );
        await dialog.getByText("Fee", { exact: true }).first().waitFor();
        await shot("order-dialog");
        await assertAccessible(page, `order dialog (${name})`);
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "hidden" });

        // Trades tab renders too.
        await page.goto(`${keyPath}?tab=trades`);
        await page.getByText(/\d+ shown/).waitFor();
        await check("trades");
        await page.goto(`${keyPath}?tab=fees`);
        await page.getByTestId("fee-tier").waitFor();
        if (fast) {
          // SPOT and FUTURES groups, and no trading-volume figure (Fast has none) said in words.
          await page.getByTestId("fee-tier").getByText("FUTURES", { exact: true }).waitFor();
          await page
            .getByTestId("trading-volume")
            .getByText(/One Trading Fast has no separate trading-volume figure/)
            .waitFor();
        }
        await check("fees");

        // Export a month of trades and compare the file with the simulator's trades.
        if (!phone) {
          await page.goto(`${keyPath}?tab=export`);
          // A closed range that ends yesterday: the simulator keeps trading today, and the truth is read after the export.
          const to = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
          const from = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
          await page.getByLabel("From (UTC)").fill(from);
          await page.getByLabel("To (UTC)").fill(to);
          expectTrue(
            (await page.getByLabel("From (UTC)").inputValue()) === from &&
              (await page.getByLabel("To (UTC)").inputValue()) === to,
            "the export range is the one typed",
          );
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
          expectTrue(csv.length === all.length && all.length > 0, `CSV has ${all.length} trades (saw ${csv.length})`);
          const id = header.indexOf("trade_id");
          const fee = header.indexOf("fee_amount");
          expectTrue(
            csv.every((line, i) => {
              const cells = line.split(",");
              return cells[id] === all[i]!.trade.trade_id && cells[fee] === all[i]!.fee.fee_amount;
            }),
            "CSV rows equal the simulator's trades, fees exact",
          );
          await page.getByText(/Done: \d+ rows/).waitFor();
          await check("export");
        }

        // A forced 429 at the exchange: the refresh keeps the data and labels it stale. The
        // account then cools down for a minute for every viewer, so this run mints a key of an
        // account of its own: a demo account cooling down here would refuse the next test's
        // share check (seen as the teams test's share never answering "Shared").
        const staleAccount = `cooling-${fast ? "fast" : "pro"}-${name}`;
        const minted = await fetch(`${ctx.controlUrl()}/keys`, {
          method: "POST",
          body: JSON.stringify({
            scopes: ["READ_ONLY"],
            account: staleAccount,
            dialect: fast ? "fast" : "bitpanda",
            orders: 5,
          }),
        });
        expectTrue(minted.status === 201, `the simulator mints a key for ${staleAccount} (${minted.status})`);
        const cooling = (await minted.json()) as { key: string; accountId: string };
        await addKey(page, "Cooling", cooling.key);
        await page.waitForURL(/\?added=1$/);
        await page.goto(`${new URL(page.url()).pathname}?tab=balances`);
        await page
          .getByTestId("freshness-balances")
          .getByText(/Updated|Cached/)
          .waitFor();
        await fetch(`${ctx.controlUrl()}/faults`, {
          method: "POST",
          body: JSON.stringify({ kind: "ratelimit", account: cooling.accountId, count: 5 }),
        });
        await page.getByRole("button", { name: "Refresh balances" }).click();
        await page
          .getByTestId("freshness-balances")
          .getByText(/Stale: (rate-limited|the exchange is throttling this account)/)
          .waitFor();
        await (phone ? page.getByTestId("balances-cards") : page.getByTestId("balances-table")).waitFor();
        await shot("stale");
        await fetch(`${ctx.controlUrl()}/faults`, { method: "DELETE" });

        // The Keys page now knows the key's value.
        await page.goto("/keys");
        await page.getByTestId("key-card-value").filter({ hasText: "€" }).first().waitFor();
        await check("keys");
        ctx.seen.push(await page.content());
        ok = true;
      } finally {
        if (!ok) await shot("failure").catch(() => {});
        await context.close();
      }
    });
  }
}
