// A new user signs up, sees the shell, signs out and signs in again, on desktop and phone.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { assertNoHorizontalScroll, PASSWORD, shot } from "./steps";
import { randomEmail } from "../helpers/random";

/** The portfolio home is showing, and the address is exactly /portfolio (not /keys, not a next path). */
async function landsOnPortfolio(page: Page, when: string): Promise<void> {
  await page.waitForURL((u) => u.pathname !== "/sign-in" && u.pathname !== "/");
  await expect(page.getByRole("heading", { name: "Portfolio", level: 1 })).toBeVisible();
  const url = new URL(page.url());
  expect(`${url.pathname}${url.search}`, `${when}: landed on the portfolio home`).toBe("/portfolio");
}

test("auth shell: sign up, see the shell, sign out, sign in", async ({ page, phone }, testInfo) => {
  const email = randomEmail("e2e");
  await page.goto("/keys");
  await page.waitForURL("**/sign-in");
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL("**/sign-up");
  if (phone) await assertNoHorizontalScroll(page, "sign-up");

  // Bad input first: a short password gets a specific message and nothing is lost.
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 12 characters (this one has 5).")).toBeVisible();
  await expect(page.getByLabel("E-mail"), "e-mail kept after an error").toHaveValue(email);

  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up answers alike for new and registered e-mails, then you sign in.
  await page.waitForURL("**/sign-in?signed-up=1**");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Sign-in lands on the portfolio home (one page across every key), nowhere else.
  await landsOnPortfolio(page, "after sign-up and sign-in");

  if (phone) {
    await assertNoHorizontalScroll(page, "portfolio");
    await expect(
      page.getByRole("navigation", { name: "Main", exact: true }),
      "desktop nav hidden on phones",
    ).toBeHidden();
    await page.getByText("Menu", { exact: true }).click();
    await expect(page.getByTestId("current-user-mobile").getByText(email)).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main (mobile)" }).getByRole("link", { name: "Teams" }),
    ).toBeVisible();
    await shot(page, `shell-${testInfo.project.name}`);
    await assertNoHorizontalScroll(page, "portfolio with the menu open");
    await page.getByRole("button", { name: "Sign out" }).click();
  } else {
    await expect(page.getByTestId("current-user").getByText(email)).toBeVisible();
    for (const link of ["Keys", "Teams", "Activity", "Settings"]) {
      await expect(
        page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: link }),
      ).toBeVisible();
    }
    await shot(page, `shell-${testInfo.project.name}`);
    await page.getByRole("button", { name: "Sign out" }).click();
  }
  await page.waitForURL("**/sign-in");

  // Signed out means signed out: the dashboard sends us back to sign-in.
  await page.goto("/settings");
  await page.waitForURL("**/sign-in");

  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("That e-mail and password don't match an account.")).toBeVisible();

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await landsOnPortfolio(page, "after signing in again");
  // Signed in, `/` and the sign-in page lead home too.
  await page.goto("/");
  await landsOnPortfolio(page, "opening / signed in");
  await page.goto("/sign-in");
  await landsOnPortfolio(page, "opening /sign-in signed in");
});
