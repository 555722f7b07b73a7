// Key vault in the browser: add a Read-only key and see its card, add a Withdraw key
// through the confirmation and step-up, delete a key. Desktop and phone.
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ARTIFACTS, expectTrue, test } from "./harness";
import { VIEWPORTS } from "./browser";
import { assertNoHorizontalScroll } from "./auth-shell.e2e";
import { randomEmail } from "../helpers/random";

export const PASSWORD = "a long enough passphrase";

export interface VaultCtx {
  browser: () => Browser;
  baseUrl: () => string;
  demoKey: (name: string) => string;
  /** Every response body the tests saw, for the secret canary. */
  seen: string[];
}

export async function signUp(page: Page, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up never signs in by itself (issue 15: the answer is the same for a registered e-mail).
  await page.waitForURL("**/sign-in?signed-up=1**");
  await page.getByText("its account is ready").waitFor();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Sign-in lands on the portfolio home (issue 20), nowhere else.
  await page.waitForURL((u) => u.pathname === "/portfolio");
}

export function recordBodies(context: BrowserContext, seen: string[]): void {
  context.on("response", (res) => {
    res
      .body()
      .then((b) => seen.push(b.toString("utf8")))
      .catch(() => {});
  });
}

export async function addKey(
  page: Page,
  label: string,
  key: string,
  extra: { confirmation?: string; password?: string } = {},
) {
  await page.goto("/keys/new");
  await page.getByLabel("Name").fill(label);
  await page.getByLabel("API key", { exact: true }).fill(key);
  if (extra.confirmation) await page.getByLabel("Type WITHDRAW to confirm").fill(extra.confirmation);
  if (extra.password) await page.getByLabel("Your Keydesk password").fill(extra.password);
  await page.getByRole("button", { name: "Add key" }).click();
}

export function registerVaultTests(ctx: VaultCtx): void {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`vault: add a Read-only key, add a Withdraw key with confirmation, delete (${name})`, async () => {
      const context = await ctx
        .browser()
        .newContext({ viewport, baseURL: ctx.baseUrl(), isMobile: name === "phone", hasTouch: name === "phone" });
      recordBodies(context, ctx.seen);
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      try {
        await signUp(page, randomEmail("vault"));
        await page.goto("/keys");
        await page.getByText("No keys yet.").waitFor();

        // A malformed key: specific error, the name is kept, the key field is not.
        await addKey(page, "Broken", "not-a-key");
        await page.getByText("three parts separated by dots").waitFor();
        expectTrue((await page.getByLabel("Name").inputValue()) === "Broken", "label kept after an error");
        expectTrue(
          (await page.getByLabel("API key", { exact: true }).inputValue()) === "",
          "pasted key cleared after submit",
        );

        await addKey(page, "Read only", ctx.demoKey("demo-read"));
        await page.waitForURL(/\/keys\/[a-z0-9]+\?added=1$/);
        await page.getByText("Key added. Keydesk stored it encrypted").waitFor();
        await page.getByRole("heading", { name: "What this key may do" }).waitFor();
        await page.getByText("Can look at everything in the account").waitFor();
        await page.getByText("No IP restriction").waitFor();
        if (name === "phone") await assertNoHorizontalScroll(page, "key page");
        await page.screenshot({ path: path.join(ARTIFACTS, `key-read-${name}.png`), fullPage: true });

        // Withdraw: the preview reveals the confirmation and password fields before submitting.
        await page.goto("/keys/new");
        await page.getByLabel("API key", { exact: true }).fill(ctx.demoKey("demo-all"));
        await page.getByLabel("Type WITHDRAW to confirm").waitFor();
        await page.getByText("This key can move money out of the account.").first().waitFor();
        await addKey(page, "Everything", ctx.demoKey("demo-all"), { confirmation: "WITHDRAW", password: PASSWORD });
        await page.waitForURL(/\?added=1$/);
        await page.getByText("Withdraw permission", { exact: true }).waitFor();
        await page.screenshot({ path: path.join(ARTIFACTS, `key-withdraw-${name}.png`), fullPage: true });

        // Delete: the dialog wants the exact name; the step-up from adding is still fresh.
        await page.getByRole("button", { name: "Delete key…" }).click();
        await page.getByLabel("Type the key's name (Everything) to confirm").fill("everything");
        await page.getByRole("button", { name: "Delete key", exact: true }).click();
        await page.getByText("Type the key's name exactly (“Everything”) to confirm.").waitFor();
        await page.getByLabel("Type the key's name (Everything) to confirm").fill("Everything");
        await page.getByRole("button", { name: "Delete key", exact: true }).click();
        await page.waitForURL(/\/keys\?deleted=/);
        await page.getByText("The key still exists at the exchange").waitFor();
        const cards = await page.getByRole("article").count();
        expectTrue(cards === 1, `one key left after deleting (saw ${cards})`);
        if (name === "phone") await assertNoHorizontalScroll(page, "keys list");
        await page.screenshot({ path: path.join(ARTIFACTS, `keys-after-delete-${name}.png`), fullPage: true });
        ctx.seen.push(await page.content());
      } finally {
        await context.close();
      }
    });
  }
}
