// Pure parts of the Fast dialect: time values, windows and look-back defaults, statuses,
// prefixes, and the dev launcher's dialect setting.
import Decimal from "decimal.js";
import { parseFastTime, parseFastWindow, oneDayBack, sevenDaysBackAtMidnight } from "@/lib/simulator/fast/queries";
import { fastStatus } from "@/lib/simulator/fast/format";
import { parseDialect, splitDialectPath } from "@/lib/simulator/dialect";
import { SimError } from "@/lib/simulator/errors";
import type { SimOrder } from "@/lib/simulator/ledger";
import { parseLaunchSettings, EnvError } from "@/lib/env";
import { simulatorBaseUrl } from "@/lib/dev/processes";

const T = Date.parse("2026-11-24T12:34:56.789Z");
const DAY = 86_400_000;

it.each<[string, number | undefined]>([
  ["2026-11-24T12:34:56Z", Date.parse("2026-11-24T12:34:56Z")],
  ["2026-11-24T12:34:56.789Z", T],
  ["2026-11-24T12:34:56.789123Z", T],
  ["2026-11-24T13:34:56.789+01:00", T],
  ["2026-11-24", Date.parse("2026-11-24T00:00:00Z")],
  [String(Math.floor(T / 1000)), Math.floor(T / 1000) * 1000],
  [String(T), T],
  [`${T}123`, T],
  [`${T}123456`, T],
  ["yesterday", undefined],
  ["2026-11-24T12:34", undefined],
])("parseFastTime(%s)", (raw, expected) => {
  expect(parseFastTime(raw)).toBe(expected);
});

const q = (s: string) => new URLSearchParams(s);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof SimError) return `${err.status} ${err.code}`;
    throw err;
  }
  return "ok";
};

describe("parseFastWindow", () => {
  it("no dates and no default → no window; with a default → [default(now), now]", () => {
    expect(parseFastWindow(q(""), T, undefined)).toBeUndefined();
    expect(parseFastWindow(q(""), T, oneDayBack)).toEqual({ from: T - DAY, to: T });
    expect(parseFastWindow(q(""), T, sevenDaysBackAtMidnight)).toEqual({
      from: Date.parse("2026-11-17T00:00:00Z"),
      to: T,
    });
  });
  it("30 days exactly pass, a millisecond more is 400 ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG", () => {
    expect(parseFastWindow(q(`from=${T - 30 * DAY}&to=${T}`), T, undefined)).toEqual({ from: T - 30 * DAY, to: T });
    expect(codeOf(() => parseFastWindow(q(`from=${T - 30 * DAY - 1}&to=${T}`), T, undefined))).toBe(
      "400 ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG",
    );
  });
  it.each<[string, string]>([
    [`from=${T + 1}`, "400 INVALID_ACCOUNT_HISTORY_FROM_TIME"],
    ["from=nope", "400 INVALID_ACCOUNT_HISTORY_FROM_TIME"],
    ["to=nope", "400 INVALID_ACCOUNT_HISTORY_TO_TIME"],
    [`from=${T - DAY}&to=${T - 2 * DAY}`, "400 INVALID_ACCOUNT_HISTORY_TIME_PERIOD"],
    ["to=2026-11-20", "ok"],
  ])("%s → %s", (query, expected) => {
    expect(codeOf(() => parseFastWindow(q(query), T, undefined))).toBe(expected);
  });
});

it("sevenDaysBackAtMidnight is midnight UTC of the day 7 days before", () => {
  expect(new Date(sevenDaysBackAtMidnight(Date.parse("2026-12-01T23:59:59Z"))).toISOString()).toBe(
    "2026-11-24T00:00:00.000Z",
  );
  expect(new Date(sevenDaysBackAtMidnight(Date.parse("2026-12-02T00:00:00Z"))).toISOString()).toBe(
    "2026-11-25T00:00:00.000Z",
  );
});

