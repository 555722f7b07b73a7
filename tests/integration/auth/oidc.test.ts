// Single sign-on against a real OIDC provider (the `oidc-provider` library in its own process),
// over real HTTP: Keydesk's Auth.js handlers behind a plain HTTP server, a cookie jar per site,
// the provider's own login page. email_verified false is refused; an existing password account
// is not linked; an account with two-factor sign-in is asked for its code.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { generate } from "otplib";
import { resetEnvCache } from "@/lib/env";
import { afterSignInPath } from "@/lib/sign-in/after-sign-in";
import { db, disconnectDb } from "@/lib/db";
import { randomEmail } from "../../helpers/random";
import { newTestUser } from "../../helpers/users";
import { enableTwoFactorForTest } from "../../helpers/two-factor";

// Auth.js's callbacks set Keydesk's own cookies (step-up, the parked sign-in) through next/headers.
const jar = new Map<string, string>();
jest.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers(),
}));

let provider: ChildProcess;
let keydesk: Server;
let kd: string;
let handlers: typeof import("@/lib/sign-in/config").handlers;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  // Keydesk's Auth.js route handlers behind a plain HTTP server (errors fail the test's requests).
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const { NextRequest } = await import("next/server");
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new NextRequest(`${kd}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = await (req.method === "POST" ? handlers.POST : handlers.GET)(request);
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((v, k) => {
      if (k !== "set-cookie") out[k] = v;
    });
    out["set-cookie"] = response.headers.getSetCookie();
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
  };
  keydesk = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => keydesk.listen(0, "127.0.0.1", r));
  // NextRequest spells 127.0.0.1 as localhost, so Auth.js builds its callback URL with "localhost".
  kd = `http://localhost:${(keydesk.address() as AddressInfo).port}`;
  const port = await freePort();
  provider = spawn(
    process.execPath,
    [path.join(__dirname, "../../helpers/oidc-provider.mjs"), String(port), `${kd}/api/auth/callback/oidc`],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    provider.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("ready")) resolve();
    });
    provider.once("exit", (code) => reject(new Error(`oidc provider exited ${code}`)));
  });
  Object.assign(process.env, {
    AUTH_OIDC_ISSUER: `http://127.0.0.1:${port}`,
    AUTH_OIDC_ID: "keydesk-test",
    AUTH_OIDC_SECRET: "keydesk-test-secret-0123456789",
    KEYDESK_SIGNUP: "open",
  });
  resetEnvCache();
  handlers = (await import("@/lib/sign-in/config")).handlers;
});
afterAll(async () => {
  for (const k of ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET", "KEYDESK_SIGNUP"]) delete process.env[k];
  resetEnvCache();
  provider?.kill();
  await new Promise((r) => keydesk.close(r));
  await disconnectDb();
});
beforeEach(() => jar.clear());

/** A browser in miniature: one cookie jar per origin, redirects followed by hand. */
class Browser {
  jars = new Map<string, Map<string, string>>();
  private jarFor(url: string) {
    const origin = new URL(url).origin;
    if (!this.jars.has(origin)) this.jars.set(origin, new Map());
    return this.jars.get(origin)!;
  }
  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const cookies = this.jarFor(url);
    const res = await fetch(url, {
      method: init.method ?? "GET",
      redirect: "manual",
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*max-age=0/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now()),
      );
      if (!value || expired) cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  }
}

/** Signs in with the provider as `login`; returns where Keydesk sends the browser at the end. */
async function ssoSignIn(login: string): Promise<{ location: string; browser: Browser }> {
  const b = new Browser();
  const { csrfToken } = (await (await b.fetch(`${kd}/api/auth/csrf`)).json()) as { csrfToken: string };
  let res = await b.fetch(`${kd}/api/auth/signin/oidc`, {
    method: "POST",
    // What the sign-in page's single sign-on button asks for without a `next` (lib/sign-in/oidc-actions.ts).
    form: { csrfToken, callbackUrl: `${kd}${afterSignInPath(undefined)}` },
  });
  let location = new URL(res.headers.get("location")!, kd).href;
  for (let hops = 0; hops < 12 && !location.startsWith(kd); hops++) {
    res = await b.fetch(location);
    if (res.status === 200) {
      // The provider's login page: type the account's login.
      res = await b.fetch(location, { method: "POST", form: { prompt: "login", login, password: "any" } });
    }
    location = new URL(res.headers.get("location")!, location).href;
  }
  res = await b.fetch(location); // Keydesk's callback
  return { location: new URL(res.headers.get("location") ?? "", kd).href, browser: b };
}

it("refuses an identity whose e-mail the provider has not verified", async () => {
  const email = randomEmail("sso-unverified");
  const { location } = await ssoSignIn(`${email}|false`);
  expect(location).toBe(`${kd}/sign-in?error=oidc_unverified`);
  expect(await db.user.count({ where: { email } })).toBe(0);
});

