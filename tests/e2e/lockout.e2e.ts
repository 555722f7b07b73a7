// The owner can't be locked out (device tokens) in the real browser against `npm start`: the
// owner signs in once, then an attacker spends this address's guesses for the account; the
// owner's known browser still signs in at once and is shown the failed attempts, while a
// brand-new browser is refused.
import type { Browser } from "playwright-core";
import { expectTrue, test } from "./harness";
import { VIEWPORTS } from "./browser";
import { assertAccessible } from "./axe";
import { randomEmail } from "../helpers/random";

const PASSWORD = "a long enough passphrase";

export function registerLockoutTests(ctx: { browser: () => Browser; baseUrl: () => string }): void {
  test("sign-in lockout: the owner's known browser gets in during an attack and is told; a new browser is refused", async () => {
    const base = ctx.baseUrl();
    const email = randomEmail("lockout");
    const { registerUser } = await import("@/lib/auth/users");
    const r = await registerUser({ email, password: PASSWORD });
    if (!r.ok) throw new Error("setup");
    const known = await ctx.browser().newContext({ viewport: VIEWPORTS.desktop, baseURL: base });
    const fresh = await ctx.browser().newContext({ viewport: VIEWPORTS.phone, baseURL: base, isMobile: true });
    try {
      const page = await known.newPage();
      const signIn = async (p: typeof page, password: string) => {
        await p.goto("/sign-in");
        await p.getByLabel("E-mail").fill(email);
        await p.getByLabel("Password").fill(password);
        await p.getByRole("button", { name: "Sign in" }).click();
      };
      await signIn(page, PASSWORD);
      await page.waitForURL((u) => u.pathname === "/portfolio");
      const device = (await known.cookies()).find((c) => c.name.endsWith("keydesk-device"));
      expectTrue(device?.httpOnly && device.value.startsWith("d1."), "the sign-in left an HttpOnly device token");
      await known.clearCookies({ name: /session-token/ });

      // The attacker: Auth.js's own endpoint, a script's way, until this address is refused for the account.
      const attempt = async (): Promise<string> => {
        const csrf = await fetch(`${base}/api/auth/csrf`);
        const { csrfToken } = (await csrf.json()) as { csrfToken: string };
        const cookie = csrf.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
        const res = await fetch(`${base}/api/auth/callback/credentials`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ csrfToken, email, password: "not the password", callbackUrl: base }).toString(),
        });
        return new URL(res.headers.get("location") ?? "", base).searchParams.get("code") ?? `status ${res.status}`;
      };
      const codes: string[] = [];
      for (let i = 0; i < 7; i++) codes.push(await attempt());
      expectTrue(
        codes.slice(5).every((c) => c.startsWith("rate_limited")),
        `the attack is limited: ${codes.join(", ")}`,
      );

      // A brand-new browser from the same address: refused, with the wait.
      const other = await fresh.newPage();
      await signIn(other, PASSWORD);
      await other
        .getByText(/Too many sign-in attempts/)
        .waitFor()
        .catch(async (e: unknown) => {
          throw new Error(
            `${String(e)}\n at ${other.url()}: ${(await other.locator("main").innerText()).slice(0, 400)}`,
          );
        });
      expectTrue(new URL(other.url()).pathname === "/sign-in", "the new browser stays signed out");

      // The owner's known browser: in at once, and told about the attack.
      await signIn(page, PASSWORD);
      await page.waitForURL((u) => u.pathname === "/portfolio");
      const banner = page.getByTestId("sign-in-report");
      await banner.getByText("Failed sign-ins before this one").waitFor();
      await banner.getByText(/5 wrong passwords or codes were tried on your account from 1 addresses/).waitFor();
      await assertAccessible(page, "portfolio with the failed sign-ins banner");
      await banner.getByRole("button", { name: "Dismiss" }).click();
      await banner.waitFor({ state: "detached" });
      await page.reload();
      expectTrue((await page.getByTestId("sign-in-report").count()) === 0, "dismissed for this session");
    } finally {
      await known.close();
      await fresh.close();
    }
  });
}
