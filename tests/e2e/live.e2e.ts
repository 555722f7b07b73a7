// Live prices on an open page: the Overview follows the tab's live stream (GET /api/live). With
// the page open and saying "Live", the simulator moves the price of a currency the account holds
// (its control API) and the total on screen changes, with no page request (no reload, no
// portfolio poll: the new figures arrive on the stream).
import { test, expect } from "./fixtures";
import { addKey, signUp } from "./steps";
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