it("does not link an existing password account, even with a verified e-mail", async () => {
  const u = await newTestUser("sso-password");
  const { location, browser } = await ssoSignIn(`${u.email}|true`);
  expect(location).toBe(`${kd}/sign-in?error=oidc_has_password`);
  expect([...(browser.jars.get(kd)?.keys() ?? [])].some((n) => n.includes("session-token"))).toBe(false);
  expect(await db.userSession.count({ where: { userId: u.id } })).toBe(0);
});

it("signs a verified new identity in (an account without a password), with step-up granted", async () => {
  const email = randomEmail("sso-new");
  const { location, browser } = await ssoSignIn(`${email}|true`);
  expect(location).toBe(`${kd}/portfolio`);
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  expect(user.passwordHash).toBeNull();
  expect([...(browser.jars.get(kd)?.keys() ?? [])]).toContain("authjs.session-token");
  expect(jar.has("keydesk-step-up")).toBe(true);
  // Signing in again links to the same account (it has no password).
  expect((await ssoSignIn(`${email}|true`)).location).toBe(`${kd}/portfolio`);
  expect(await db.user.count({ where: { email } })).toBe(1);
});

it("asks an account with two-factor sign-in for its code, and only the code finishes the sign-in", async () => {
  const email = randomEmail("sso-2fa");
  await ssoSignIn(`${email}|true`);
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const secret = await enableTwoFactorForTest(user.id);
  jar.clear();
  const sessionsBefore = await db.userSession.count({ where: { userId: user.id } });
  const { location, browser } = await ssoSignIn(`${email}|true`);
  expect(location).toBe(`${kd}/sign-in/code`);
  expect([...(browser.jars.get(kd)?.keys() ?? [])].some((n) => n.includes("session-token"))).toBe(false);
  expect(await db.userSession.count({ where: { userId: user.id } })).toBe(sessionsBefore);
  expect(jar.has("keydesk-oidc-pending")).toBe(true);

  const { checkOidcCode } = await import("@/lib/single-sign-on/oidc-code");
  expect(await checkOidcCode("000000", "198.51.100.40")).toEqual({ ok: false, reason: "totp_invalid" });
  const done = await checkOidcCode(await generate({ secret }), "198.51.100.40");
  expect(done).toMatchObject({ ok: true, user: { id: user.id } });
  // The parked sign-in is spent.
  expect(await checkOidcCode(await generate({ secret }), "198.51.100.40")).toEqual({
    ok: false,
    reason: "oidc_code_expired",
  });
});

it('refuses email_verified that is anything but true (the string "true" included)', async () => {
  const email = randomEmail("sso-string");
  expect((await ssoSignIn(`${email}|string`)).location).toBe(`${kd}/sign-in?error=oidc_unverified`);
  expect(await db.user.count({ where: { email } })).toBe(0);
});

it("does not link a password account whatever the e-mail's case at the provider", async () => {
  const u = await newTestUser("sso-case");
  const { location } = await ssoSignIn(`${u.email.toUpperCase()}|true`);
  expect(location).toBe(`${kd}/sign-in?error=oidc_has_password`);
  expect(await db.user.count({ where: { email: { equals: u.email, mode: "insensitive" } } })).toBe(1);
  expect(await db.userSession.count({ where: { userId: u.id } })).toBe(0);
});

it("under invitation-only sign-up, a verified identity without an invitation gets no account", async () => {
  process.env.KEYDESK_SIGNUP = "invite";
  resetEnvCache();
  try {
    const email = randomEmail("sso-uninvited");
    expect((await ssoSignIn(`${email}|true`)).location).toBe(`${kd}/sign-in?error=oidc_no_account`);
    expect(await db.user.count({ where: { email } })).toBe(0);
  } finally {
    process.env.KEYDESK_SIGNUP = "open";
    resetEnvCache();
  }
});

it("the code step over HTTP: a wrong code sets no session, the right one signs in (and marks the browser known)", async () => {
  const email = randomEmail("sso-2fa-http");
  await ssoSignIn(`${email}|true`);
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const secret = await enableTwoFactorForTest(user.id);
  jar.clear();
  const { location, browser } = await ssoSignIn(`${email}|true`);
  expect(location).toBe(`${kd}/sign-in/code`);
  const codeStep = async (code: string) => {
    const { csrfToken } = (await (await browser.fetch(`${kd}/api/auth/csrf`)).json()) as { csrfToken: string };
    return browser.fetch(`${kd}/api/auth/callback/oidc-code`, {
      method: "POST",
      form: { csrfToken, code, callbackUrl: `${kd}/portfolio` },
    });
  };
  const hasSession = () => [...(browser.jars.get(kd)?.keys() ?? [])].some((n) => n.includes("session-token"));
  const wrong = await codeStep("000000");
  expect(wrong.headers.get("location")).toMatch(/error=CredentialsSignin.*code=totp_invalid/);
  expect(hasSession()).toBe(false);
  const right = await codeStep(await generate({ secret }));
  expect(right.headers.get("location")).toBe(`${kd}/portfolio`);
  expect(hasSession()).toBe(true);
  expect(jar.has("keydesk-device")).toBe(true);
  expect(await db.userSession.count({ where: { userId: user.id, revokedAt: null } })).toBeGreaterThan(0);
});
