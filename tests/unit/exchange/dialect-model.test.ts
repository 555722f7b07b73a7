// Dialect-dependent pieces outside the client: key claims per dialect, the EXCHANGE_API setting,
// Fast's order statuses, and perpetuals in the EUR valuation.
import { decodeKeyClaims, KeyFormatError, looksLikePreFastKey } from "@/lib/exchange/claims";
import { normalizeFastStatus } from "@/lib/exchange/model";
import { EnvError, parseEnv } from "@/lib/env";
import { valueBalances } from "@/lib/money/valuation";
import { redactAmounts } from "@/lib/reads/redact";
import type { AccountFees } from "@/lib/exchange/model";
import { fakeKey } from "../../helpers/fake-keys";

const codeOf = (key: string, dialect?: "onetrading-fast" | "bitpanda-pro") => {
  try {
    decodeKeyClaims(key, dialect);
    return "none";
  } catch (err) {
    return err instanceof KeyFormatError ? err.code : "other";
  }
};

describe("keys per dialect", () => {
  const fastOnly = fakeKey({
    payload: { aud: ["https://api.onetrading.com", "wss://streams.fast.onetrading.com"] },
  }).key;
  const real2026 = fakeKey().key; // Bitpanda hosts, as every real key (also 2026 keys used with Fast) carries

  it("accepts the documented claims (Bitpanda hosts) in both dialects", () => {
    expect(codeOf(real2026, "onetrading-fast")).toBe("none");
    expect(codeOf(real2026, "bitpanda-pro")).toBe("none");
  });

  it("a key naming One Trading's own hosts is a Fast key: accepted under Fast, refused under Bitpanda Pro with its own message", () => {
    expect(codeOf(fastOnly, "onetrading-fast")).toBe("none");
    expect(codeOf(fastOnly, "bitpanda-pro")).toBe("wrong_dialect");
    expect(codeOf(fakeKey({ payload: { iss: "https://api.onetrading.com/oauth2" } }).key, "bitpanda-pro")).toBe(
      "wrong_dialect",
    );
    expect(new KeyFormatError("wrong_dialect").message).toMatch(/for One Trading Fast.*Bitpanda Pro API/);
    // Other issuers and audiences are still simply not exchange keys.
    expect(codeOf(fakeKey({ payload: { iss: "https://evil.example/oauth2" } }).key, "onetrading-fast")).toBe(
      "wrong_issuer",
    );
    expect(codeOf(fakeKey({ payload: { aud: ["https://evil.example"] } }).key, "onetrading-fast")).toBe(
      "wrong_audience",
    );
  });

  it("a pre-2023 key (no ach) is flagged only under Fast", () => {
    const old = decodeKeyClaims(fakeKey({ withAch: false, escapeSlashes: true }).key);
    expect(looksLikePreFastKey(old, "onetrading-fast")).toBe(true);
    expect(looksLikePreFastKey(old, "bitpanda-pro")).toBe(false);
    expect(looksLikePreFastKey(decodeKeyClaims(real2026), "onetrading-fast")).toBe(false);
  });
});

describe("EXCHANGE_API", () => {
  const base = {
    DATABASE_URL: "postgresql://u:p@h:5432/k",
    AUTH_SECRET: "x".repeat(40),
    KEYDESK_MASTER_KEYS: `v1:${Buffer.alloc(32).toString("base64")}`,
    KEYDESK_MASTER_KEY_CURRENT: "v1",
  };
  it("accepts either dialect, and refuses one that contradicts the base URL's path", () => {
    expect(
      parseEnv({ ...base, EXCHANGE_API: "onetrading-fast", EXCHANGE_BASE_URL: "https://proxy.example/ot" })
        .EXCHANGE_API,
    ).toBe("onetrading-fast");
    expect(parseEnv({ ...base, EXCHANGE_BASE_URL: "https://api.onetrading.com/fast/v1" }).EXCHANGE_API).toBeUndefined();
    expect(() => parseEnv({ ...base, EXCHANGE_API: "kraken" })).toThrow(EnvError);
    try {
      parseEnv({ ...base, EXCHANGE_API: "bitpanda-pro", EXCHANGE_BASE_URL: "https://api.onetrading.com/fast/v1" });
      throw new Error("accepted");
    } catch (err) {
      expect((err as EnvError).problems[0]).toMatch(
        /^EXCHANGE_API is bitpanda-pro, but EXCHANGE_BASE_URL ends in \/fast\/v1/,
      );
    }
  });
});

