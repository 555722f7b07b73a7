// Security in the running build: headers with a per-request CSP nonce on every page, the
// Origin check on writes, the health endpoint, and revoking another session from Settings.
import http from "node:http";
import { test, expect } from "./fixtures";
import { VIEWPORTS } from "./browser";
import { assertAccessible } from "./axe";
import { PASSWORD, signUp } from "./steps";
import { libCall } from "./lib-call";
import { randomEmail } from "../helpers/random";
import { generate } from "otplib";

/** An assertion on plain values (headers, statuses) with its own message. */
function expectTrue(condition: unknown, message: string): void {
  expect(Boolean(condition), message).toBe(true);
}

test("security: headers and CSP nonce on every page, Origin check on writes, health", async ({ app }) => {
  const base = app.url;
  const nonces = new Set<string>();
  for (const path of ["/sign-in", "/sign-up", "/keys", "/does-not-exist"]) {
    const res = await fetch(`${base}${path}`, { redirect: "manual" });
    const csp = res.headers.get("content-security-policy") ?? "";
    const script = csp.split("; ").find((d) => d.startsWith("script-src")) ?? "";
    expectTrue(
      /'nonce-[A-Za-z0-9+/=]+'/.test(script) && !script.includes("unsafe-inline"),
      `${path}: script-src by nonce, no unsafe-inline (${script})`,
    );
    expectTrue(csp.includes("frame-ancestors 'none'"), `${path}: frame-ancestors 'none'`);
    for (const h of ["referrer-policy", "x-content-type-options", "permissions-policy", "x-request-id"])
      expectTrue(res.headers.get(h), `${path}: ${h}`);
    nonces.add(/'nonce-([^']+)'/.exec(script)?.[1] ?? "");
    if (path === "/sign-in") {
      const html = await res.text();
      const n = /'nonce-([^']+)'/.exec(script)![1]!;
      expectTrue(html.includes(`nonce="${n}"`), "the page's scripts carry the nonce");
    } else await res.arrayBuffer();
  }
  expectTrue(nonces.size === 4, "a fresh nonce per page");
  // API answers (they skip proxy.ts): a CSP that allows nothing, the same headers, a request
  // id of ours (never the caller's), on data, health, unknown paths and Next's own 405.
  const ids = new Set<string>();
  const someKey = "27f75f5fb4874d6f9ab7d4ec54172a81";
  for (const [path, method, status] of [
    ["/api/usage", "GET", 401],
    ["/api/health", "GET", 200],
    [`/api/keys/${someKey}/balances`, "GET", 401],
    ["/api/market/tickers", "POST", 405],
    [`/api/keys/${someKey}/balances`, "DELETE", 405],
  ] as const) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { "x-request-id": "forged-id", origin: base },
      redirect: "manual",
    });
    await res.arrayBuffer();
    expectTrue(res.status === status, `${method} ${path}: ${status} (got ${res.status})`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expectTrue(
      csp.startsWith("default-src 'none'") && csp.includes("frame-ancestors 'none'"),
      `${method} ${path}: API CSP (${csp})`,
    );
    for (const h of ["referrer-policy", "x-content-type-options", "permissions-policy", "x-frame-options"])
      expectTrue(res.headers.get(h), `${method} ${path}: ${h}`);
    if (status !== 405) {
      const id = res.headers.get("x-request-id") ?? "";
      expectTrue(/^[0-9a-f-]{36}$/.test(id) && !ids.has(id), `${method} ${path}: a fresh request id of ours (${id})`);
      ids.add(id);
    }
  }
  const nope = await fetch(`${base}/api/nope`);
  expectTrue(
    nope.status === 404 &&
      (nope.headers.get("content-security-policy") ?? "").includes("frame-ancestors 'none'") &&
      nope.headers.get("x-request-id"),
    "an unknown API path: 404 with the headers",
  );
  const apiCross = await fetch(`${base}/api/nope`, { method: "POST", headers: { origin: "https://evil.example" } });
  expectTrue(apiCross.status === 403, `a cross-origin write to an API path is refused (${apiCross.status})`);
  const bigApi = await fetch(`${base}/api/usage`, { headers: { "x-padding": "x".repeat(9000) } });
  expectTrue(bigApi.status === 431, `oversized headers on an API path: 431 (${bigApi.status})`);
  // npm start keeps idle connections 65 s, so clients (and a proxy in front) close them first.
  const agent = new http.Agent({ keepAlive: true });
  const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
    http
      .get(`${base}/api/health`, { agent }, (r) => {
        r.resume();
        resolve(String(r.headers["keep-alive"]));
      })
      .on("error", reject);
  });
  agent.destroy();
  expectTrue(keepAlive === "timeout=65", `idle connections kept 65 s (Keep-Alive: ${keepAlive})`);

  const cross = await fetch(`${base}/sign-in`, {
    method: "POST",
    headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    body: "email=a&password=b",
  });
  expectTrue(cross.status === 403, `a cross-origin POST is refused (${cross.status})`);
  const body = (await cross.json()) as { error: { message: string; requestId: string } };
  expectTrue(/evil\.example/.test(body.error.message) && body.error.requestId, "with a clear message and a request id");

  const health = await fetch(`${base}/api/health`);
  // Anonymous callers get ok/degraded per dependency only: no timings, error text or host names.
  const h = (await health.json()) as { status: string; checks: Record<string, unknown> };
  expectTrue(
    health.status === 200 &&
      h.status === "ok" &&
      JSON.stringify(h.checks) === JSON.stringify({ database: "ok", exchange: "ok" }),
    `health: ${JSON.stringify(h)}`,
  );
});

