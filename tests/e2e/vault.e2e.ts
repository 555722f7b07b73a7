// Key vault in the browser: add a Read-only key and see its card, add a Withdraw key
// through the confirmation and step-up, delete a key. Desktop and phone.
import { test, expect } from "./fixtures";
import { addKey, assertNoHorizontalScroll, PASSWORD, shot, signUp } from "./steps";
import { randomEmail } from "../helpers/random";

test("vault: add a Read-only key, add a Withdraw key with confirmation, delete", async ({
  page,
  phone,
  demoKey,
  seen,
}, testInfo) => {
  const size = testInfo.project.name;
  await signUp(page, randomEmail("vault"));
  await page.goto("/keys");
  await expect(page.getByText("No keys yet.")).toBeVisible();

  // A malformed key: specific error, the name is kept, the key field is not.
  await addKey(page, "Broken", "not-a-key");
  await expect(page.getByText("three parts separated by dots")).toBeVisible();
  await expect(page.getByLabel("Name"), "label kept after an error").toHaveValue("Broken");
  await expect(page.getByLabel("API key", { exact: true }), "pasted key kept after the reply").toHaveValue("not-a-key");

  await addKey(page, "Read only", demoKey("demo-read"));
  await page.waitForURL(/\/keys\/[a-z0-9]+\?added=1$/);
  await expect(page.getByText("Key added. Keydesk stored it encrypted")).toBeVisible();
  await expect(page.getByRole("heading", { name: "What this key may do" })).toBeVisible();
  await expect(page.getByText("Can look at everything in the account")).toBeVisible();
  await expect(page.getByText("No IP restriction")).toBeVisible();
  if (phone) await assertNoHorizontalScroll(page, "key page");
  await shot(page, `key-read-${size}`);

  // Withdraw: the preview reveals the confirmation and password fields before submitting.
  await page.goto("/keys/new");
  await page.getByLabel("API key", { exact: true }).fill(demoKey("demo-all"));
  await expect(page.getByLabel("Type WITHDRAW to confirm")).toBeVisible();
  await expect(page.getByText("This key can move money out of the account.").first()).toBeVisible();
  await addKey(page, "Everything", demoKey("demo-all"), { confirmation: "WITHDRAW", password: PASSWORD });
  await page.waitForURL(/\?added=1$/);
  await expect(page.getByText("Withdraw permission", { exact: true })).toBeVisible();
  await shot(page, `key-withdraw-${size}`);

  // Delete: the dialog wants the exact name; the step-up from adding is still fresh.
  await page.getByRole("button", { name: "Delete key…" }).click();
  await page.getByLabel("Type the key's name (Everything) to confirm").fill("everything");
  await page.getByRole("button", { name: "Delete key", exact: true }).click();
  await expect(page.getByText("Type the key's name exactly (“Everything”) to confirm.")).toBeVisible();
  await page.getByLabel("Type the key's name (Everything) to confirm").fill("Everything");
  await page.getByRole("button", { name: "Delete key", exact: true }).click();
  await page.waitForURL(/\/keys\?deleted=/);
  await expect(page.getByText("The key still exists at the exchange")).toBeVisible();
  await expect(page.getByRole("article"), "one key left after deleting").toHaveCount(1);
  if (phone) await assertNoHorizontalScroll(page, "keys list");
  await shot(page, `keys-after-delete-${size}`);
  seen.push(await page.content());
});