describe("Fast order statuses", () => {
  it("map to the Bitpanda Pro vocabulary by how much was filled", () => {
    expect(normalizeFastStatus("BOOKED", "1", "0")).toEqual({ status: "OPEN" });
    expect(normalizeFastStatus("DONE", "1.0", "1")).toEqual({ status: "FILLED_FULLY" });
    expect(normalizeFastStatus("DONE", "1", "0.5")).toEqual({ status: "FILLED_CLOSED" });
    expect(normalizeFastStatus("CANCELLED", "2", "0.000")).toEqual({ status: "CLOSED" });
    expect(normalizeFastStatus("CANCELLED", "2", "1.5")).toEqual({ status: "FILLED_CLOSED" });
    expect(normalizeFastStatus("INSUFFICIENT_LIQUIDITY", "1", "0")).toEqual({
      status: "REJECTED",
      reason: "INSUFFICIENT_LIQUIDITY",
    });
    expect(normalizeFastStatus("RISK_FAILED_OVER_MAX_POSITION", "1", "0.2")).toEqual({
      status: "FILLED_REJECTED",
      reason: "RISK_FAILED_OVER_MAX_POSITION",
    });
    expect(normalizeFastStatus("FILLED_FULLY", "1", "1")).toEqual({ status: "FILLED_FULLY" });
  });
});

describe("perpetuals in the valuation", () => {
  const tickers = [
    { instrument_code: "BTC_EUR", last_price: "80000", price_change_percentage: "1.00" },
    { instrument_code: "BTC_EUR_P", last_price: "81000", price_change_percentage: "2.00" },
    { instrument_code: "ETH_USDT_P", last_price: "3000" },
  ];
  it("never price the spot currency, value a position by its own perpetual, list the rest as unpriced", () => {
    const v = valueBalances(
      [
        { currency_code: "BTC", available: "1", locked: "0" },
        { currency_code: "BTC_EUR_P", available: "0.5", locked: "0" },
        { currency_code: "ETH_USDT_P", available: "2", locked: "0" },
        { currency_code: "EUR", available: "100", locked: "0" },
      ],
      tickers,
    );
    const row = (c: string) => v.rows.find((r) => r.currency === c)!;
    expect(row("BTC").valueEur).toBe("80000.00");
    expect(row("BTC_EUR_P").valueEur).toBe("40500.00");
    expect(row("BTC_EUR_P").source).toEqual({ kind: "market", via: "BTC_EUR_P" });
    expect(row("ETH_USDT_P").valueEur).toBeNull();
    expect(v.unpriced).toEqual(["ETH_USDT_P"]);
    expect(v.totalEur).toBe("120600.00");
  });
});

describe("hidden amounts on the fee model", () => {
  it("blank every fee group's running volume, on a copy", () => {
    const fees: AccountFees = {
      account_id: "a",
      combined_across_subaccounts: true,
      groups: [
        { fee_group_id: "SPOT", running_volume: "349.68", volume_currency: "EUR", active_tier: null, tiers: [] },
        { fee_group_id: "FUTURES", running_volume: "0", volume_currency: "EUR", active_tier: null, tiers: [] },
      ],
    };
    expect(redactAmounts("fees", fees).groups.map((g) => g.running_volume)).toEqual(["", ""]);
    expect(fees.groups[0]!.running_volume).toBe("349.68");
  });
});