describe("fastStatus", () => {
  const order = (over: Partial<SimOrder>) =>
    ({ status: "OPEN", time_in_force: "GOOD_TILL_CANCELLED", filled_amount: new Decimal(0), ...over }) as SimOrder;
  it.each<[Partial<SimOrder>, string]>([
    [{ status: "OPEN" }, "BOOKED"],
    [{ status: "FILLED_FULLY" }, "DONE"],
    [{ status: "CLOSED" }, "CANCELLED"],
    [{ status: "FILLED_CLOSED", filled_amount: new Decimal(1) }, "CANCELLED"],
    [{ status: "CLOSED", time_in_force: "FILL_OR_KILL" }, "INSUFFICIENT_LIQUIDITY"],
    [{ status: "CLOSED", time_in_force: "IMMEDIATE_OR_CANCELLED" }, "INSUFFICIENT_LIQUIDITY"],
    [{ status: "REJECTED", reason: "INSUFFICIENT_FUNDS" }, "INSUFFICIENT_FUNDS"],
    [{ status: "REJECTED" }, "REJECTED"],
    [{ status: "FILLED" }, "FILLED"],
  ])("%o → %s", (over, expected) => {
    expect(fastStatus(order(over))).toBe(expected);
  });
});

describe("dialects", () => {
  it("prefixes", () => {
    expect(splitDialectPath("/fast/v1/account/trade/x")).toEqual({ dialect: "fast", path: "/account/trade/x" });
    expect(splitDialectPath("/public/v1/time")).toEqual({ dialect: "bitpanda", path: "/time" });
    expect(splitDialectPath("/fast/v2/time")).toBeUndefined();
    expect(splitDialectPath("/public/v1")).toBeUndefined();
  });
  it("names", () => {
    expect([
      parseDialect("fast"),
      parseDialect("onetrading-fast"),
      parseDialect("bitpanda"),
      parseDialect("public"),
      parseDialect("nope"),
      parseDialect(undefined),
    ]).toEqual(["fast", "fast", "bitpanda", "bitpanda", undefined, undefined]);
  });
  it("KEYDESK_SIMULATOR_DIALECT: default fast (One Trading Fast), bitpanda one setting away, anything else named with its fix", () => {
    const dialect = (value?: string) =>
      parseLaunchSettings({ KEYDESK_SIMULATOR_DIALECT: value }).KEYDESK_SIMULATOR_DIALECT;
    expect(dialect()).toBe("fast");
    expect(dialect("")).toBe("fast");
    expect(dialect("bitpanda")).toBe("bitpanda");
    expect(dialect("fast")).toBe("fast");
    expect(() => dialect("binance")).toThrow(EnvError);
    expect(() => dialect("binance")).toThrow(/KEYDESK_SIMULATOR_DIALECT/);
  });
  it("npm run dev points Keydesk at the dialect's base", () => {
    expect(simulatorBaseUrl("4100", "fast")).toBe("http://127.0.0.1:4100/fast/v1");
    expect(simulatorBaseUrl(4100, "bitpanda")).toBe("http://127.0.0.1:4100/public/v1");
  });
});

it('fakeKey({ dialect: "fast" }) has the documented claims of a 2026 key, ach included', async () => {
  const { fakeKey } = await import("../../helpers/fake-keys");
  const { key, account } = fakeKey({ dialect: "fast", withAch: false });
  const payload = JSON.parse(Buffer.from(key.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
  expect(payload).toMatchObject({
    iss: "https://api.exchange.bitpanda.com/oauth2",
    sub: `acc:${account}`,
    ach: `bpc:${account}`,
    iat: 1770681600,
    nbf: 1770681600,
  });
  expect(payload.exp).toBeUndefined();
  const legacy = JSON.parse(
    Buffer.from(fakeKey({ withAch: false }).key.split(".")[1]!, "base64url").toString("utf8"),
  ) as Record<string, unknown>;
  expect(legacy.ach).toBeUndefined();
});
