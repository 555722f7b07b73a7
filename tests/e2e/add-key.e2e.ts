// Adding a Trade and a Withdraw key never makes you paste twice: each of the server's prompts
// (the Withdraw word, the Trade confirmation, the password) comes back in words, and the pasted
// key is still in its field (kept in the browser: the server never sends it back).
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { PASSWORD, signUp } from "./steps";
import { randomEmail } from "../helpers/random";

const keyField = (page: Page) => page.getByLabel("API key", { exact: true });

/** Submits and waits for the server's reply (the button's pending text gone). */
async function submit(page: Page) {
  const button = page.getByRole("button", { name: "Add key" });
  await button.click();
  await expect(page.getByRole("button", { name: "Checking the key with the exchange…" })).toHaveCount(0);
}

test("add key: the pasted key stays through the Withdraw and Trade prompts", async ({ page, demoKey }) => {
  await signUp(page, randomEmail("addkey"));

  // Withdraw: submitted without the word: a prompt in words, the key still there.
  const all = demoKey("demo-all");
  await page.goto("/keys/new");
  await page.getByLabel("Name").fill("Everything");
  await keyField(page).fill(all);
  await submit(page);
  await expect(page.getByTestId("add-key-prompt")).toContainText("This key can withdraw funds");
  await expect(page.getByText(/^Reference:/)).toHaveCount(0);
  await expect(keyField(page), "the pasted Withdraw key is kept after the first reply").toHaveValue(all);
  await expect(page.getByLabel("Name")).toHaveValue("Everything");

  // The word typed, no password: asked for the password; the key and the word are still there.
  await page.getByLabel("Type WITHDRAW to confirm").fill("WITHDRAW");
  const password = page.getByLabel("Your Keydesk password");
  if (await password.isVisible()) {
    await submit(page);
    await expect(keyField(page), "kept after the second reply").toHaveValue(all);
    await expect(page.getByLabel("Type WITHDRAW to confirm")).toHaveValue("WITHDRAW");
    await password.fill(PASSWORD);
  }
  await submit(page);
  await page.waitForURL(/\?added=1$/);

  // Trade: the warning first, then a confirmation before storing (also within the step-up window).
  const trade = demoKey("demo-trade");
  await page.goto("/keys/new");
  await page.getByLabel("Name").fill("Trader");
  await keyField(page).fill(trade);
  await expect(page.getByText("This key can trade.").first()).toBeVisible();
  await submit(page);
  await expect(page.getByTestId("add-key-prompt")).toContainText("This key can trade");
  await expect(keyField(page), "the pasted Trade key is kept after the prompt").toHaveValue(trade);
  await expect(page).toHaveURL(/\/keys\/new$/);
  await page.getByLabel(/anyone holding this key can trade/).check();
  if (await password.isVisible()) await password.fill(PASSWORD);
  await submit(page);
  await page.waitForURL(/\?added=1$/);
  await expect(page.getByText("Trade permission", { exact: true })).toBeVisible();
});
