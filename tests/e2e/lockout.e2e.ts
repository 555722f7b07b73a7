// The owner can't be locked out (device tokens) in the real browser against `npm start`: the
// owner signs in once, then an attacker spends this address's guesses for the account through
// Auth.js's endpoint; the owner's known browser still signs in at once and is shown the failed
// attempts, while a brand-new browser is refused.
import { test, expect } from "./fixtures";
import { VIEWPORTS } from "./browser";
import { assertAccessible } from "./axe";
import { libCall } from "./lib-call";
import { PASSWORD } from "./steps";
import { randomEmail } from "../helpers/random";

test("sign-in lockout: the owner's known browser gets in during an attack and is told; a new browser is refused", async ({
  page,
  context,
  newContext,
  app,
}) => {
  const base = app.url;
  const email = randomEmail("lockout");
  await libCall("register-user", { email, password: PASSWORD });
  const signIn = async (p: typeof page, password: string) => {
    await p.goto("/sign-in");
    await p.getByLabel("E-mail").fill(email);
    await p.getByLabel("Password").fill(password);
    await p.getByRole("button", { name: "Sign in", exact: true }).click();
  };
  await signIn(page, PASSWORD);
  await page.waitForURL((u) => u.pathname === "/portfolio");
  const device = (await context.cookies()).find((c) => c.name.endsWith("keydesk-device"));
  expect(device?.httpOnly, "the sign-in left an HttpOnly device token").toBe(true);
  expect(device?.value.startsWith("d1.")).toBe(true);
  await context.clearCookies({ name: /session-token/ });

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
  expect(
    codes.slice(5).every((c) => c.startsWith("rate_limited")),
    `the attack is limited: ${codes.join(", ")}`,
  ).toBe(true);

  // A brand-new browser from the same address: refused, with the wait.
  const fresh = await newContext({ viewport: VIEWPORTS.phone, isMobile: true });
  const other = await fresh.newPage();
  await signIn(other, PASSWORD);
  await expect(other.getByText(/Too many sign-in attempts/)).toBeVisible();
  expect(new URL(other.url()).pathname, "the new browser stays signed out").toBe("/sign-in");

  // The owner's known browser: in at once, and told about the attack.
  await signIn(page, PASSWORD);
  await page.waitForURL((u) => u.pathname === "/portfolio");
  const banner = page.getByTestId("sign-in-report");
  await expect(banner.getByText("Failed sign-ins before this one")).toBeVisible();
  await expect(
    banner.getByText(/5 wrong passwords or codes were tried on your account from 1 addresses/),
  ).toBeVisible();
  await assertAccessible(page, "portfolio with the failed sign-ins banner");
  await banner.getByRole("button", { name: "Dismiss" }).click();
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("sign-in-report"), "dismissed for this session").toHaveCount(0);
});
