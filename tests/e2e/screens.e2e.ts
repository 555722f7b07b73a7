// Screenshots for the review of the words-and-numbers work: an order's dialog and the activity
// log, in English and in German, into test-results/screens/ (SCREENS_LABEL names the set:
// "after" here; the same file run in an older checkout makes the "before" set). It checks what
// it photographs: the dialog shows the order and its trades, the log lists the events.
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { addKey, hydrated, signUp } from "./steps";
import { randomEmail } from "../helpers/random";

const DIR = path.join(process.cwd(), "test-results", "screens");
const LABEL = process.env.SCREENS_LABEL ?? "after";

async function snap(page: Page, name: string) {
  await page.waitForLoadState("load");
  await page.screenshot({ path: path.join(DIR, `${LABEL}-${name}.png`), fullPage: true });
}

test("screens: order dialog and activity log, English and German", async ({ page, demoKey, app }, testInfo) => {
  const size = testInfo.project.name;
  await signUp(page, randomEmail("screens"));
  await addKey(page, "Main", demoKey("demo-busy"));
  await page.waitForURL(/\?added=1$/);
  const keyPath = new URL(page.url()).pathname;
  for (const locale of ["en", "de"] as const) {
    await page.context().addCookies([{ name: "keydesk-locale", value: locale, url: app.url }]);
    await page.goto(`${keyPath}?tab=orders&status=filled`);
    const opener = page.getByRole("button", { name: /^(Open order|Order \S+ öffnen|Auftrag \S+ öffnen)/ }).first();
    await expect(opener).toBeVisible();
    // One click once React listens (a click before hydration does nothing; a retried click
    // would land on the dialog the first one opened), then wait for the trades to load.
    await hydrated(opener);
    await opener.click();
    await expect(page.getByRole("dialog").getByTestId("order-trades")).toBeVisible();
    await snap(page, `order-dialog-${locale}-${size}`);
    await page.keyboard.press("Escape");
    await page.goto("/activity");
    await expect(page.getByTestId("activity-events").getByRole("listitem").first()).toBeVisible();
    await snap(page, `activity-${locale}-${size}`);
  }
});
