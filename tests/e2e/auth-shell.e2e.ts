// A new user signs up, sees the shell, signs out and signs in again, on desktop and phone.
import type { Browser, Page } from "playwright-core";
import path from "node:path";
import { ARTIFACTS, expectTrue, test } from "./harness";
import { VIEWPORTS } from "./browser";
import { randomEmail } from "../helpers/random";

const PASSWORD = "a long enough passphrase";

export async function assertNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expectTrue(
    scrollWidth <= innerWidth,
    `no horizontal scrolling on ${where} (scrollWidth ${scrollWidth} > ${innerWidth})`,
  );
}

/** The portfolio home is showing, and the address is exactly /portfolio (not /keys, not a next path). */
async function landsOnPortfolio(page: Page, when: string): Promise<void> {
  await page.waitForURL((u) => u.pathname !== "/sign-in" && u.pathname !== "/");
  await page.getByRole("heading", { name: "Portfolio", level: 1 }).waitFor();
  const url = new URL(page.url());
  expectTrue(url.pathname === "/portfolio" && url.search === "", `${when}: landed on ${url.pathname}${url.search}`);
}

export function registerAuthShellTests(ctx: { browser: () => Browser; baseUrl: () => string }): void {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`auth shell: sign up, see the shell, sign out, sign in (${name} ${viewport.width}x${viewport.height})`, async () => {
      const context = await ctx
        .browser()
        .newContext({ viewport, baseURL: ctx.baseUrl(), isMobile: name === "phone", hasTouch: name === "phone" });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      try {
        const email = randomEmail("e2e");
        await page.goto("/keys");
        await page.waitForURL("**/sign-in");
        await page.getByRole("link", { name: "Create an account" }).click();
        await page.waitForURL("**/sign-up");
        if (name === "phone") await assertNoHorizontalScroll(page, "sign-up");

        // Bad input first: a short password gets a specific message and nothing is lost.
        await page.getByLabel("E-mail").fill(email);
        await page.getByLabel("Password", { exact: true }).fill("short");
        await page.getByLabel("Repeat password").fill("short");
        await page.getByRole("button", { name: "Create account" }).click();
        await page.getByText("Use at least 12 characters (this one has 5).").waitFor();
        expectTrue((await page.getByLabel("E-mail").inputValue()) === email, "e-mail kept after an error");

        await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
        await page.getByLabel("Repeat password").fill(PASSWORD);
        await page.getByRole("button", { name: "Create account" }).click();
        // Issue 15: sign-up answers alike for new and registered e-mails, then you sign in.
        await page.waitForURL("**/sign-in?signed-up=1**");
        await page.getByLabel("E-mail").fill(email);
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        // Issue 20: sign-in lands on the portfolio home (one page across every key), nowhere else.
        await landsOnPortfolio(page, "after sign-up and sign-in");

        if (name === "phone") {
          await assertNoHorizontalScroll(page, "portfolio");
          expectTrue(
            !(await page.getByRole("navigation", { name: "Main", exact: true }).isVisible()),
            "desktop nav hidden on phones",
          );
          await page.getByText("Menu", { exact: true }).click();
          await page.getByTestId("current-user-mobile").getByText(email).waitFor();
          await page.getByRole("navigation", { name: "Main (mobile)" }).getByRole("link", { name: "Teams" }).waitFor();
          await page.screenshot({ path: path.join(ARTIFACTS, `shell-${name}.png`), fullPage: true });
          await assertNoHorizontalScroll(page, "portfolio with the menu open");
          await page.getByRole("button", { name: "Sign out" }).click();
        } else {
          await page.getByTestId("current-user").getByText(email).waitFor();
          for (const link of ["Keys", "Teams", "Activity", "Settings"]) {
            await page
              .getByRole("navigation", { name: "Main", exact: true })
              .getByRole("link", { name: link })
              .waitFor();
          }
          await page.screenshot({ path: path.join(ARTIFACTS, `shell-${name}.png`), fullPage: true });
          await page.getByRole("button", { name: "Sign out" }).click();
        }
        await page.waitForURL("**/sign-in");

        // Signed out means signed out: the dashboard sends us back to sign-in.
        await page.goto("/settings");
        await page.waitForURL("**/sign-in");

        await page.getByLabel("E-mail").fill(email);
        await page.getByLabel("Password").fill("not the password at all");
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        await page.getByText("That e-mail and password don't match an account.").waitFor();

        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        await landsOnPortfolio(page, "after signing in again");
        // Signed in, `/` and the sign-in page lead home too.
        await page.goto("/");
        await landsOnPortfolio(page, "opening / signed in");
        await page.goto("/sign-in");
        await landsOnPortfolio(page, "opening /sign-in signed in");
      } finally {
        await context.close();
      }
    });
  }
}
