// The portfolio's headline in the browser: two keys for one exchange account count once (the
// fresher), the page says they share an account; a stopped and a revoked key are listed under
// the total with their last value and reason, not in it. Then the emergency stop asks for its
// one explicit confirmation even inside a step-up window. Screenshots of the portfolio in
// English and German go to test-results/screens/ (not committed).
import Decimal from "decimal.js";
import { test, expect } from "./fixtures";
import { assertNoHorizontalScroll, hydrated, signUp } from "./steps";
import { assertAccessible } from "./axe";
import { libCall } from "./lib-call";
import { randomEmail } from "../helpers/random";

const VALUES = { first: "1200.10", second: "1234.56", stopped: "310.00", revoked: "475.25" };

test("portfolio: keys of one account count once, stopped and revoked keys are listed apart; the stop asks first", async ({
  page,
  app,
  demoKey,
  phone,
}, testInfo) => {
  const email = randomEmail("pf-acct");
  await signUp(page, email);
  const mint = async (account: string) =>
    (
      (await (
        await fetch(`${app.controlUrl}/keys`, {
          method: "POST",
          body: JSON.stringify({ scopes: ["READ_ONLY"], account, orders: 5 }),
        })
      ).json()) as { key: string }
    ).key;
  const ids = await libCall("portfolio-accounts", {
    ownerEmail: email,
    firstKey: demoKey("demo-read"),
    secondKey: await mint("demo-read"),
    stoppedKey: demoKey("demo-small"),
    revokedKey: await mint(`pf-revoked-${Date.now()}`),
    values: VALUES,
  });

  await page.goto("/portfolio?range=24h");
  // The account once, with its fresher key's value; nothing from the stopped and revoked keys.
  const expected = new Decimal(VALUES.second).toFixed(2);
  const total = await page.getByTestId("portfolio-total").innerText();
  expect(total.replace(/[^\d]/g, ""), `the total ${total} is the account's fresher key only`).toBe(
    expected.replace(/\D/g, ""),
  );
  await expect(page.getByTestId("shared-account-note")).toContainText("“Main again”, “Main”", { useInnerText: true });
  await expect(page.getByTestId("counted-instead")).toContainText("Same exchange account as “Main again”");
  const excluded = page.getByTestId("portfolio-excluded");
  await expect(excluded).toContainText("Not in the total");
  await expect(excluded.getByRole("listitem").filter({ hasText: "Small" })).toContainText("Stopped by its owner");
  await expect(excluded.getByRole("listitem").filter({ hasText: "Small" })).toContainText("310.00");
  await expect(excluded.getByRole("listitem").filter({ hasText: "Old laptop" })).toContainText(
    "Revoked at the exchange",
  );
  await expect(excluded.getByRole("listitem").filter({ hasText: "Old laptop" })).toContainText("475.25");
  await assertAccessible(page, "portfolio with shared account and excluded keys");
  if (phone) await assertNoHorizontalScroll(page, "portfolio with excluded keys");
  const size = testInfo.project.name;
  await page.screenshot({ path: `test-results/screens/portfolio-after-en-${size}.png`, fullPage: true });
  await page.context().addCookies([{ name: "keydesk-locale", value: "de", url: app.url }]);
  await page.reload();
  await expect(page.getByTestId("portfolio-excluded")).toContainText("Nicht im Gesamtwert");
  await expect(page.getByTestId("shared-account-note")).toContainText("zählen einmal");
  await page.screenshot({ path: `test-results/screens/portfolio-after-de-${size}.png`, fullPage: true });
  await page.context().addCookies([{ name: "keydesk-locale", value: "en", url: app.url }]);

  // The stop, inside the step-up window of the sign-up: no password asked, but one explicit confirmation.
  await page.goto(`/keys/${ids.first}`);
  const stop = page.getByRole("button", { name: "Stop this key now" });
  await hydrated(stop);
  const confirm = page.getByRole("checkbox", { name: /Yes, stop this key now/ });
  await expect(confirm).not.toBeChecked();
  await stop.click();
  // Not ticked: the form is not sent; the browser says the box is needed.
  await expect.poll(() => confirm.evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
  await expect(page).not.toHaveURL(/stopped=1/);
  if (await page.locator("#stop-password").isVisible())
    await page.locator("#stop-password").fill("a long enough passphrase");
  await confirm.check();
  await stop.click();
  await page.waitForURL("**?stopped=1");
  await expect(page.getByText("The key is stopped.")).toBeVisible();
  // After the stop: its history lists it, the card says when it stopped, no "Check again".
  await expect(page.getByText("Stopped (emergency stop)")).toBeVisible();
  await expect(page.getByTestId("cap-stopped-at")).toBeVisible();
  await expect(page.getByRole("button", { name: "Check again" })).toHaveCount(0);
});