test("sign-in limits: a spoofed X-Forwarded-For does not give a fresh address (npm start's server, no trusted proxies)", async ({
  app,
}) => {
  const base = app.url;
  const email = randomEmail("xff");
  // Auth.js's own credentials endpoint, as a script would hammer it: CSRF token, then the form.
  const attempt = async (password: string, spoof: string): Promise<string> => {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const res = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        origin: base,
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": spoof,
      },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/keys` }).toString(),
    });
    return new URL(res.headers.get("location") ?? "", base).searchParams.get("code") ?? `status ${res.status}`;
  };
  const codes: string[] = [];
  for (let i = 0; i < 7; i++)
    codes.push(await attempt("not the password at all", `203.0.113.${i + 1}, 198.51.100.${i + 1}`));
  // Five guesses for this e-mail from this connection's address, whatever the header claims.
  expectTrue(
    codes.slice(0, 5).every((c) => c === "invalid_credentials"),
    `first five checked: ${codes.join(", ")}`,
  );
  expectTrue(
    codes.slice(5).every((c) => /^rate_limited:\d+$/.test(c)),
    `then refused despite new X-Forwarded-For values: ${codes.join(", ")}`,
  );

  // The address Keydesk records for a session is the connection's, not the header's claim
  // (Next would keep a client's X-Forwarded-For as is).
  const owner = randomEmail("xff-owner");
  const created = await libCall("register-user", { email: owner, password: PASSWORD });
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie: csrf.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
      origin: base,
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": "6.6.6.6",
    },
    body: new URLSearchParams({
      csrfToken,
      email: owner,
      password: PASSWORD,
      callbackUrl: `${base}/keys`,
    }).toString(),
  });
  expectTrue(
    res.headers.getSetCookie().some((c) => c.startsWith("__Secure-authjs.session-token=")),
    `signed in, under the __Secure- cookie name (status ${res.status})`,
  );
  const { ips } = await libCall("user-sessions", { userId: created.userId });
  expect(ips, "the session is recorded from the socket's address").toEqual(["127.0.0.1"]);
});

test.describe("on a phone", () => {
  test.use({ viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true });

  test("two-factor: enrol with the QR key, recovery codes once, sign in with a code", async ({ page }) => {
    const email = randomEmail("totp");
    await signUp(page, email);
    await page.goto("/settings");
    // Turning it on needs step-up: the password first.
    await page.getByLabel("Your Keydesk password, to turn it on").fill(PASSWORD);
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    const secret = (await page.getByTestId("totp-secret").innerText()).trim();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    await page.getByLabel("6-digit code").fill(await generate({ secret }));
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("recovery-codes").locator("li"), "ten recovery codes shown once").toHaveCount(10);
    await assertAccessible(page, "settings with 2FA");
    await page.getByText("Menu", { exact: true }).click();
    await expect(page.getByRole("navigation", { name: "Main (mobile)" })).toBeVisible();
    await page.locator("details[open]").getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // The right password leads to a second step, not an error: no alert in the form (Next's
    // route announcer is an alert region of its own), no reference id, nothing typed asked for
    // again, also after a wrong code.
    await expect(page.getByText("Step 2 of 2: two-factor sign-in is on for this account.")).toBeVisible();
    await expect(page.getByText(`Signing in as ${email}`)).toBeVisible();
    const form = page.locator('form[data-step="code"]');
    await expect(form.getByRole("alert"), "no error box after the right password").toHaveCount(0);
    await expect(page.getByText(/Reference/), "no reference id").toHaveCount(0);
    await expect(page.getByLabel("Password"), "the password is not asked for again").toHaveCount(0);
    await page.getByLabel("Two-factor code").fill("000000");
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page.getByText("That code is not right.")).toBeVisible();
    await expect(form.getByRole("alert"), "a wrong code is the field's error").toHaveCount(0);
    await expect(form.locator('input[name="password"]'), "the password is kept").toHaveValue(PASSWORD);
    await assertAccessible(page, "sign-in, code step");
    await page
      .getByLabel("Two-factor code")
      .fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.waitForURL((u) => u.pathname === "/portfolio");
  });
});

test("sessions: see both browsers, sign the other one out, it is signed out on its next request", async ({
  page: pa,
  newContext,
}) => {
  const b = await newContext({
    viewport: VIEWPORTS.phone,
    isMobile: true,
    hasTouch: true,
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1",
  });
  const pb = await b.newPage();
  const email = randomEmail("sessions");
  await signUp(pa, email);
  await pb.goto("/sign-in");
  await pb.getByLabel("E-mail").fill(email);
  await pb.getByLabel("Password").fill(PASSWORD);
  await pb.getByRole("button", { name: "Sign in", exact: true }).click();
  await pb.waitForURL((u) => u.pathname === "/portfolio");
  await pa.goto("/settings");
  await expect(pa.getByTestId("sessions").getByText("Safari on iOS")).toBeVisible();
  await assertAccessible(pa, "settings");
  await pa.getByTestId("sessions").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(pa.getByTestId("sessions").getByText("Safari on iOS")).toHaveCount(0);
  await pb.goto("/keys");
  await pb.waitForURL("**/sign-in");
  await pa.goto("/keys");
  expect(new URL(pa.url()).pathname, "this browser stays signed in").toBe("/keys");
});
