// First paint, continued: what happens after the server's first view. "Load more" continues from
// the server's first page (its cursor), it doesn't read page 1 again; and a widget whose server
// read would have to wait for budget (the gate's no-wait mode) shows its last value at once,
// labelled stale, and the browser asks only at the gate's retry time, not at hydration.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { VIEWPORTS } from "./browser";
import { addKey, hydrated, loadMore, signUp } from "./steps";
import { randomEmail } from "../helpers/random";

/** The order rows' ids, in order, on a wide screen. */
const orderIds = (page: Page) =>
  page
    .getByTestId("orders-list")
    .locator("li[data-order-id]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-order-id") ?? ""));

test("first paint: Load more continues from the server's first page (page 2, not page 1 again)", async ({
  page,
  demoKey,
}) => {
  await signUp(page, randomEmail("more"));
  await addKey(page, "Busy load more", demoKey("demo-busy"));
  await page.waitForURL(/\?added=1$/);
  const keyPath = new URL(page.url()).pathname;
  await page.goto(`${keyPath}?tab=orders`);
  await expect(page.getByTestId("orders-list").locator("li[data-order-id]").first()).toBeVisible();
  // The server's page must be what the list starts from (not a read after hydration).
  const served = await page.getByText("50 shown").count();
  const asked: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith("/orders")) asked.push(u.search);
  });
  await hydrated(page.getByRole("button", { name: "Load more" }));
  const before = await orderIds(page);
  await loadMore(page, 2);
  const read = [...asked];
  const after = await orderIds(page);
  expect(served, "the server rendered the first page").toBe(1);
  expect(read, "one read, of page 2 by its cursor").toHaveLength(1);
  expect(read[0], "one read, of page 2 by its cursor").toContain("cursor=");
  expect(after.slice(0, 50), "page 1 stays as the server rendered it").toEqual(before);
  expect(new Set(after).size, "page 2 adds 50 other orders").toBe(100);
});

test.describe("on a phone", () => {
  test.use({ viewport: VIEWPORTS.phone, isMobile: true });

  test("first paint: a widget whose read would have to wait shows its last value at once, labelled, and asks only at the retry time", async ({
    page,
    app,
  }) => {
    const account = `paint-paced-${Date.now()}`;
    const minted = (await (
      await fetch(`${app.controlUrl}/keys`, {
        method: "POST",
        body: JSON.stringify({ account, scopes: ["READ_ONLY"] }),
      })
    ).json()) as { key: string; accountId: string };
    try {
      await signUp(page, randomEmail("paced"));
      await addKey(page, "Paced first paint", minted.key);
      await page.waitForURL(/\?added=1$/);
      const keyPath = new URL(page.url()).pathname;
      await expect(page.getByTestId("total-eur")).toBeVisible(); // its balances are cached now
      await page.goto("/keys"); // no widget of the key left open to read it in between
      // The exchange refuses the account's next call (429): the gate cools the account down, so
      // every read of it would have to wait for budget.
      await fetch(`${app.controlUrl}/faults`, {
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
      expect(doc, "the HTML carries the last total").toMatch(/data-testid="total-eur"[^>]*>[^<]*\d/);
      expect(doc, "the HTML labels it stale").toMatch(/Stale: /);
      await hydrated(page.locator("[data-testid^=freshness-] button").first());
      await page.waitForTimeout(1_500);
      const early = asked.filter((a) => a.path.endsWith("/portfolio"));
      expect(early, "no portfolio request right after hydration (the retry time has not come)").toEqual([]);
      await expect(page.getByRole("status", { name: /Loading/ }), "no skeleton for a widget with a value").toHaveCount(
        0,
      );
    } finally {
      await fetch(`${app.controlUrl}/faults?account=${encodeURIComponent(minted.accountId)}`, {
        method: "DELETE",
      }).catch(() => undefined);
    }
  });
});
