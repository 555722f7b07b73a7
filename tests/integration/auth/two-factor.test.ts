// Two-factor sign-in against real PostgreSQL: enrolment, codes at sign-in with replay
// protection, single-use recovery codes, the secret encrypted at rest, disabling, and the
// rule that Trade/Withdraw keys need 2FA.
import { generate } from "otplib";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { newTestUser } from "../../helpers/users";

// iron-session reads and writes the enrolment cookie through next/headers.
const jar = new Map<string, string>();
jest.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));

let sim: RunningSimulator;
let totp: typeof import("@/lib/factors/totp");
let credentials: typeof import("@/lib/sign-in/credentials");
let addKey: typeof import("@/lib/keys/add-key");
const PASSWORD = "a long enough passphrase";

const user = () => newTestUser("2fa", PASSWORD);
const nextStepCode = async (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "two-factor" });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    KEYDESK_REQUIRE_2FA_FOR_TRADE: "true",
  });
  resetEnvCache();
  totp = await import("@/lib/factors/totp");
  credentials = await import("@/lib/sign-in/credentials");
  addKey = await import("@/lib/keys/add-key");
});
afterAll(async () => {
  process.env.KEYDESK_REQUIRE_2FA_FOR_TRADE = "false";
  resetEnvCache();
  await sim.close();
  await disconnectDb();
});

it("enrols, asks for a code at sign-in, refuses replays, spends recovery codes once, and turns off", async () => {
  const u = await user();
  const { secret, uri, qrSvg } = await totp.beginEnrolment(u);
  expect(uri).toMatch(/^otpauth:\/\/totp\/Keydesk:/);
  expect(qrSvg).toMatch(/^<svg/);
  await expect(totp.confirmEnrolment(u, "000000")).rejects.toMatchObject({ code: "bad_request" });
  const codes = await totp.confirmEnrolment(u, await generate({ secret }));
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);

  // At rest: encrypted, not the base32 secret; recovery codes only as hashes.
  const row = await db.user.findUniqueOrThrow({
    where: { id: u.id },
    select: { totpCiphertext: true, totpEnabledAt: true },
  });
  expect(row.totpEnabledAt).not.toBeNull();
  expect(Buffer.from(row.totpCiphertext!).toString("latin1")).not.toContain(secret);
  const hashes = await db.recoveryCode.findMany({ where: { userId: u.id } });
  expect(hashes.some((h) => codes.some((c) => h.codeHash.includes(c.replace("-", ""))))).toBe(false);

  const ip = "203.0.113.9";
  expect(await credentials.checkCredentials(u.email, PASSWORD, ip)).toEqual({ ok: false, reason: "totp_required" });
  expect(await credentials.checkCredentials(u.email, PASSWORD, ip, "123456")).toEqual({
    ok: false,
    reason: "totp_invalid",
  });
  const code = await nextStepCode(secret); // a step after the one used to confirm
  expect(await credentials.checkCredentials(u.email, PASSWORD, ip, code)).toMatchObject({ ok: true });
  expect(await credentials.checkCredentials(u.email, PASSWORD, ip, code)).toEqual({
    ok: false,
    reason: "totp_invalid",
  }); // replay
  expect(await credentials.checkCredentials(u.email, "wrong password here", ip, code)).toEqual({
    ok: false,
    reason: "invalid_credentials",
  });

  expect(await credentials.checkCredentials(u.email, PASSWORD, ip, codes[3]!.toLowerCase())).toMatchObject({
    ok: true,
  });
  expect(await credentials.checkCredentials(u.email, PASSWORD, ip, codes[3]!)).toEqual({
    ok: false,
    reason: "totp_invalid",
  });
  expect(await totp.remainingRecoveryCodes(u.id)).toBe(9);

  await totp.disableTotp(u);
  expect(await credentials.checkCredentials(u.email, PASSWORD, ip)).toMatchObject({ ok: true });
  expect(await db.recoveryCode.count({ where: { userId: u.id } })).toBe(0);
});

it("only lets users with 2FA on add keys that can trade or withdraw", async () => {
  const u = await user();
  const refused = await addKey.addKeyForUser(
    { user: u, steppedUp: true },
    { label: "Trading", key: sim.demoKeys["demo-trade"]!.key },
  );
  expect(refused).toMatchObject({
    ok: false,
    code: "needs_two_factor",
    message: expect.stringMatching(/two-factor sign-in on/),
  });
  expect(
    await addKey.addKeyForUser({ user: u, steppedUp: true }, { label: "Read", key: sim.demoKeys["demo-read"]!.key }),
  ).toMatchObject({ ok: true });
  const { secret } = await totp.beginEnrolment(u);
  await totp.confirmEnrolment(u, await generate({ secret }));
  expect(
    await addKey.addKeyForUser(
      { user: u, steppedUp: true },
      { label: "Trading", key: sim.demoKeys["demo-trade"]!.key, confirmTrade: "yes" },
    ),
  ).toMatchObject({ ok: true });
});
