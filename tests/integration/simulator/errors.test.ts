// Every documented error code is produced by the condition that should produce it, in both
// dialects (Bitpanda Pro /public/v1 and One Trading Fast /fast/v1).
import type { Dialect, RunningSimulator } from "@/lib/simulator";
import { placeOrder } from "@/lib/simulator/engine";
import { call, control, DIALECTS, ORDER_NOT_FOUND, withSim } from "./helpers";
import { b64url } from "../../helpers/fake-keys";

const ORDER = { instrument_code: "BTC_EUR", type: "LIMIT", side: "BUY", amount: "0.01000", price: "1000.00" };

const expectError = async (p: Promise<{ status: number; body: unknown }>, status: number, code: string) => {
  const res = await p;
  expect({ status: res.status, body: res.body }).toEqual({ status, body: { error: code } });
};

describe.each(DIALECTS)("%s dialect", (dialect: Dialect) => {
  let sim: RunningSimulator;
  let read: string;
  let trade: string;
  const fast = dialect === "fast";

  beforeAll(async () => {
    sim = await withSim({ dialect });
    read = sim.demoKeys["demo-read"]!.key;
    trade = sim.demoKeys["demo-trade"]!.key;
  });
  afterAll(() => sim.close());

  /** Missing or unreadable tokens: Bitpanda Pro answers 401 {"error"}, Fast's gateway 403 {"message":"Forbidden"}. */
  const expectGatewayRefusal = async (p: Promise<{ status: number; body: unknown }>, code: string) => {
    const res = await p;
    if (fast) expect({ status: res.status, body: res.body }).toEqual({ status: 403, body: { message: "Forbidden" } });
    else expect({ status: res.status, body: res.body }).toEqual({ status: 401, body: { error: code } });
  };

  describe("auth chain, in the documented order", () => {
    it("missing header → MISSING_CREDENTIALS (Fast: 403 Forbidden)", () =>
      expectGatewayRefusal(call(sim, "/account/balances"), "MISSING_CREDENTIALS"));
    it("garbage → INVALID_APIKEY (Fast: 403 Forbidden)", () =>
      expectGatewayRefusal(call(sim, "/account/balances", { key: "not-a-jwt" }), "INVALID_APIKEY"));
    it("bad signature → INVALID_APIKEY (Fast: 403 Forbidden)", async () => {
      const [h, p] = read.split(".");
      await expectGatewayRefusal(
        call(sim, "/account/balances", { key: `${h}.${p}.${Buffer.alloc(256, 1).toString("base64url")}` }),
        "INVALID_APIKEY",
      );
    });
    it("a key signed by another simulator → INVALID_APIKEY (Fast: 403 Forbidden)", async () => {
      const other = await withSim({ seed: "other", dialect });
      try {
        await expectGatewayRefusal(
          call(sim, "/account/balances", { key: other.demoKeys["demo-read"]!.key }),
          "INVALID_APIKEY",
        );
      } finally {
        await other.close();
      }
    });
    it("tampered payload (wrong issuer) fails the signature first → INVALID_APIKEY", async () => {
      const [h, , s] = read.split(".");
      await expectGatewayRefusal(
        call(sim, "/account/balances", { key: `${h}.${b64url(JSON.stringify({ iss: "x" }))}.${s}` }),
        "INVALID_APIKEY",
      );
    });
    it("wrong iss / aud on a validly signed key → 401 INVALID_ISSUER / INVALID_AUDIENCE", async () => {
      const authority = sim.state.authority;
      const acct = sim.demoKeys["demo-read"]!.accountId;
      const badIss = await authority.mint({
        accountId: acct,
        scopes: ["READ_ONLY"],
        overrides: { iss: "https://example.com/oauth2" },
      });
      const badAud = await authority.mint({
        accountId: acct,
        scopes: ["READ_ONLY"],
        overrides: { aud: ["https://api.example.com"] },
      });
      await expectError(call(sim, "/account/balances", { key: badIss.key }), 401, "INVALID_ISSUER");
      await expectError(call(sim, "/account/balances", { key: badAud.key }), 401, "INVALID_AUDIENCE");
    });
    it("revoked jti → 401 APIKEY_REVOKED", async () => {
      const minted = await control(sim, "/keys", { scopes: ["READ_ONLY"], account: "demo-read" });
      expect((await call(sim, "/account/balances", { key: String(minted.key) })).status).toBe(200);
      await control(sim, "/keys/revoke", { jti: minted.jti });
      await expectError(call(sim, "/account/balances", { key: String(minted.key) }), 401, "APIKEY_REVOKED");
    });
    it("caller IP not on the allow-list → 401 INVALID_IP_RESTRICTION; listed IP passes", async () => {
      const key = sim.demoKeys["demo-iprestricted"]!.key;
      await expectError(call(sim, "/account/balances", { key }), 401, "INVALID_IP_RESTRICTION");
      expect((await call(sim, "/account/balances", { key, ip: "203.0.113.10" })).status).toBe(200);
    });
    it("missing scope → 403 MISSING_PERMISSION", async () => {
      await expectError(
        call(sim, "/account/orders", { key: read, method: "POST", body: ORDER }),
        403,
        "MISSING_PERMISSION",
      );
      await expectError(call(sim, "/account/orders", { key: read, method: "DELETE" }), 403, "MISSING_PERMISSION");
      await expectError(
        call(sim, `/account/orders/client/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`, {
          key: read,
          method: "DELETE",
        }),
        403,
        "MISSING_PERMISSION",
      );
      if (!fast) await expectError(call(sim, "/account/deposit/crypto/BTC", { key: trade }), 403, "MISSING_PERMISSION");
    });
    it("a key for the other dialect's account → 401 INVALID_SUBJECT there, 200 on its own base", async () => {
      const other: Dialect = fast ? "bitpanda" : "fast";
      const minted = await control(sim, "/keys", {
        scopes: ["READ_ONLY"],
        account: `elsewhere-${dialect}`,
        dialect: other,
      });
      expect(minted.dialect).toBe(other);
      await expectError(call(sim, "/account/balances", { key: String(minted.key) }), 401, "INVALID_SUBJECT");
      expect((await call(sim, "/account/balances", { key: String(minted.key), base: sim.urls[other] })).status).toBe(
        200,
      );
      // And this dialect's demo key on the other base.
      await expectError(call(sim, "/account/balances", { key: read, base: sim.urls[other] }), 401, "INVALID_SUBJECT");
      // An account keeps its platform: minting for it in the other dialect is refused.
      expect(
        await control(sim, "/keys", { scopes: ["READ_ONLY"], account: "demo-read", dialect: other }),
      ).toMatchObject({ error: expect.stringContaining("platform") });
    });
    it("auth-style overrides still apply to both dialects", async () => {
      const forced = await withSim({ authFailureStyle: "fast", dialect });
      const legacy = await withSim({ authFailureStyle: "bitpanda", dialect });
      try {
        expect(
          await call(forced, "/account/balances", {
            key: forced.demoKeys["demo-read"]!.key,
            base: forced.urls[fast ? "bitpanda" : "fast"],
          }),
        ).toMatchObject({ status: 403, body: { message: "Forbidden" } });
        await expectError(call(legacy, "/account/balances"), 401, "MISSING_CREDENTIALS");
      } finally {
        await forced.close();
        await legacy.close();
      }
    });
  });

  describe("request validation", () => {
    const OLD = "00000000-0000-4000-8000-000000000000";
    const getCases: [string, number, string][] = [
      ["/account/orders?from=2025-01-01T00:00:00Z&to=2025-06-01T00:00:00Z", 400, "ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG"],
      ["/account/orders?from=yesterday&to=2026-01-01T00:00:00Z", 400, "INVALID_ACCOUNT_HISTORY_FROM_TIME"],
      ["/account/orders?max_page_size=101", 400, "INVALID_ACCOUNT_HISTORY_MAX_PAGE_SIZE"],
      ["/account/orders?cursor=bm9wZQ==", 400, "INVALID_PAGE_CURSOR"],
      ["/account/orders?instrument_code=NOPE_EUR", 400, "INVALID_INSTRUMENT_CODE"],
      ["/account/orders/not-a-uuid", 400, "INVALID_ORDER_ID"],
      [`/account/orders/${OLD}`, 404, ORDER_NOT_FOUND[dialect]],
      ["/account/nothing-here", 404, "NOT_FOUND"],
      ...(fast
        ? ([
            ["/account/trade/not-a-uuid", 400, "INVALID_TRADE_ID"],
            [`/account/trade/${OLD}`, 404, "NOT_FOUND"],
            [`/account/orders/client/${OLD}`, 404, "Order not found."],
            ["/account/orders/client/abc", 400, "INVALID_CLIENT_UUID"],
            ["/account/trades?instrument_code=BTC_EUR,NOPE_EUR", 400, "INVALID_INSTRUMENT_CODE"],
          ] as [string, number, string][])
        : ([
            ["/account/orders?from=2026-01-01T00:00:00Z", 400, "MISSING_TO_PARAM"],
            ["/account/orders?to=2026-01-01T00:00:00Z", 400, "MISSING_FROM_PARAM"],
            ["/account/trades/not-a-uuid", 400, "INVALID_TRADE_ID"],
            [`/account/trades/${OLD}`, 404, "NOT_FOUND"],
          ] as [string, number, string][])),
    ];
    it.each(getCases)("GET %s → %s %s", (path, status, code) =>
      expectError(call(sim, path, { key: read }), status, code),
    );

    it.each<[string, number, string]>([
      ["/market-ticker/NOPE_EUR", 400, "INVALID_INSTRUMENT_CODE"],
      [
        "/candlesticks/BTC_EUR?period=1&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
        400,
        "MISSING_CANDLESTICKS_UNIT_PARAM",
      ],
      [
        "/candlesticks/BTC_EUR?unit=HOURS&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
        400,
        "MISSING_CANDLESTICKS_PERIOD_PARAM",
      ],
      [
        "/candlesticks/BTC_EUR?unit=YEARS&period=1&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
        400,
        "INVALID_CANDLESTICKS_UNIT",
      ],
      [
        "/candlesticks/BTC_EUR?unit=MINUTES&period=1&from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
        400,
        "CANDLESTICKS_TIME_RANGE_TOO_BIG",
      ],
      fast
        ? ["/order-book/BTC_EUR?depth=3", 400, "INVALID_ORDER_BOOK_DEPTH"]
        : ["/order-book/BTC_EUR?level=4", 400, "INVALID_ORDER_BOOK_LEVEL"],
    ])("GET %s → %s %s", (path, status, code) => expectError(call(sim, path), status, code));

    it.each<[string, object, number, string]>([
      ["missing instrument", { ...ORDER, instrument_code: undefined }, 400, "MISSING_INSTRUMENT_CODE"],
      ["unknown instrument", { ...ORDER, instrument_code: "FOO_BAR" }, 400, "INVALID_INSTRUMENT_CODE"],
      ["missing type", { ...ORDER, type: undefined }, 422, "MISSING_ORDER_TYPE"],
      ["bad type", { ...ORDER, type: "ICEBERG" }, 400, "INVALID_ORDER_TYPE"],
      ["missing side", { ...ORDER, side: undefined }, 422, "MISSING_SIDE"],
      ["bad side", { ...ORDER, side: "HOLD" }, 400, "INVALID_SIDE"],
      ["bad amount", { ...ORDER, amount: "ten" }, 400, "INVALID_AMOUNT"],
      ["negative amount", { ...ORDER, amount: "-1" }, 422, "NEGATIVE_AMOUNT"],
      ["amount precision", { ...ORDER, amount: "0.0100001" }, 422, "BAD_AMOUNT_PRECISION"],
      ["missing price", { ...ORDER, price: undefined }, 422, "MISSING_PRICE"],
      ["price precision", { ...ORDER, price: "1000.001" }, 422, "BAD_PRICE_PRECISION"],
      ["negative price", { ...ORDER, price: "-5" }, 422, "NEGATIVE_PRICE"],
      ["too small", { ...ORDER, amount: "0.00001" }, 422, "MIN_SIZE_NOT_SATISFIED"],
      ["bad client id", { ...ORDER, client_id: "abc" }, 400, "INVALID_CLIENT_UUID"],
      ["insufficient funds", { ...ORDER, amount: "99999.00000" }, 422, "INSUFFICIENT_FUNDS"],
      ...((fast
        ? [
            ["MARKET (Fast: LIMIT only)", { ...ORDER, type: "MARKET", price: undefined }, 400, "INVALID_ORDER_TYPE"],
            [
              "STOP (Fast: LIMIT only)",
              { ...ORDER, type: "STOP", trigger_price: "1000.00" },
              400,
              "INVALID_ORDER_TYPE",
            ],
            [
              "GOOD_TILL_TIME (not in Fast)",
              { ...ORDER, time_in_force: "GOOD_TILL_TIME", expire_after: "2099-01-01T00:00:00Z" },
              400,
              "INVALID_QUERY",
            ],
          ]
        : [
            [
              "stop trigger precision",
              { ...ORDER, type: "STOP", trigger_price: "1.001" },
              422,
              "BAD_TRIGGER_PRICE_PRECISION",
            ],
            ["POST_ONLY (Fast only)", { ...ORDER, time_in_force: "POST_ONLY" }, 400, "INVALID_QUERY"],
            ["perpetual (Fast only)", { ...ORDER, instrument_code: "BTC_EUR_P" }, 400, "INVALID_INSTRUMENT_CODE"],
          ]) as [string, object, number, string][]),
    ])("POST order: %s → %s %s", (_n, body, status, code) =>
      expectError(call(sim, "/account/orders", { key: trade, method: "POST", body }), status, code),
    );

    it("an account may hold at most 200 open orders → 422 MAX_OPEN_ORDERS_EXCEEDED", async () => {
      // 200+ requests in a minute would trip the account limit first: lift it for this test.
      const roomy = await withSim({ accountLimitPerMinute: 1000, ipLimitPerMinute: 1000, dialect });
      try {
        const minted = await control(roomy, "/keys", { scopes: ["READ_ONLY", "TRADE"], account: "max-open" });
        const key = String(minted.key);
        await control(roomy, `/accounts/${String(minted.accountId)}/deposit`, { currency: "EUR", amount: "10000000" });
        // The first 199 are placed in the simulator's state directly (the same engine call the
        // route makes, without 199 round trips); the 200th over HTTP is still accepted, the 201st refused.
        const acct = roomy.state.account(String(minted.accountId))!;
        while (acct.openOrderCount() < 199) placeOrder(roomy.state.seed, acct, ORDER, Date.now());
        expect((await call(roomy, "/account/orders", { key, method: "POST", body: ORDER })).status).toBe(201);
        expect(acct.openOrderCount()).toBe(200);
        await expectError(
          call(roomy, "/account/orders", { key, method: "POST", body: ORDER }),
          422,
          "MAX_OPEN_ORDERS_EXCEEDED",
        );
      } finally {
        await roomy.close();
      }
    });

    it("cancelling an unknown order → 404 (code / sentence)", () =>
      expectError(
        call(sim, `/account/orders/${OLD}`, { key: trade, method: "DELETE" }),
        404,
        ORDER_NOT_FOUND[dialect],
      ));

    it("DELETE /account/orders takes at most one of its filters", () =>
      expectError(
        call(sim, `/account/orders?instrument_code=BTC_EUR&ids=${OLD}`, { key: trade, method: "DELETE" }),
        400,
        "INVALID_QUERY",
      ));

    if (!fast) {
      it("unknown deposit currency → 404 CURRENCY_NOT_FOUND", async () => {
        await expectError(
          call(sim, "/account/deposit/crypto/NOPE", { key: sim.demoKeys["demo-all"]!.key }),
          404,
          "CURRENCY_NOT_FOUND",
        );
      });
    }
  });
});
