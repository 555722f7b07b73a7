// Steps many browser tests share: sign up and in, add a key, the phone layout check, hydration,
// named screenshots, and a form's answer with what the page showed instead when it doesn't come.
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";
import { ARTIFACTS } from "./servers";

export const PASSWORD = "a long enough passphrase";

export async function signUp(page: Page, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up never signs in by itself (the answer is the same for a registered e-mail).
  await page.waitForURL("**/sign-in?signed-up=1**");
  await expect(page.getByText("its account is ready")).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Sign-in lands on the portfolio home, nowhere else.
  await page.waitForURL((u) => u.pathname === "/portfolio");
}

export async function addKey(
  page: Page,
  label: string,
  key: string,
  extra: { confirmation?: string; password?: string; trade?: boolean } = {},
): Promise<void> {
  await page.goto("/keys/new");
  await page.getByLabel("Name").fill(label);
  await page.getByLabel("API key", { exact: true }).fill(key);
  if (extra.confirmation) await page.getByLabel("Type WITHDRAW to confirm").fill(extra.confirmation);
  if (extra.trade) await page.getByLabel(/anyone holding this key can trade/).check();
  if (extra.password) await page.getByLabel("Your Keydesk password").fill(extra.password);
  await page.getByRole("button", { name: "Add key" }).click();
}

export async function assertNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(
    scrollWidth,
    `no horizontal scrolling on ${where} (scrollWidth ${scrollWidth} > ${innerWidth})`,
  ).toBeLessThanOrEqual(innerWidth);
}

/**
 * React has attached its handlers to this element: a click on it now does what it says. A
 * server-rendered button is visible before its boundary hydrates, and a click on it before
 * then is lost (selective hydration hydrates each boundary in its own time).
 */
export async function hydrated(target: Locator): Promise<void> {
  await expect
    .poll(() => target.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps"))), {
      message: "the element is hydrated (React's handlers attached)",
    })
    .toBe(true);
}

/**
 * Loads page `n` of an order or trade list, once: page 2 as a reader scrolling down gets it (the
 * list's footer in view: infinite scroll), page 3 and on by the footer's "Load more" button (its
 * click handler, the keyboard's way). Not by a pointer click: to click, Playwright scrolls the
 * footer into view, which loads a page by itself and disables the button while it loads, and
 * each retry of the click scrolls again and loads one more (seen as "100 shown" never showing:
 * the list was at 300).
 */
export async function loadMore(page: Page, n: number): Promise<void> {
  const footer = page.getByText(`${(n - 1) * 50} shown`);
  await expect(footer).toBeVisible();
  const more = page.getByRole("button", { name: "Load more" });
  await hydrated(more);
  if (n === 2) await footer.scrollIntoViewIfNeeded();
  else await more.dispatchEvent("click");
  await expect(page.getByText(`${n * 50} shown`)).toBeVisible();
}

/** A screenshot kept on purpose, by name, in test-results/e2e/. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Waits for a form's answer; when it doesn't come, the failure says what the page showed instead. */
export async function expectAnswer(page: Page, text: string): Promise<void> {
  try {
    await expect(page.getByText(text).first()).toBeVisible();
  } catch (err) {
    const shown = await page
      .locator('[role="alert"], [role="status"], [aria-invalid="true"] ~ *, p[id$="-error"]')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(
      `"${text}" did not appear at ${page.url()}; the page showed: ${JSON.stringify(shown)}\n${String(err)}`,
    );
  }
}
