import { EnvError, parseEnv } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgresql://u:p@localhost:5432/keydesk",
  AUTH_SECRET: "x".repeat(40),
  KEYDESK_MASTER_KEYS: `v1:${Buffer.alloc(32).toString("base64")}`,
  KEYDESK_MASTER_KEY_CURRENT: "v1",
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof EnvError) return err.problems;
    throw err;
  }
  return [];
}

describe("parseEnv", () => {
  it("accepts a complete configuration and applies defaults", () => {
    const env = parseEnv(valid);
    expect(env.EXCHANGE_BASE_URL).toBe("http://127.0.0.1:4100/public/v1");
    expect(env.BUDGET_IP_PER_MINUTE).toBe(220);
    expect(env.BUDGET_ACCOUNT_PER_MINUTE).toBe(180);
    expect(env.REDIS_URL).toBeUndefined();
  });

  it.each(["DATABASE_URL", "AUTH_SECRET", "KEYDESK_MASTER_KEYS", "KEYDESK_MASTER_KEY_CURRENT"])(
    "names %s and how to fix it when it is missing",
    (name) => {
      const problems = problemsOf({ ...valid, [name]: undefined });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${name} is not set\\. .+`));
    },
  );

  it("treats an empty string as unset", () => {
    expect(problemsOf({ ...valid, AUTH_SECRET: "" })[0]).toMatch(/^AUTH_SECRET is not set/);
  });

  it("rejects malformed values with the setting's name", () => {
    const problems = problemsOf({
      ...valid,
      DATABASE_URL: "mysql://x",
      REDIS_URL: "http://r",
      BUDGET_IP_PER_MINUTE: "500",
      AUTH_SECRET: "short",
    });
    expect(problems.join("\n")).toMatch(/DATABASE_URL: must start with postgresql:\/\//);
    expect(problems.join("\n")).toMatch(/REDIS_URL: must start with redis:\/\//);
    expect(problems.join("\n")).toMatch(/BUDGET_IP_PER_MINUTE/);
    expect(problems.join("\n")).toMatch(/AUTH_SECRET: must be at least 32 characters/);
  });

  it("refuses to exceed the exchange's own limits in the budget settings", () => {
    expect(problemsOf({ ...valid, BUDGET_ACCOUNT_PER_MINUTE: "201" })[0]).toMatch(/BUDGET_ACCOUNT_PER_MINUTE/);
  });

  it("requires all three OIDC settings together", () => {
    expect(problemsOf({ ...valid, AUTH_OIDC_ISSUER: "https://id.example.com" })[0]).toMatch(
      /AUTH_OIDC_ID or AUTH_OIDC_SECRET is missing/,
    );
    expect(
      problemsOf({ ...valid, AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_ID: "a", AUTH_OIDC_SECRET: "b" }),
    ).toEqual([]);
  });

  it("the error message lists every problem", () => {
    expect(() => parseEnv({})).toThrow(/Keydesk cannot start: invalid settings\.\n {2}- DATABASE_URL/);
  });
});

describe("production settings", () => {
  const prod = { ...valid, NODE_ENV: "production" };

  it("refuses a missing EXCHANGE_BASE_URL in production, and keeps the simulator default elsewhere", () => {
    expect(problemsOf(prod)).toEqual([
      expect.stringMatching(/^EXCHANGE_BASE_URL is not set: production needs the exchange's https address/),
    ]);
    expect(parseEnv({ ...valid, NODE_ENV: "development" }).EXCHANGE_BASE_URL).toBe("http://127.0.0.1:4100/public/v1");
  });

  it("refuses http in production, loopback included, unless the test flag is set for a loopback address", () => {
    expect(problemsOf({ ...prod, EXCHANGE_BASE_URL: "http://api.exchange.example.com/public/v1" })[0]).toMatch(
      /must use https in production/,
    );
    expect(problemsOf({ ...prod, EXCHANGE_BASE_URL: "http://127.0.0.1:4100/public/v1" })[0]).toMatch(
      /KEYDESK_ALLOW_INSECURE_EXCHANGE=true/,
    );
    expect(
      problemsOf({
        ...prod,
        EXCHANGE_BASE_URL: "http://127.0.0.1:4100/public/v1",
        KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
      }),
    ).toEqual([]);
    expect(
      problemsOf({
        ...prod,
        EXCHANGE_BASE_URL: "http://localhost:4100/public/v1",
        KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
      }),
    ).toEqual([]);
    expect(
      problemsOf({
        ...prod,
        EXCHANGE_BASE_URL: "http://[::1]:4100/public/v1",
        KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
      }),
    ).toEqual([]);
    // The flag never opens http to a remote host.
    expect(
      problemsOf({
        ...prod,
        EXCHANGE_BASE_URL: "http://10.0.0.5/public/v1",
        KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
      })[0],
    ).toMatch(/must use https/);
    expect(problemsOf({ ...prod, EXCHANGE_BASE_URL: "https://api.exchange.example.com/public/v1" })).toEqual([]);
  });

  it("skips the exchange check while `next build` runs (the server checks it at start)", () => {
    expect(problemsOf({ ...prod, NEXT_PHASE: "phase-production-build" })).toEqual([]);
  });

  it("validates KEYDESK_TRUSTED_PROXIES and KEYDESK_SIGNUP", () => {
    expect(
      parseEnv({ ...valid, KEYDESK_TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8,fd00::/8" }).KEYDESK_TRUSTED_PROXIES,
    ).toEqual(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);
    expect(parseEnv(valid).KEYDESK_TRUSTED_PROXIES).toEqual([]);
    expect(problemsOf({ ...valid, KEYDESK_TRUSTED_PROXIES: "10.0.0.0/33" })[0]).toMatch(
      /KEYDESK_TRUSTED_PROXIES: "10.0.0.0\/33" is not an IP address or CIDR/,
    );
    expect(problemsOf({ ...valid, KEYDESK_TRUSTED_PROXIES: "proxy.local" })[0]).toMatch(/KEYDESK_TRUSTED_PROXIES/);
    expect(parseEnv({ ...valid, KEYDESK_SIGNUP: "invite" }).KEYDESK_SIGNUP).toBe("invite");
    expect(problemsOf({ ...valid, KEYDESK_SIGNUP: "everyone" })[0]).toMatch(/KEYDESK_SIGNUP/);
  });
});
