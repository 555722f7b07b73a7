// Passkeys in Chromium with a virtual authenticator (the DevTools protocol's WebAuthn domain:
// resident keys, user verification). Desktop, in a browser without passkey autofill: register in
// Settings, sign out, "Sign in with a passkey" without an e-mail, stop a key with a passkey.
// Phone: register three (one authenticator each), replace a key with a passkey step-up, remove
// one, go passwordless; then the password no longer signs in, and the e-mail field's autofill
// does (the virtual authenticator answers the waiting autofill request the way a person picks
// the passkey from the list). Passkeys work at the relying party's origin, http://localhost:<port>
// (KEYDESK_PUBLIC_URL's default), so these pages are opened at localhost, not 127.0.0.1.
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { expectTrue, test, waitForAnswer } from "./harness";
import { VIEWPORTS } from "./browser";
import { assertAccessible } from "./axe";
import { assertNoHorizontalScroll } from "./auth-shell.e2e";
import { randomEmail } from "../helpers/random";
import { addKey, PASSWORD, signUp, type VaultCtx } from "./vault.e2e";

interface Ctx extends Omit<VaultCtx, "seen"> {
  controlUrl: () => string;
}

/** One virtual authenticator at a time: a platform passkey with a PIN or fingerprint that passes. */
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
    const { credentials } = await this.cdp.send("WebAuthn.getCredentials", { authenticatorId: this.id! });
    return credentials;
  }
}

const localhost = (url: string) => url.replace("//127.0.0.1:", "//localhost:");

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
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await waitForAnswer(page, `Passkey “${name}” added.`);
  await page.getByTestId("passkeys").getByText(name, { exact: true }).waitFor();
}

/** Ends the live step-up, so the next dangerous action asks again. */
async function forgetStepUp(context: BrowserContext, page: Page): Promise<void> {
  await context.clearCookies({ name: "keydesk-step-up" });
  await page.reload();
}

export function registerPasskeyTests(ctx: Ctx): void {
  test("passkeys: register, sign in without an e-mail, stop a key with a passkey (desktop)", async () => {
    const context = await ctx.browser().newContext({ viewport: VIEWPORTS.desktop, baseURL: localhost(ctx.baseUrl()) });
    context.setDefaultTimeout(15_000);
    // A browser without passkey autofill: the button is the way in (and no offer is armed).
    await context.addInitScript(() => {
      PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    });
    const page = await context.newPage();
    try {
      const auth = await Authenticators.attach(context, page);
      const email = randomEmail("pk-desk");
      await signUp(page, email);
      await addPasskey(page, "Work laptop", PASSWORD);
      const [credential] = await auth.credentials();
      expectTrue(
        credential?.isResidentCredential && credential.rpId === "localhost",
        "a discoverable passkey for localhost",
      );
      await page.getByText("last used never").waitFor();
      await assertAccessible(page, "settings with a passkey");

      await signOut(page, false);
      await page.getByLabel("E-mail").waitFor();
      expectTrue(!(await page.locator('[data-passkey-autofill="armed"]').count()), "no autofill offer without support");
      await page.getByRole("button", { name: "Sign in with a passkey" }).click();
      await page.waitForURL((u) => u.pathname === "/portfolio");
      expectTrue((await auth.credentials())[0]!.signCount >= 1, "the authenticator signed once more");

      // The first sign-in with this passkey is in the audit log.
      await page.goto("/activity");
      await page.locator('[data-action="auth.passkey_first_sign_in"]').first().waitFor();
      await page.locator('[data-action="auth.passkey_added"]').first().waitFor();

      // Stop a key: no password typed, the passkey confirms it.
      await addKey(page, "Passkey stop", ctx.demoKey("demo-read"));
      await page.waitForURL("**/keys/*?added=1");
      await page.locator("#stop").getByRole("button", { name: "Use a passkey instead" }).click();
      await page.waitForURL("**?stopped=1");
      await page.getByText("The key is stopped.").waitFor();
      await page.goto("/settings");
      expectTrue(!(await page.getByText("last used never").count()), "the passkey shows when it was last used");
    } finally {
      await context.close();
    }
  });

  test("passkeys: replace a key and remove a passkey with a passkey step-up, go passwordless (phone)", async () => {
    const context = await ctx.browser().newContext({
      viewport: VIEWPORTS.phone,
      baseURL: localhost(ctx.baseUrl()),
      isMobile: true,
      hasTouch: true,
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      const auth = await Authenticators.attach(context, page);
      const email = randomEmail("pk-phone");
      await signUp(page, email);
      await addPasskey(page, "Phone", PASSWORD);
      // Going passwordless waits for a second passkey.
      await page.getByText("Add a second passkey first (you have 1).").waitFor();
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
            await fetch(`${ctx.controlUrl()}/keys`, {
              method: "POST",
              body: JSON.stringify({ scopes: ["READ_ONLY"], account }),
            })
          ).json()) as { key: string }
        ).key;
      await addKey(page, "Passkey replace", await mint());
      await page.waitForURL("**/keys/*?added=1");
      await forgetStepUp(context, page);
      await page.locator("#replace-key").fill(await mint());
      expectTrue(await page.locator("#replace-password").isVisible(), "without a live step-up the password is asked");
      await page.locator("#replace").getByRole("button", { name: "Use a passkey instead" }).click();
      await page.waitForURL("**?replaced=1");

      // Remove the passkey on this authenticator, confirmed by itself.
      await page.goto("/settings");
      await forgetStepUp(context, page);
      await page.getByRole("button", { name: "Remove passkey Old laptop" }).click();
      await page
        .getByRole("form", { name: "Remove passkey Old laptop" })
        .getByRole("button", { name: "Use a passkey instead" })
        .click();
      await waitForAnswer(page, "Passkey “Old laptop” removed.");
      await page.reload();
      expectTrue(
        !(await page.getByTestId("passkeys").getByText("Old laptop").count()),
        "the passkey is gone from the list",
      );

      // Go passwordless: the other two are registered on authenticators this browser no longer has.
      await auth.fresh();
      await addPasskey(page, "Spare", PASSWORD);
      await page.getByRole("button", { name: "Turn my password off" }).click();
      await page.getByTestId("password-off").waitFor();
      await page.getByText("Your password is off: you sign in with a passkey.").waitFor();
      await page.getByRole("form", { name: "Set a password again" }).waitFor();
      await assertAccessible(page, "settings, password off");
      await assertNoHorizontalScroll(page, "settings, password off");

      // Signed out, the e-mail field offers the passkey (conditional mediation) and waits.
      await auth.presence(false);
      await signOut(page, true);
      await page.locator('[data-passkey-autofill="armed"]').waitFor();
      expectTrue(
        (await page.getByLabel("E-mail").getAttribute("autocomplete")) === "email webauthn",
        "the e-mail field takes part in passkey autofill",
      );
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await waitForAnswer(page, "That e-mail and password don't match an account.");
      // The person picks the passkey from the autofill list: no button, no e-mail needed.
      await auth.presence(true);
      await page.reload();
      await page.waitForURL((u) => u.pathname === "/portfolio");
    } finally {
      await context.close();
    }
  });
}
