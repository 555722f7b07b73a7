// The session cookie check that runs on every request: Auth.js's own cookie format, decrypted
// once per token and then remembered until the token's expiry (never past it).
import { encode } from "next-auth/jwt";
import { sessionClaims } from "@/lib/sessions/session-check";
import { resetEnvCache } from "@/lib/env";
import { TEST_SECRETS } from "../../helpers/test-secrets";

const NAME = "authjs.session-token";

function jar(values: Record<string, string>) {
  return {
    get: (name: string) => (name in values ? { value: values[name]! } : undefined),
    getAll: () => Object.entries(values).map(([name, value]) => ({ name, value })),
  };
}

async function mint(claims: Record<string, unknown>, maxAge = 3600, secret = TEST_SECRETS.AUTH_SECRET) {
  return encode({ salt: NAME, secret, maxAge, token: claims });
}

beforeAll(() => {
  Object.assign(process.env, TEST_SECRETS, {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://unused@127.0.0.1:1/unused",
  });
  resetEnvCache();
});
afterEach(() => jest.useRealTimers());

describe("sessionClaims", () => {
  it("reads the user and session ids from a valid cookie, the same on every request", async () => {
    const token = await mint({ sub: "user-1", sid: "session-1" });
    for (let i = 0; i < 3; i++)
      expect(await sessionClaims(jar({ [NAME]: token }))).toEqual({ sub: "user-1", sid: "session-1" });
  });

  it("reassembles a cookie Auth.js split into chunks", async () => {
    const token = await mint({ sub: "user-2", sid: "session-2" });
    const half = Math.floor(token.length / 2);
    expect(await sessionClaims(jar({ [`${NAME}.1`]: token.slice(half), [`${NAME}.0`]: token.slice(0, half) }))).toEqual(
      { sub: "user-2", sid: "session-2" },
    );
  });

  it("refuses a tampered cookie, one sealed with another secret, one without a session id, and garbage", async () => {
    const good = await mint({ sub: "user-3", sid: "session-3" });
    const tampered = good.slice(0, -6) + (good.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect(await sessionClaims(jar({ [NAME]: tampered }))).toBeNull();
    expect(
      await sessionClaims(
        jar({
          [NAME]: await mint({ sub: "user-3", sid: "session-3" }, 3600, "another-secret-another-secret-0123456789"),
        }),
      ),
    ).toBeNull();
    expect(await sessionClaims(jar({ [NAME]: await mint({ sub: "user-3" }) }))).toBeNull();
    expect(await sessionClaims(jar({ [NAME]: "not a token" }))).toBeNull();
    expect(await sessionClaims(jar({}))).toBeNull();
  });

  it("stops accepting a token at its expiry even after it was remembered", async () => {
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    jest.setSystemTime(new Date("2026-11-26T12:00:00Z"));
    const token = await mint({ sub: "user-4", sid: "session-4" }, 60);
    expect(await sessionClaims(jar({ [NAME]: token }))).toEqual({ sub: "user-4", sid: "session-4" });
    jest.setSystemTime(new Date("2026-11-26T12:00:59Z"));
    expect(await sessionClaims(jar({ [NAME]: token }))).toEqual({ sub: "user-4", sid: "session-4" });
    jest.setSystemTime(new Date("2026-11-26T12:01:01Z"));
    expect(await sessionClaims(jar({ [NAME]: token }))).toBeNull();
    expect(await sessionClaims(jar({ [NAME]: token }))).toBeNull();
  });
});

describe("cookie names", () => {
  const SECURE = "__Secure-authjs.session-token";
  afterEach(() => {
    (process.env as Record<string, string>).NODE_ENV = "test";
    resetEnvCache();
  });

  it("production accepts the session only under its __Secure- name", async () => {
    (process.env as Record<string, string>).NODE_ENV = "production";
    Object.assign(process.env, { EXCHANGE_BASE_URL: "https://exchange.example.com/public/v1" });
    resetEnvCache();
    const plain = await mint({ sub: "user-p", sid: "session-p" });
    expect(await sessionClaims(jar({ [NAME]: plain }))).toBeNull();
    const secure = await encode({
      salt: SECURE,
      secret: TEST_SECRETS.AUTH_SECRET,
      maxAge: 3600,
      token: { sub: "user-s", sid: "session-s" },
    });
    expect(await sessionClaims(jar({ [SECURE]: secure }))).toEqual({ sub: "user-s", sid: "session-s" });
    delete process.env.EXCHANGE_BASE_URL;
  });

  it("development and tests accept both names", async () => {
    const plain = await mint({ sub: "user-d", sid: "session-d" });
    expect(await sessionClaims(jar({ [NAME]: plain }))).toEqual({ sub: "user-d", sid: "session-d" });
  });
});
