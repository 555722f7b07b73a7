// What POST /account/orders accepts (lib/exchange/REFERENCE.md §5.5), per dialect: the body checked field by
// field with the exchange's own error codes, before the engine (./engine.ts) locks funds.
import Decimal from "decimal.js";
import { ANY_INSTRUMENT_BY_CODE, INSTRUMENT_BY_CODE, type InstrumentDef } from "./market";
import { ACTIVE_STATUSES, type Account, type Side } from "./ledger";
import { SimError } from "./errors";

const DECIMAL = /^\d+(\.\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a dialect accepts in POST /account/orders (REFERENCE.md §5.5). */
export interface PlaceRules {
  instruments: ReadonlyMap<string, InstrumentDef>;
  types: readonly string[];
  tifs: readonly string[];
  /** Bitpanda Pro rejects a client_id already used by an active order; Fast leaves uniqueness to the caller. */
  uniqueClientId: boolean;
}

export const LEGACY_RULES: PlaceRules = {
  instruments: INSTRUMENT_BY_CODE,
  types: ["LIMIT", "MARKET", "STOP"],
  tifs: ["GOOD_TILL_CANCELLED", "GOOD_TILL_TIME", "IMMEDIATE_OR_CANCELLED", "FILL_OR_KILL"],
  uniqueClientId: true,
};
export const FAST_RULES: PlaceRules = {
  instruments: ANY_INSTRUMENT_BY_CODE,
  types: ["LIMIT"],
  tifs: ["GOOD_TILL_CANCELLED", "IMMEDIATE_OR_CANCELLED", "FILL_OR_KILL", "POST_ONLY"],
  uniqueClientId: false,
};

function decimals(s: string): number {
  return s.includes(".") ? s.split(".")[1]!.length : 0;
}

function parseAmount(
  v: unknown,
  code: { invalid: string; precision: string; negative: string },
  precision: number,
): Decimal {
  if (typeof v !== "string" && typeof v !== "number") throw new SimError(400, code.invalid);
  const s = String(v).trim();
  if (/^-/.test(s) && DECIMAL.test(s.slice(1))) throw new SimError(422, code.negative);
  if (!DECIMAL.test(s)) throw new SimError(400, code.invalid);
  const d = new Decimal(s);
  if (d.lte(0)) throw new SimError(422, code.negative);
  if (decimals(s.replace(/0+$/, "")) > precision) throw new SimError(422, code.precision);
  return d;
}

export interface PlaceBody {
  instrument_code?: unknown;
  type?: unknown;
  side?: unknown;
  amount?: unknown;
  price?: unknown;
  trigger_price?: unknown;
  client_id?: unknown;
  time_in_force?: unknown;
  expire_after?: unknown;
  is_post_only?: unknown;
}

/** A checked order body: what the engine needs to place it. */
export interface PlaceInput {
  inst: InstrumentDef;
  type: "LIMIT" | "MARKET" | "STOP";
  side: Side;
  amount: Decimal;
  price?: Decimal;
  trigger?: Decimal;
  tif: string;
  expireAfter?: number;
  clientId?: string;
}

/** Checks an order body as the exchange does, first failure first; throws SimError with its code. */
export function checkPlaceBody(acct: Account, body: PlaceBody, now: number, rules: PlaceRules): PlaceInput {
  if (body.instrument_code === undefined) throw new SimError(400, "MISSING_INSTRUMENT_CODE");
  const inst = typeof body.instrument_code === "string" ? rules.instruments.get(body.instrument_code) : undefined;
  if (!inst) throw new SimError(400, "INVALID_INSTRUMENT_CODE");
  if (body.type === undefined) throw new SimError(422, "MISSING_ORDER_TYPE");
  if (body.type !== "LIMIT" && body.type !== "MARKET" && body.type !== "STOP")
    throw new SimError(400, "INVALID_ORDER_TYPE");
  if (!rules.types.includes(body.type)) throw new SimError(400, "INVALID_ORDER_TYPE");
  if (body.side === undefined) throw new SimError(422, "MISSING_SIDE");
  if (body.side !== "BUY" && body.side !== "SELL") throw new SimError(400, "INVALID_SIDE");
  const type = body.type;
  const side: Side = body.side;
  const amount = parseAmount(
    body.amount,
    { invalid: "INVALID_AMOUNT", precision: "BAD_AMOUNT_PRECISION", negative: "NEGATIVE_AMOUNT" },
    inst.amountPrecision,
  );
  let price: Decimal | undefined;
  let trigger: Decimal | undefined;
  if (type !== "MARKET") {
    if (body.price === undefined) throw new SimError(422, "MISSING_PRICE");
    price = parseAmount(
      body.price,
      { invalid: "INVALID_PRICE", precision: "BAD_PRICE_PRECISION", negative: "NEGATIVE_PRICE" },
      inst.marketPrecision,
    );
  }
  if (type === "STOP") {
    if (body.trigger_price === undefined) throw new SimError(422, "MISSING_PRICE");
    trigger = parseAmount(
      body.trigger_price,
      { invalid: "INVALID_PRICE", precision: "BAD_TRIGGER_PRICE_PRECISION", negative: "NEGATIVE_PRICE" },
      inst.marketPrecision,
    );
  }
  const tif = body.time_in_force === undefined ? "GOOD_TILL_CANCELLED" : String(body.time_in_force);
  if (!rules.tifs.includes(tif) || (type !== "LIMIT" && body.time_in_force !== undefined))
    throw new SimError(400, "INVALID_QUERY");
  let expireAfter: number | undefined;
  if (tif === "GOOD_TILL_TIME") {
    expireAfter = typeof body.expire_after === "string" ? Date.parse(body.expire_after) : NaN;
    if (!Number.isFinite(expireAfter) || expireAfter <= now) throw new SimError(400, "INVALID_TIME");
  }
  let clientId: string | undefined;
  if (body.client_id !== undefined) {
    if (typeof body.client_id !== "string" || !UUID.test(body.client_id))
      throw new SimError(400, "INVALID_CLIENT_UUID");
    clientId = body.client_id;
    if (rules.uniqueClientId && acct.orders.some((o) => o.client_id === clientId && ACTIVE_STATUSES.has(o.status)))
      throw new SimError(422, "DUPLICATE_CLIENT_ID");
  }

  return { inst, type, side, amount, price, trigger, tif, expireAfter, clientId };
}
