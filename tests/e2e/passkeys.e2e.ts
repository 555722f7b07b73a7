// Passkeys in Chromium with a virtual authenticator (the DevTools protocol's WebAuthn domain:
// resident keys, user verification). Desktop, in a browser without passkey autofill: register in
// Settings, sign out, "Sign in with a passkey" without an e-mail, stop a key with a passkey.
// Phone: register three (one authenticator each), replace a key with a passkey step-up, remove
// one, go passwordless; then the password no longer signs in, and the e-mail field's autofill
// does (the virtual authenticator answers the waiting autofill request the way a person picks
// the passkey from the list). Passkeys work at the relying party's origin, http://localhost:<port>
// (KEYDESK_PUBLIC_URL's default), so these pages are opened at localhost, not 127.0.0.1.
import type { BrowserContext, CDPSession, Page } from "@playwright/test";
import { test as base, expect } from "./fixtures";
import { addKey, assertNoHorizontalScroll, expectAnswer, hydrated, PASSWORD, signUp } from "./steps";
import { assertAccessible } from "./axe";
import { VIEWPORTS } from "./browser";
import { randomEmail } from "../helpers/random";

const localhost = (url: string) => url.replace("//127.0.0.1:", "//localhost:");

/** One virtual authenticator at a time: a platform passkey whose PIN or fingerprint passes. */
class Authenticators {
  private id: string | null = null;
  private constructor(private readonly cdp: CDPSession) {}

  static async attach(context: BrowserContext, page: Page): Promise<Authenticators> {
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable", { enableUI: false });
    const a = new Authenticators(cdp);
    await a.fresh();
    return a;
  }

  /** Replaces the current authenticator by a new, empty one (another device). */
  async fresh(): Promise<void> {
    if (this.id) await this.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: this.id });
    const { authenticatorId } = await this.cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    this.id = authenticatorId;
  }

  /** Off: a request waits as if nobody touched the authenticator (an autofill offer stays open). */
  async presence(enabled: boolean): Promise<void> {
    await this.cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId: this.id!, enabled });
  }

  async credentials() {
    return (await this.cdp.send("WebAuthn.getCredentials", { authenticatorId: this.id! })).credentials;
  }
}

/** These tests open the app at the relying party's origin. */
const test = base.extend<{ auth: Authenticators }>({
  baseURL: async ({ app }, provide) => {
    await provide(localhost(app.url));
  },
  auth: async ({ context, page }, provide) => {
    await provide(await Authenticators.attach(context, page));
  },
});

