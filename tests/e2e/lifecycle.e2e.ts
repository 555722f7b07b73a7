// Emergency stop and alerts in the browser (issue 19): the owner stops a key (step-up), sees
// the checklist and no data; the alert worker (started by instrumentation.ts) delivers the
// "stopped" notification: the bell counts it, /notifications shows it, mark read clears it.
import { expectTrue, test } from "./harness";
import { VIEWPORTS } from "./browser";
import { assertNoHorizontalScroll } from "./auth-shell.e2e";
import { randomEmail } from "../helpers/random";
import { addKey, PASSWORD, signUp, type VaultCtx } from "./vault.e2e";

export function registerLifecycleTests(ctx: Omit<VaultCtx, "seen">): void {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`lifecycle: stop a key, see the checklist, the bell and the notification (${name})`, async () => {
      const context = await ctx
        .browser()
        .newContext({ viewport, baseURL: ctx.baseUrl(), isMobile: name === "phone", hasTouch: name === "phone" });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      try {
        await signUp(page, randomEmail("stop"));
        await addKey(page, "Maybe leaked", ctx.demoKey("demo-read"));
        await page.waitForURL("**/keys/*?added=1");
        await page.getByRole("heading", { name: "This key may be compromised" }).waitFor();
        await page.locator("#stop-password").fill(PASSWORD);
        await page.getByRole("button", { name: "Stop this key now" }).click();
        await page.waitForURL("**?stopped=1");
        await page.getByText("The key is stopped.").waitFor();
        await page.getByTestId("stopped-checklist").waitFor();
        expectTrue(
          (await page.getByTestId("stopped-checklist").innerText()).includes("only Read"),
          "the checklist asks for a Read-only key",
        );
        expectTrue(
          (await page.getByRole("navigation", { name: "Key sections" }).count()) === 0,
          "a stopped key shows no data tabs",
        );
        await assertNoHorizontalScroll(page, `stopped key page (${name})`);

        // The worker delivers the alert; the bell counts it.
        let count = "";
        for (let i = 0; i < 30 && !count; i++) {
          await page.reload();
          count = (await page.getByTestId("notification-count").count())
            ? await page.getByTestId("notification-count").innerText()
            : "";
          if (!count) await page.waitForTimeout(500);
        }
        expectTrue(count === "1", `the bell shows one unread notification (saw "${count}")`);
        await page.getByTestId("notification-bell").click();
        await page.waitForURL("**/notifications");
        await page.getByRole("link", { name: "Key “Maybe leaked” was stopped" }).waitFor();
        await assertNoHorizontalScroll(page, `notifications (${name})`);
        await page.getByRole("button", { name: "Mark as read" }).first().click();
        // The action's answer can come after the button re-renders: read the bell again until it updates.
        let left = "?";
        for (let i = 0; i < 20 && left; i++) {
          await page.waitForTimeout(250);
          await page.reload();
          left = (await page.getByTestId("notification-count").count())
            ? await page.getByTestId("notification-count").innerText()
            : "";
        }
        expectTrue(left === "", `no unread count after mark read (saw "${left}")`);
      } finally {
        await context.close();
      }
    });
  }
}
