// Emergency stop and alerts in the browser: the owner stops a key (step-up), sees the checklist
// and no data; the alert worker (started by instrumentation.ts) delivers the "stopped"
// notification: the bell counts it, /notifications shows it, mark read clears it.
import { test, expect } from "./fixtures";
import { addKey, assertNoHorizontalScroll, PASSWORD, signUp } from "./steps";
import { randomEmail } from "../helpers/random";

test("lifecycle: stop a key, see the checklist, the bell and the notification", async ({ page, demoKey }, testInfo) => {
  const size = testInfo.project.name;
  await signUp(page, randomEmail("stop"));
  await addKey(page, "Maybe leaked", demoKey("demo-read"));
  await page.waitForURL("**/keys/*?added=1");
  await expect(page.getByRole("heading", { name: "This key may be compromised" })).toBeVisible();
  await page.locator("#stop-password").fill(PASSWORD);
  await page.getByRole("checkbox", { name: /Yes, stop this key now/ }).check();
  await page.getByRole("button", { name: "Stop this key now" }).click();
  await page.waitForURL("**?stopped=1");
  await expect(page.getByText("The key is stopped.")).toBeVisible();
  await expect(page.getByTestId("stopped-checklist"), "the checklist asks for a Read-only key").toContainText(
    "only Read",
    { useInnerText: true },
  );
  await expect(page.getByRole("navigation", { name: "Key sections" }), "a stopped key shows no data tabs").toHaveCount(
    0,
  );
  await assertNoHorizontalScroll(page, `stopped key page (${size})`);

  // The worker delivers the alert; the bell (server-rendered with the page) counts it.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("notification-count")).toHaveText("1", { timeout: 1_000 });
  }, "the bell shows one unread notification").toPass({ timeout: 30_000 });
  await page.getByTestId("notification-bell").click();
  await page.waitForURL("**/notifications");
  await expect(page.getByRole("link", { name: "Key “Maybe leaked” was stopped" })).toBeVisible();
  await assertNoHorizontalScroll(page, `notifications (${size})`);
  // The action's answer (a POST to this page) first: a reload before it would cancel the action.
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/notifications"));
  await page.getByRole("button", { name: "Mark as read" }).first().click();
  await answered;
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("notification-bell")).toBeVisible({ timeout: 1_000 });
    await expect(page.getByTestId("notification-count")).toHaveCount(0, { timeout: 1_000 });
  }, "no unread count after mark read").toPass({ timeout: 30_000 });
});