async function signOut(page: Page, phone: boolean): Promise<void> {
  if (phone) await page.getByText("Menu", { exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in");
}

async function addPasskey(page: Page, name: string, password?: string): Promise<void> {
  await page.goto("/settings");
  await page.getByLabel("Name for the new passkey").fill(name);
  // Asked only while no step-up is live (a first passkey, or after forgetStepUp).
  const field = page.locator("#add-passkey-password");
  if (password && (await field.isVisible())) await field.fill(password);
  const add = page.getByRole("button", { name: "Add a passkey" });
  await hydrated(add);
  await add.click();
  await expectAnswer(page, `Passkey “${name}” added.`);
  await expect(page.getByTestId("passkeys").getByText(name, { exact: true })).toBeVisible();
}

/** Ends the live step-up, so the next dangerous action asks again. */
async function forgetStepUp(context: BrowserContext, page: Page): Promise<void> {
  await context.clearCookies({ name: "keydesk-step-up" });
  await page.reload();
}

test.describe("desktop", () => {
  test.use({ viewport: VIEWPORTS.desktop });

  test("passkeys: register, sign in without an e-mail, stop a key with a passkey", async ({
    page,
    context,
    auth,
    demoKey,
  }) => {
    // A browser without passkey autofill: the button is the way in (and no offer is armed).
    await context.addInitScript(() => {
      PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    });
    await signUp(page, randomEmail("pk-desk"));
    await addPasskey(page, "Work laptop", PASSWORD);
    const [credential] = await auth.credentials();
    expect(credential, "a discoverable passkey for localhost").toMatchObject({
      isResidentCredential: true,
      rpId: "localhost",
    });
    await expect(page.getByText("last used never")).toBeVisible();
    await assertAccessible(page, "settings with a passkey");

    await signOut(page, false);
    const button = page.getByRole("button", { name: "Sign in with a passkey" });
    await hydrated(button);
    await expect(page.locator('[data-passkey-autofill="armed"]'), "no autofill offer without support").toHaveCount(0);
    await button.click();
    await page.waitForURL((u) => u.pathname === "/portfolio");
    expect((await auth.credentials())[0]!.signCount, "the authenticator signed once more").toBeGreaterThanOrEqual(1);

    // The first sign-in with this passkey, and adding it, are in the audit log.
    await page.goto("/activity");
    await expect(page.locator('[data-action="auth.passkey_first_sign_in"]').first()).toBeVisible();
    await expect(page.locator('[data-action="auth.passkey_added"]').first()).toBeVisible();

    // Stop a key: no password typed, the passkey confirms it.
    await addKey(page, "Passkey stop", demoKey("demo-read"));
    await page.waitForURL("**/keys/*?added=1");
    const usePasskey = page.locator("#stop").getByRole("button", { name: "Use a passkey instead" });
    await hydrated(usePasskey);
    // The stop's one explicit confirmation, asked even with a passkey.
    await page.getByRole("checkbox", { name: /Yes, stop this key now/ }).check();
    await usePasskey.click();
    await page.waitForURL("**?stopped=1");
    await expect(page.getByText("The key is stopped.")).toBeVisible();
    await page.goto("/settings");
    await expect(page.getByText("last used never"), "the passkey shows when it was last used").toHaveCount(0);
  });
});

test.describe("phone", () => {
  test.use({ viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true });

  test("passkeys: replace a key and remove a passkey with a passkey step-up, go passwordless", async ({
    page,
    context,
    auth,
    app,
  }) => {
    const email = randomEmail("pk-phone");
    await signUp(page, email);
    await addPasskey(page, "Phone", PASSWORD);
    // Going passwordless waits for a second passkey.
    await expect(page.getByText("Add a second passkey first (you have 1).")).toBeVisible();
    await auth.fresh();
    await addPasskey(page, "Tablet"); // the step-up from the first one is still live
    await auth.fresh();
    await addPasskey(page, "Old laptop");
    await assertNoHorizontalScroll(page, "settings with three passkeys");

    // Replace a key: the successor for the same account, confirmed by the passkey (no password).
    const account = `pk-e2e-${email.split("@")[0]}`;
    const mint = async () =>
      (
        (await (
          await fetch(`${app.controlUrl}/keys`, {
            method: "POST",
            body: JSON.stringify({ scopes: ["READ_ONLY"], account }),
          })
        ).json()) as { key: string }
      ).key;
    await addKey(page, "Passkey replace", await mint());
    await page.waitForURL("**/keys/*?added=1");
    await forgetStepUp(context, page);
    await page.locator("#replace-key").fill(await mint());
    await expect(page.locator("#replace-password"), "without a live step-up the password is asked").toBeVisible();
    const replaceWithPasskey = page.locator("#replace").getByRole("button", { name: "Use a passkey instead" });
    await hydrated(replaceWithPasskey);
    await replaceWithPasskey.click();
    await page.waitForURL("**?replaced=1");

    // Remove the passkey on this authenticator, confirmed by itself.
    await page.goto("/settings");
    await forgetStepUp(context, page);
    const remove = page.getByRole("button", { name: "Remove passkey Old laptop" });
    await hydrated(remove);
    await remove.click();
    await page
      .getByRole("form", { name: "Remove passkey Old laptop" })
      .getByRole("button", { name: "Use a passkey instead" })
      .click();
    await expectAnswer(page, "Passkey “Old laptop” removed.");
    await page.reload();
    await expect(page.getByTestId("passkeys").getByText("Old laptop"), "the passkey is gone").toHaveCount(0);

    // Go passwordless: the other two are registered on authenticators this browser no longer has.
    await auth.fresh();
    await addPasskey(page, "Spare", PASSWORD);
    await page.getByRole("button", { name: "Turn my password off" }).click();
    await expect(page.getByTestId("password-off")).toBeVisible();
    await expect(page.getByText("Your password is off: you sign in with a passkey.")).toBeVisible();
    await expect(page.getByRole("form", { name: "Set a password again" })).toBeVisible();
    await assertAccessible(page, "settings, password off");
    await assertNoHorizontalScroll(page, "settings, password off");

    // Signed out, the e-mail field offers the passkey (conditional mediation) and waits.
    await auth.presence(false);
    await signOut(page, true);
    await expect(page.locator('[data-passkey-autofill="armed"]')).toBeVisible();
    await expect(page.getByLabel("E-mail"), "the e-mail field takes part in passkey autofill").toHaveAttribute(
      "autocomplete",
      "email webauthn",
    );
    await assertNoHorizontalScroll(page, "sign-in with passkeys");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectAnswer(page, "That e-mail and password don't match an account.");
    // The person picks the passkey from the autofill list: no button, no e-mail needed.
    await auth.presence(true);
    await page.reload();
    await page.waitForURL((u) => u.pathname === "/portfolio");
  });
});
