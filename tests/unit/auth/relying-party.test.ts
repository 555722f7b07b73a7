// The passkeys' relying party comes from KEYDESK_PUBLIC_URL (never a request): localhost works
// with no settings at all, an explicit RP id must be the host or a parent domain of it (else one
// settings error, at start-up, naming both), and addresses browsers refuse passkeys for say so.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { EnvError, parseEnv } from "@/lib/env";
import { publicOrigin, relyingParty, rpIdMismatch } from "@/lib/passkeys/relying-party";

const ROOT = path.resolve(__dirname, "../../..");
const base = { PORT: 3000 };

describe("relyingParty", () => {
  it("is localhost:$PORT out of the box", () => {
    expect(relyingParty(base)).toEqual({ ok: true, id: "localhost", origin: "http://localhost:3000", name: "Keydesk" });
    expect(relyingParty({ PORT: 4321 })).toMatchObject({ ok: true, origin: "http://localhost:4321" });
  });

  it("takes the host and origin of KEYDESK_PUBLIC_URL (its path and a trailing slash are not part of it)", () => {
    expect(relyingParty({ ...base, KEYDESK_PUBLIC_URL: "https://keydesk.example.com/app/" })).toEqual({
      ok: true,
      id: "keydesk.example.com",
      origin: "https://keydesk.example.com",
      name: "Keydesk",
    });
    expect(relyingParty({ ...base, KEYDESK_PUBLIC_URL: "https://keydesk.example.com:8443" })).toMatchObject({
      id: "keydesk.example.com",
      origin: "https://keydesk.example.com:8443",
    });
  });

  it("accepts a parent domain as RP id, refuses anything else", () => {
    const s = { ...base, KEYDESK_PUBLIC_URL: "https://keydesk.example.com" };
    expect(relyingParty({ ...s, KEYDESK_PASSKEY_RP_ID: "example.com" })).toMatchObject({ ok: true, id: "example.com" });
    expect(relyingParty({ ...s, KEYDESK_PASSKEY_RP_ID: "Keydesk.Example.com" })).toMatchObject({
      ok: true,
      id: "keydesk.example.com",
    });
    for (const wrong of ["example.org", "com", "desk.example.com", "other.keydesk.example.com", "ample.com"]) {
      const mismatch = rpIdMismatch({ ...s, KEYDESK_PASSKEY_RP_ID: wrong });
      expect([wrong, mismatch?.cause]).toEqual([wrong, expect.stringContaining(`"${wrong}"`)]);
      expect(relyingParty({ ...s, KEYDESK_PASSKEY_RP_ID: wrong })).toMatchObject({ ok: false });
    }
  });

  it("says why passkeys are off for an IP address or plain http elsewhere than localhost", () => {
    for (const url of ["http://192.168.1.5:3000", "https://10.0.0.1", "http://[::1]:3000"])
      expect(relyingParty({ ...base, KEYDESK_PUBLIC_URL: url })).toMatchObject({
        ok: false,
        problem: expect.stringContaining("IP address"),
      });
    expect(relyingParty({ ...base, KEYDESK_PUBLIC_URL: "http://keydesk.lan" })).toMatchObject({
      ok: false,
      problem: expect.stringContaining("https"),
    });
    expect(relyingParty({ ...base, KEYDESK_PUBLIC_URL: "http://keydesk.localhost:3000" })).toMatchObject({ ok: true });
    expect(publicOrigin({ ...base, KEYDESK_PUBLIC_URL: "http://192.168.1.5:3000" })).toBe("http://192.168.1.5:3000");
  });
});

describe("a mismatch at start-up", () => {
  const env = {
    DATABASE_URL: "postgresql://u:p@localhost:5432/keydesk",
    AUTH_SECRET: "x".repeat(40),
    KEYDESK_MASTER_KEYS: `v1:${Buffer.alloc(32).toString("base64")}`,
    KEYDESK_MASTER_KEY_CURRENT: "v1",
    KEYDESK_PUBLIC_URL: "https://keydesk.example.com",
    KEYDESK_PASSKEY_RP_ID: "example.org",
  };

  it("is a settings error naming both settings", () => {
    let problems: string[] = [];
    try {
      parseEnv(env);
    } catch (err) {
      if (err instanceof EnvError) problems = err.problems;
    }
    expect(problems).toEqual([expect.stringMatching(/KEYDESK_PASSKEY_RP_ID.*KEYDESK_PUBLIC_URL.*Fix:/)]);
    expect(() => parseEnv({ ...env, KEYDESK_PASSKEY_RP_ID: "example.com" })).not.toThrow();
  });

  it("stops `npm start` with one line and no stack trace, before anything is served", () => {
    const run = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["bin/start.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toEqual([expect.stringMatching(/^Cannot start: KEYDESK_PASSKEY_RP_ID is "example\.org".*Fix: /)]);
    expect(run.stdout).not.toContain("ready");
  });
});
