// Order/trade history filters ↔ the proxy's query parameters. Dates are whole UTC days: "from"
// starts at 00:00:00.000Z, "to" ends at 23:59:59.999Z. Pure, shared with tests.
export type StatusGroup = "all" | "open" | "filled" | "cancelled";
export interface HistoryFilters {
  instrument: string;
  side: "" | "BUY" | "SELL";
  status: StatusGroup;
  from: string;
  to: string;
}

export const EMPTY_FILTERS: HistoryFilters = { instrument: "", side: "", status: "all", from: "", to: "" };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTRUMENT = /^[A-Z0-9]{1,12}_[A-Z0-9]{1,12}(_P)?$/; // BTC_EUR, and One Trading Fast perpetuals like BTC_EUR_P

/** Reads filters from URL search params, dropping anything malformed. */
export function parseFilters(sp: { get(name: string): string | null }): HistoryFilters {
  const status = sp.get("status");
  const side = sp.get("side");
  const instrument = sp.get("instrument") ?? "";
  const from = sp.get("from") ?? "";
  const to = sp.get("to") ?? "";
  return {
    instrument: INSTRUMENT.test(instrument) ? instrument : "",
    side: side === "BUY" || side === "SELL" ? side : "",
    status: status === "open" || status === "filled" || status === "cancelled" ? status : "all",
    from: DAY.test(from) ? from : "",
    to: DAY.test(to) ? to : "",
  };
}

/** Validation the form shows before asking the server. */
export function filterProblems(f: HistoryFilters): Partial<Record<keyof HistoryFilters, string>> {
  const out: Partial<Record<keyof HistoryFilters, string>> = {};
  if (f.from && f.to && f.from > f.to) out.from = "The start must be on or before the end.";
  return out;
}

/** The proxy route's query string for one page (without the cursor). */
export function filtersToQuery(
  f: HistoryFilters,
  opts: { kind: "orders" | "trades"; pageSize?: number },
): URLSearchParams {
  const q = new URLSearchParams();
  if (f.instrument) q.set("instrument", f.instrument);
  if (f.side) q.set("side", f.side);
  if (opts.kind === "orders") q.set("status", f.status);
  if (f.from) q.set("from", `${f.from}T00:00:00.000Z`);
  if (f.to) q.set("to", `${f.to}T23:59:59.999Z`);
  q.set("pageSize", String(opts.pageSize ?? 50));
  return q;
}

/** The same filters as URL params for the page (shareable links, back button). */
export function filtersToSearch(f: HistoryFilters, tab: string): string {
  const q = new URLSearchParams({ tab });
  if (f.instrument) q.set("instrument", f.instrument);
  if (f.side) q.set("side", f.side);
  if (f.status !== "all") q.set("status", f.status);
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  return `?${q.toString()}`;
}
