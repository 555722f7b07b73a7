import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { translator } from "@/lib/i18n";
import { MESSAGES } from "@/lib/i18n/messages";
import { describeEvent, type DescribedEvent } from "@/lib/audit/describe";

const ctx = (locale: "en" | "de") => {
  const t = translator(locale);
  return {
    t,
    locale,
    viewerEmail: "me@example.com",
    teamNames: new Map([["team1", "Familie"]]),
    role: (r: string) => (r === "admin" ? "Admin" : r),
  };
};
const ev = (over: Partial<DescribedEvent>): DescribedEvent => ({
  action: "key.stop",
  outcome: "success",
  keyLabel: "Main",
  teamId: null,
  detail: null,
  actor: { email: "me@example.com" },
  ...over,
});
/** What the old log showed: codes, field names, "label: value" lists. */
const CODES = /\b(key\.stop|previousStatus|not_a_jwt|kind:|rows:|INVALID_APIKEY|active\b|Grund:)/;

describe("activity sentences", () => {
  it("says what the reader did, in both languages", () => {
    const e = ev({ detail: { previousStatus: "active" } });
    expect(describeEvent(e, ctx("en"))).toBe("You stopped the key “Main” (emergency stop) (it was “Active”).");
    expect(describeEvent(e, ctx("de"))).toBe("Sie haben den Schlüssel „Main“ gestoppt (Notstopp) (er war „Aktiv“).");
  });

  it("names another actor", () => {
    const e = ev({ actor: { email: "anna@example.com" } });
    expect(describeEvent(e, ctx("en"))).toBe("anna@example.com stopped the key “Main” (emergency stop).");
    expect(describeEvent(e, ctx("de"))).toBe("anna@example.com hat den Schlüssel „Main“ gestoppt (Notstopp).");
  });

  it("an export says how many of what, with the locale's digits", () => {
    const e = ev({
      action: "export.run",
      detail: { kind: "trades", rows: 6369, from: "2026-11-01", to: "2026-11-30", cancelled: false },
    });
    expect(describeEvent(e, ctx("en"))).toBe(
      "You exported 6,369 trades of the key “Main” from 1 Nov 2026 to 30 Nov 2026.",
    );
    expect(describeEvent(e, ctx("de"))).toBe(
      "Sie haben 6.369 Ausführungen des Schlüssels „Main“ exportiert vom 01.11.2026 bis 30.11.2026.",
    );
  });

  it("a refusal says why in words, also for the key's format and the exchange's codes", () => {
    const bad = ev({ action: "key.add", outcome: "failure", keyLabel: null, detail: { reason: "not_a_jwt" } });
    expect(describeEvent(bad, ctx("en"))).toBe("Adding a key failed: what was pasted is not an API key.");
    expect(describeEvent(bad, ctx("de"))).toBe(
      "Das Hinzufügen eines Schlüssels ist fehlgeschlagen: das Eingefügte ist kein API-Schlüssel.",
    );
    const exchange = ev({
      action: "key.add",
      outcome: "failure",
      keyLabel: null,
      detail: { reason: "INVALID_APIKEY" },
    });
    for (const l of ["en", "de"] as const) expect(describeEvent(exchange, ctx(l))).not.toMatch(CODES);
  });

  it("a team event names the team", () => {
    const e = ev({ action: "team.member_invited", teamId: "team1", detail: { email: "b@example.com", role: "admin" } });
    expect(describeEvent(e, ctx("en"))).toBe("You invited b@example.com to the team “Familie” as Admin.");
  });

  it("every action Keydesk records has a sentence in both languages (a new action without one fails here)", () => {
    const files = execFileSync("git", ["grep", "-l", "-E", 'action: "[a-z0-9_]+\\.[a-z0-9_]+"', "--", "lib", "app"], {
      encoding: "utf8",
    })
      .trim()
      .split("\n");
    const actions = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(f, "utf8").matchAll(/action: "([a-z0-9_]+\.[a-z0-9_]+)"/g)) actions.add(m[1]!);
    expect(actions.size).toBeGreaterThan(20);
    const missing = [...actions].filter(
      (a) => !(`act.${a}` in MESSAGES.en && `act.${a}.you` in MESSAGES.en && `act.${a}` in MESSAGES.de),
    );
    expect(missing).toEqual([]);
  });

  it("no sentence shows a code, a field name or an unfilled placeholder", () => {
    const samples: Partial<DescribedEvent>[] = [
      { action: "auth.sign_in", detail: { provider: "credentials" } },
      { action: "auth.sign_in", outcome: "failure", detail: { ip: "1.2.3.4", factor: "totp" } },
      { action: "key.add", detail: { scopes: ["READ_ONLY", "TRADE"], ips: 0, verified: true } },
      { action: "key.status_changed", outcome: "failure", detail: { status: "revoked", code: "INVALID_APIKEY" } },
      { action: "orders.cancel_all", detail: { count: 3 } },
      { action: "key.shared", teamId: "team1", detail: { hideAmounts: true, allowExport: false } },
      { action: "something.new", detail: { reason: "weird_code" } },
    ];
    for (const s of samples)
      for (const l of ["en", "de"] as const) {
        const text = describeEvent(ev(s), ctx(l));
        expect(text).not.toMatch(CODES);
        expect(text).not.toMatch(/\{\w+\}|weird_code|undefined/);
      }
  });
});
