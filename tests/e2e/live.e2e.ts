// Live prices on an open page: the Overview follows the tab's live stream (GET /api/live). With
// the page open and saying "Live", the simulator moves the price of a currency the account holds
// (its control API) and the total on screen changes, with no page request (no reload, no
// portfolio poll: the new figures arrive on the stream). On One Trading Fast, a Trade key's
// balances panel follows a fill at the exchange the same way (its own TRADING connection).
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { addKey, PASSWORD, signUp } from "./steps";
import { randomEmail } from "../helpers/random";

test("live: the Overview total follows a price move on the exchange, with no page request", async ({ page, app }) => {
  const account = `live-${randomEmail("acct").split("@")[0]}`;
  const minted = await fetch(`${app.controlUrl}/keys`, {
    method: "POST",
    body: JSON.stringify({ scopes: ["READ_ONLY"], account, dialect: "bitpanda", orders: 0 }),
  });
  expect(minted.status).toBe(201);
  const { key } = (await minted.json()) as { key: string };
  const balances = (await (
    await fetch(`${app.simUrl}/account/balances`, { headers: { authorization: `Bearer ${key}` } })
  ).json()) as { balances: { currency_code: string; available: string }[] };
  const held = balances.balances.find((b) => b.currency_code !== "EUR" && Number(b.available) > 0);
  expect(held, "the new account holds a currency other than EUR").toBeTruthy();

  await signUp(page, randomEmail("live"));
  await addKey(page, "Live", key);
  await page.waitForURL(/\?added=1$/);
  const label = page.getByTestId("freshness-overview");
  await expect(label.getByText("Live · prices as they change")).toBeVisible();
  // The stream has taken over: a push replaced the server's first paint (its reading time moves).
  // Until then the page may still ask once when the first paint's cache time runs out (a push
  // that comes late on a loaded machine), which is the REST road, not what this test is about.
  const firstAt = await label.locator("time").getAttribute("datetime");
  // (The simulator's market ticks every 10 s, and each tick is a push: a ceiling of three.)
  await expect(label.locator("time")).not.toHaveAttribute("datetime", firstAt ?? "", { timeout: 30_000 });
  const total = page.getByTestId("total-eur");
  const before = (await total.innerText()).trim();

  const requests: string[] = [];
  // Any reload or read of the page's data (other widgets, such as the notification bell, may ask for their own).
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (r.resourceType() === "document" || /^\/api\/(keys|market|portfolio)\b/.test(path))
      requests.push(`${r.method()} ${path}`);
  });
  const moved = await fetch(`${app.controlUrl}/market/price`, {
    method: "POST",
    body: JSON.stringify({ instrument: `${held!.currency_code}_EUR`, percent: "25" }),
  });
  expect(moved.status).toBe(200);
  try {
    await expect(total).not.toHaveText(before);
    expect(requests, "no page request: the figures came over the live stream").toEqual([]);
    await expect(label.getByText("Live · prices as they change")).toBeVisible();
  } finally {
    await fetch(`${app.controlUrl}/market/price?instrument=${held!.currency_code}_EUR`, { method: "DELETE" });
  }
});

test.describe("on One Trading Fast", () => {
  test.use({ dialect: "fast" });

  /** A new account's Trade key, added through the form; the page is on the key afterwards. */
  async function addTradeKey(page: Page, controlUrl: string): Promise<string> {
    const account = `live-trade-${randomEmail("acct").split("@")[0]}`;
    const minted = await fetch(`${controlUrl}/keys`, {
      method: "POST",
      body: JSON.stringify({ scopes: ["READ_ONLY", "TRADE"], account, dialect: "fast", orders: 0 }),
    });
    expect(minted.status).toBe(201);
    const { key, accountId } = (await minted.json()) as { key: string; accountId: string };
    await fetch(`${controlUrl}/accounts/${accountId}/deposit`, {
      method: "POST",
      body: JSON.stringify({ currency: "EUR", amount: "10000" }),
    });
    await signUp(page, randomEmail("live-trade"));
    await page.goto("/keys/new");
    await page.getByLabel("Name").fill("Live trade");
    await page.getByLabel("API key", { exact: true }).fill(key);
    await page.getByRole("button", { name: "Add key" }).click();
    await expect(page.getByTestId("add-key-prompt")).toContainText("This key can trade");
    await page.getByLabel(/anyone holding this key can trade/).check();
    const password = page.getByLabel("Your Keydesk password");
    if (await password.isVisible()) await password.fill(PASSWORD);
    await page.getByRole("button", { name: "Add key" }).click();
    await page.waitForURL(/\?added=1$/);
    return key;
  }

  /** Records reloads and reads of the page's data (the live stream itself is not one). */
  function pageRequests(page: Page): string[] {
    const requests: string[] = [];
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (r.resourceType() === "document" || /^\/api\/(keys|market|portfolio)\b/.test(path))
        requests.push(`${r.method()} ${path}`);
    });
    return requests;
  }

  /** A limit buy of 0.01 BTC placed with the key at the exchange: `factor` × the best ask (above 1 fills at once). */
  async function buy(simUrl: string, key: string, factor: number): Promise<string> {
    const ticker = (await (await fetch(`${simUrl}/market-ticker/BTC_EUR`)).json()) as Record<string, string>;
    const ask = Number(ticker.best_ask ?? ticker.lowest_ask);
    const placed = await fetch(`${simUrl}/account/orders`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        instrument_code: "BTC_EUR",
        type: "LIMIT",
        side: "BUY",
        amount: "0.01",
        price: (Math.round(ask * factor * 100) / 100).toFixed(2),
        time_in_force: "GOOD_TILL_CANCELLED",
      }),
    });
    expect(placed.status).toBe(201);
    return ((await placed.json()) as { order_id: string }).order_id;
  }

  test("live: a Trade key's balances panel follows a fill, with no page request", async ({ page, app, phone }) => {
    test.skip(phone, "the desktop table names each currency's total; the phone cards show the same figures");
    const key = await addTradeKey(page, app.controlUrl);
    await page.goto(`${new URL(page.url()).pathname}?tab=balances`);
    // Its own TRADING connection is up: the balances label says so.
    const label = page.getByTestId("freshness-balances");
    await expect(label.getByText("Live · balances as they change")).toBeVisible();
    const btc = page.getByTestId("total-BTC");
    const before = (await btc.count()) ? (await btc.innerText()).trim() : null;
    const requests = pageRequests(page);
    await buy(app.simUrl, key, 1.01);
    await expect(async () => {
      expect(await btc.count()).toBe(1);
      expect((await btc.innerText()).trim()).not.toBe(before);
    }).toPass();
    expect(requests, "no page request: the new balances came over the live stream").toEqual([]);
    await expect(label.getByText("Live · balances as they change")).toBeVisible();
  });

  test("live: a Trade key's order list shows a new order as it is booked, with no page request", async ({
    page,
    app,
  }) => {
    const key = await addTradeKey(page, app.controlUrl);
    await page.goto(`${new URL(page.url()).pathname}?tab=orders`);
    const label = page.getByTestId("freshness-orders");
    await expect(label.getByText("Live · orders as they change")).toBeVisible();
    const requests = pageRequests(page);
    // Well under the ask: it rests on the book, open.
    const orderId = await buy(app.simUrl, key, 0.8);
    await expect(page.locator(`[data-order-id="${orderId}"]`)).toBeVisible();
    expect(requests, "no page request: the order came over the live stream").toEqual([]);
  });
});
