// First paint, continued (issue 21): what happens after the server's first view. "Load more"
// continues from the server's first page (its cursor), it doesn't read page 1 again; and a widget
// whose server read would have to wait for budget (the gate's no-wait mode) shows its last value
// at once, labelled stale, and the browser asks only at the gate's retry time, not at hydration.
import type { Browser, Page } from "playwright-core";
import { expectTrue, test } from "./harness";
import { VIEWPORTS } from "./browser";
import { addKey, recordBodies, signUp } from "./vault.e2e";
import { randomEmail } from "../helpers/random";

interface Ctx {
  browser: () => Browser;
  baseUrl: () => string;
  demoKey: (name: string) => string;
  controlUrl: () => string;
  seen: string[];
}

/** React has attached its handlers to the widget's refresh button: the page is hydrated. */
async function hydrated(page: Page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-testid^=freshness-] button")].some((b) =>
      Object.keys(b).some((k) => k.startsWith("__reactProps")),
    ),
  );
}

/** The order rows' ids, in order, on a wide screen. */
const orderIds = (page: Page) =>
  page
    .getByTestId("orders-table")
    .locator("tr[data-order-id]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-order-id") ?? ""));

export function registerFirstPaintFlowTests(ctx: Ctx): void {
  test("first paint: Load more continues from the server's first page (page 2, not page 1 again)", async () => {
    const context = await ctx.browser().newContext({ baseURL: ctx.baseUrl(), viewport: VIEWPORTS.desktop });
    context.setDefaultTimeout(20_000);
    recordBodies(context, ctx.seen);
    try {
      const page = await context.newPage();
      await signUp(page, randomEmail("more"));
      await addKey(page, "Busy load more", ctx.demoKey("demo-busy"));
      await page.waitForURL(/\?added=1$/);
      const keyPath = new URL(page.url()).pathname;
      await page.goto(`${keyPath}?tab=orders`);
      await page.getByTestId("orders-table").locator("tr[data-order-id]").first().waitFor();
      // The server's page must be what the list starts from (not a read after hydration).
      const served = await page.getByText("50 shown").count();
      const asked: string[] = [];
      page.on("request", (r) => {
        const u = new URL(r.url());
        if (u.pathname.endsWith("/orders")) asked.push(u.search);
      });
      await hydrated(page);
      const before = await orderIds(page);
      await page.getByRole("button", { name: "Load more" }).click();
      await page.getByText("100 shown").waitFor();
      const after = await orderIds(page);
      expectTrue(served === 1, "the server rendered the first page");
      expectTrue(
        asked.length === 1 && asked[0]!.includes("cursor="),
        `one read, of page 2 by its cursor: ${asked.join(" | ")}`,
      );
      expectTrue(after.slice(0, 50).join() === before.join(), "page 1 stays as the server rendered it");
      expectTrue(new Set(after).size === 100, "page 2 adds 50 other orders");
    } finally {
      await context.close();
    }
  });

  test("first paint: a widget whose read would have to wait shows its last value at once, labelled, and asks only at the retry time", async () => {
    const context = await ctx
      .browser()
      .newContext({ baseURL: ctx.baseUrl(), viewport: VIEWPORTS.phone, isMobile: true });
    context.setDefaultTimeout(20_000);
    recordBodies(context, ctx.seen);
    const account = `paint-paced-${Date.now()}`;
    try {
      const minted = (await (
        await fetch(`${ctx.controlUrl()}/keys`, {
          method: "POST",
          body: JSON.stringify({ account, scopes: ["READ_ONLY"] }),
        })
      ).json()) as { key: string; accountId: string };
      const page = await context.newPage();
      await signUp(page, randomEmail("paced"));
      await addKey(page, "Paced first paint", minted.key);
      await page.waitForURL(/\?added=1$/);
      const keyPath = new URL(page.url()).pathname;
      await page.getByTestId("total-eur").waitFor(); // its balances are cached now
      await page.goto("/keys"); // no widget of the key left open to read it in between
      // The exchange refuses the account's next call (429): the gate cools the account down, so
      // every read of it would have to wait for budget.
      await fetch(`${ctx.controlUrl()}/faults`, {
        method: "POST",
        body: JSON.stringify({ kind: "ratelimit", account: minted.accountId, count: 1, pathPrefix: "/account/" }),
      });
      await page.waitForTimeout(5_500); // past the balances' 5 s: the next read is due upstream
      const asked: { path: string; at: number }[] = [];
      page.on("request", (r) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith("/api/keys/")) asked.push({ path: u.pathname, at: Date.now() });
      });
      const res = await page.goto(keyPath);
      const doc = (await res?.text()) ?? "";
      // In the HTML: the last total, labelled stale, not a skeleton.
      expectTrue(/data-testid="total-eur"[^>]*>[^<]*\d/.test(doc), "the HTML carries the last total");
      expectTrue(/Stale: /.test(doc), "the HTML labels it stale");
      await hydrated(page);
      await page.waitForTimeout(1_500);
      const early = asked.filter((a) => a.path.endsWith("/portfolio"));
      expectTrue(
        early.length === 0,
        `no portfolio request right after hydration (the retry time has not come): ${early.length}`,
      );
      expectTrue(
        (await page.getByRole("status", { name: /Loading/ }).count()) === 0,
        "no skeleton for a widget with a value",
      );
    } finally {
      await fetch(`${ctx.controlUrl()}/faults`, { method: "DELETE" }).catch(() => undefined);
      await context.close();
    }
  });
}
