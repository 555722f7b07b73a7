// The control API's WebSocket and market routes (loopback only; not part of the exchange):
// drop connections, stall heartbeats, refuse upgrades, reset the connection window, and move
// prices or change the tick rate of the market that REST and the WebSocket share.

import { ANY_INSTRUMENT_BY_CODE } from "./market";
import type { SimState } from "./state";
import type { WsHub } from "./ws/hub";

type Body = Record<string, unknown>;
type Reply = { status: number; body: unknown };

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

/** Answers a /ws or /market control route, or undefined when the route is not one of them. */
export function liveControlRoute(
  state: SimState,
  hub: WsHub,
  route: string,
  url: URL,
  body: () => Promise<Body>,
): Promise<Reply | undefined> | Reply | undefined {
  const { market } = state;
  switch (route) {
    case "GET /ws":
      return { status: 200, body: hub.snapshot() };
    case "POST /ws/drop":
      return body().then((b) => {
        const dialect = b.dialect === "fast" || b.dialect === "bitpanda" ? b.dialect : undefined;
        return { status: 200, body: { dropped: hub.drop(b.mode === "close" ? "close" : "terminate", dialect) } };
      });
    case "POST /ws/stall":
      return body().then((b) => {
        hub.stall(typeof b.ms === "number" ? b.ms : undefined, b.data === true);
        return { status: 200, body: hub.snapshot() };
      });
    case "POST /ws/resume":
      hub.resume();
      return { status: 200, body: hub.snapshot() };
    case "POST /ws/upgrades":
      return body().then((b) => {
        hub.refuseAll = b.refuse === true;
        return { status: 200, body: hub.snapshot() };
      });
    case "POST /ws/reset":
      hub.resetLimits();
      return { status: 200, body: hub.snapshot() };
    case "POST /ws/heartbeat":
      return body().then((b) => {
        hub.setHeartbeatMs(Number(b.ms));
        return { status: 200, body: hub.snapshot() };
      });
    case "GET /market":
      return { status: 200, body: { tickMs: market.tickMs, ticks: market.ticks } };
    case "POST /market/tick":
      return body().then((b) => {
        market.setTickMs(Number(b.ms));
        return { status: 200, body: { tickMs: market.tickMs } };
      });
    case "GET /market/tape": {
      const code = url.searchParams.get("instrument") ?? "";
      if (!ANY_INSTRUMENT_BY_CODE.has(code)) return { status: 404, body: { error: "unknown instrument" } };
      const tape = market.tape(code).map((t) => ({ ...t, timeNs: t.timeNs.toString() }));
      return { status: 200, body: { instrument: code, tape } };
    }
    case "POST /market/price":
      return body().then((b) => {
        const code = str(b.instrument) ?? "";
        if (!ANY_INSTRUMENT_BY_CODE.has(code)) return { status: 404, body: { error: "unknown instrument" } };
        const t = market.move(code, { price: str(b.price), percent: str(b.percent), hold: b.hold !== false });
        return { status: 200, body: { ...t, timeNs: t.timeNs.toString() } };
      });
    case "DELETE /market/price": {
      const code = url.searchParams.get("instrument") ?? undefined;
      if (code !== undefined && !ANY_INSTRUMENT_BY_CODE.has(code))
        return { status: 404, body: { error: "unknown instrument" } };
      market.release(code);
      return { status: 200, body: { ok: true } };
    }
    default:
      return undefined;
  }
}
