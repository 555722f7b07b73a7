// "Hide amounts" for team members: quantities and values become empty strings (the page shows
// "hidden"); currencies, instruments, sides, statuses, prices, percentages and times stay.
// Always works on a copy: cached responses are shared between viewers.
import type { Endpoint } from "@/lib/limiter";

type Obj = Record<string, unknown>;
const blank = (o: unknown, fields: string[]) => {
  if (!o || typeof o !== "object") return;
  for (const f of fields) if (f in (o as Obj)) (o as Obj)[f] = "";
};
const tradeEntry = (e: unknown) => {
  blank((e as Obj | null)?.trade, ["amount"]);
  blank((e as Obj | null)?.fee, ["fee_amount", "running_trading_volume"]);
};
const orderEntry = (e: unknown) => {
  blank((e as Obj | null)?.order, ["amount", "filled_amount"]);
  const trades = (e as Obj | null)?.trades;
  if (Array.isArray(trades)) trades.forEach(tradeEntry);
};

export function redactAmounts<T>(endpoint: Endpoint, data: T): T {
  const copy = structuredClone(data) as unknown as Obj;
  switch (endpoint) {
    case "balances":
      (copy.balances as unknown[]).forEach((b) => blank(b, ["available", "locked", "change"]));
      break;
    case "fees":
      // Keydesk's fee model (lib/exchange/model.ts): one running volume per fee group.
      if (Array.isArray(copy.groups)) (copy.groups as unknown[]).forEach((g) => blank(g, ["running_volume"]));
      break;
    case "trading-volume":
      blank(copy, ["volume"]);
      break;
    case "orders":
      (copy.order_history as unknown[]).forEach(orderEntry);
      break;
    case "order":
      orderEntry(copy);
      break;
    case "order-trades":
    case "trades":
      (copy.trade_history as unknown[]).forEach(tradeEntry);
      break;
    default:
      break;
  }
  return copy as unknown as T;
}
