// The database stops answering: data routes say so plainly (503, DATABASE_UNAVAILABLE, a
// Retry-After), never a bare 500, and recover by themselves when it is back. Nothing is lost.
import { TEST_SECRETS } from "../../helpers/test-secrets";
import { randomEmail } from "../../helpers/random";

const DEAD_URL = "postgresql://postgres:x@127.0.0.1:1/keydesk_gone";

it("a data route answers 503 with a reason while the database is down, and works again after", async () => {
  const goodUrl = process.env.DATABASE_URL!;
  const { registerUser } = await import("@/lib/sign-up/users");
  const { mintSessionCookie } = await import("../../helpers/sessions");
  const { db, disconnectDb } = await import("@/lib/db");
  const { resetEnvCache } = await import("@/lib/env");
  const email = randomEmail("dbdown");
  const r = await registerUser({ email, password: "a long enough passphrase" });
  if (!r.ok) throw new Error("setup");
  const cookie = await mintSessionCookie({ id: r.userId, email }, TEST_SECRETS.AUTH_SECRET);
  const { GET } = await import("@/app/api/[...path]/route");
  // route() reads the session from the request's own Cookie header.
  const call = () =>
    GET(new Request("http://localhost:3000/api/keys/abcdefghijklmnopqrstuvwx/balances", { headers: { cookie } }));

  // Up: the session is good, the key simply isn't there.
  expect((await call()).status).toBe(404);

  await disconnectDb();
  process.env.DATABASE_URL = DEAD_URL;
  resetEnvCache();
  try {
    const down = await call();
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    const body = (await down.json()) as { error: { code: string; reason: string; message: string; requestId: string } };
    expect(body.error).toMatchObject({ code: "upstream_unavailable", reason: "DATABASE_UNAVAILABLE" });
    expect(body.error.message).toMatch(/database isn't answering/);
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = goodUrl;
    resetEnvCache();
  }
  expect((await call()).status).toBe(404);
  expect(await db.user.count({ where: { email } })).toBe(1);
});
