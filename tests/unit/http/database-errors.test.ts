// Which errors mean "the database is unreachable" (503, try again) rather than a bug (500).
import { isDatabaseUnavailable } from "@/lib/errors";

describe("isDatabaseUnavailable", () => {
  it("recognises refused and dropped connections, server shutdowns and Prisma's init errors", () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connection failure"), { code: "08006" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("init"), { name: "PrismaClientInitializationError" }))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) })),
    ).toBe(true);
  });

  it("does not excuse real bugs: bad SQL, constraint violations, plain errors", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});

describe("route() when the database fails mid-request", () => {
  beforeAll(async () => {
    Object.assign(process.env, (await import("../../helpers/test-secrets")).TEST_SECRETS, {
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://unused@127.0.0.1:1/unused",
    });
    (await import("@/lib/env")).resetEnvCache();
  });

  it("answers 503 DATABASE_UNAVAILABLE with Retry-After for a lost connection, 500 for a bug", async () => {
    const { route } = await import("@/lib/http/route");
    const lost = route(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    });
    const res = await lost(new Request("http://localhost:3000/api/x"), { params: Promise.resolve({}) });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = (await res.json()) as { error: { reason: string; message: string } };
    expect(body.error.reason).toBe("DATABASE_UNAVAILABLE");
    expect(body.error.message).not.toMatch(/ECONNREFUSED|5432/);
    const bug = route(async () => {
      throw new TypeError("cannot read properties of undefined");
    });
    expect((await bug(new Request("http://localhost:3000/api/x"), { params: Promise.resolve({}) })).status).toBe(500);
  });
});
