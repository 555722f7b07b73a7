// Starts the simulated exchange: the API (default port 4100), the WebSocket (default port 4102;
// ephemeral when `port` is 0) and the control API on loopback (default port 4101). One engine and ledger, two dialects on one port: Bitpanda Pro under
// /public/v1 and One Trading Fast under /fast/v1. `dialect` picks the platform of the demo
// accounts (and of keys minted without naming one) and which base `url` points at.
// Everything is deterministic from `seed`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SimState, type DemoKey } from "./state";
import { createApiHandler, type AuthFailureStyle } from "./server";
import { DIALECT_PREFIX, type Dialect } from "./dialect";
import { createControlHandler } from "./control";
import { createWsServer, WsHub } from "./ws/hub";

export interface SimulatorOptions {
  port?: number;
  controlPort?: number;
  /** The WebSocket's port: default 4102, or ephemeral (0) when `port` is 0. */
  wsPort?: number;
  /** How often the market ticks (ms, ≥ 50; default 10,000): a trade per instrument per tick. */
  tickMs?: number;
  /** How often the WebSocket sends HEARTBEAT (ms; default 5,000). */
  heartbeatMs?: number;
  /** Accepted WebSocket upgrades per client address per rolling minute (default 30, as the exchange). */
  wsConnectionsPerMinute?: number;
  host?: string;
  seed?: string;
  trustClientIpHeader?: boolean;
  accountLimitPerMinute?: number;
  ipLimitPerMinute?: number;
  windowMs?: number;
  accountThrottleMs?: number;
  ipBlockMs?: number;
  /** Forces one auth-failure style on both dialects (see server.ts); unset = each dialect's own. */
  authFailureStyle?: AuthFailureStyle;
  /** "bitpanda" (default: /public/v1) or "fast" (/fast/v1, One Trading Fast). */
  dialect?: Dialect;
  now?: () => number;
  /** Where to keep the signing key pair across restarts (dev); a fresh pair when unset. */
  keyFile?: string;
  /**
   * Demo accounts (by name, or "all") whose history is generated before the server listens. It is
   * otherwise generated on the account's first request: for the busy account (50,000 orders) that
   * first answer takes seconds, longer than a client's timeout on a loaded machine, where a real
   * exchange answers at once.
   */
  warm?: string[] | "all";
}

export interface RunningSimulator {
  /** The REST base of the primary dialect, e.g. http://127.0.0.1:4100/fast/v1. */
  url: string;
  dialect: Dialect;
  /** Both bases (the other dialect is served too, for keys of accounts on that platform). */
  urls: Record<Dialect, string>;
  /** The WebSocket of the primary dialect, e.g. ws://127.0.0.1:4102/fast. */
  wsUrl: string;
  /** Both dialects' WebSockets (the same port; the path picks the dialect). */
  wsUrls: Record<Dialect, string>;
  /** The WebSocket server (connections, limits, heartbeats; the control API drives it). */
  ws: WsHub;
  controlUrl: string;
  demoKeys: Record<string, DemoKey>;
  state: SimState;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export type { Dialect };

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = await SimState.create(
    opts.seed ?? "demo",
    {
      accountLimit: opts.accountLimitPerMinute ?? 200,
      ipLimit: opts.ipLimitPerMinute ?? 240,
      windowMs: opts.windowMs ?? 60_000,
      accountThrottleMs: opts.accountThrottleMs ?? opts.windowMs ?? 60_000,
      ipBlockMs: opts.ipBlockMs ?? 3_600_000,
    },
    opts.now ?? Date.now,
    opts.keyFile,
    opts.dialect ?? "bitpanda",
    opts.tickMs,
  );
  const warm =
    opts.warm === "all"
      ? Object.values(state.demoKeys)
      : Object.values(state.demoKeys).filter((d) => opts.warm?.includes(d.name));
  for (const demo of warm) state.account(demo.accountId);
  const host = opts.host ?? "127.0.0.1";
  const apiHandler = createApiHandler(state, {
    trustClientIpHeader: opts.trustClientIpHeader ?? false,
    authFailureStyle: opts.authFailureStyle,
  });
  // The handlers answer their own errors; Node's server wants a plain callback.
  const api = http.createServer((req, res) => void apiHandler(req, res));
  api.keepAliveTimeout = 30_000;
  const dialect = opts.dialect ?? "bitpanda";
  const hub = new WsHub(
    state,
    {
      trustClientIpHeader: opts.trustClientIpHeader ?? false,
      heartbeatMs: opts.heartbeatMs,
      connectionsPerMinute: opts.wsConnectionsPerMinute,
    },
    dialect,
  );
  const wsServer = createWsServer(hub);
  const controlHandler = createControlHandler(state, hub);
  const control = http.createServer((req, res) => void controlHandler(req, res));
  const apiPort = await listen(api, opts.port ?? 4100, host);
  const wsPort = await listen(wsServer, opts.wsPort ?? (opts.port === 0 ? 0 : 4102), host);
  const controlPort = await listen(control, opts.controlPort ?? 4101, "127.0.0.1");
  state.market.start();
  const close = (s: http.Server) =>
    new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    });
  const hostPart = host.includes(":") ? `[${host}]` : host;
  const origin = `http://${hostPart}:${apiPort}`;
  const wsUrls: Record<Dialect, string> = {
    bitpanda: `ws://${hostPart}:${wsPort}/bitpanda`,
    fast: `ws://${hostPart}:${wsPort}/fast`,
  };
  return {
    url: `${origin}${DIALECT_PREFIX[dialect]}`,
    dialect,
    urls: { bitpanda: `${origin}${DIALECT_PREFIX.bitpanda}`, fast: `${origin}${DIALECT_PREFIX.fast}` },
    wsUrl: wsUrls[dialect],
    wsUrls,
    ws: hub,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    demoKeys: state.demoKeys,
    state,
    close: async () => {
      state.market.stop();
      hub.close();
      await Promise.all([close(api), close(wsServer), close(control)]);
    },
  };
}
