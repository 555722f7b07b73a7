// Starts the simulated exchange: the API (default port 4100) and the control API on loopback
// (default port 4101). One engine and ledger, two dialects on one port: Bitpanda Pro under
// /public/v1 and One Trading Fast under /fast/v1. `dialect` picks the platform of the demo
// accounts (and of keys minted without naming one) and which base `url` points at.
// Everything is deterministic from `seed`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SimState, type DemoKey } from "./state";
import { createApiHandler, type AuthFailureStyle } from "./server";
import { DIALECT_PREFIX, type Dialect } from "./dialect";
import { createControlHandler } from "./control";

export interface SimulatorOptions {
  port?: number;
  controlPort?: number;
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
  const controlHandler = createControlHandler(state);
  const control = http.createServer((req, res) => void controlHandler(req, res));
  const apiPort = await listen(api, opts.port ?? 4100, host);
  const controlPort = await listen(control, opts.controlPort ?? 4101, "127.0.0.1");
  const close = (s: http.Server) =>
    new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    });
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${apiPort}`;
  const dialect = opts.dialect ?? "bitpanda";
  return {
    url: `${origin}${DIALECT_PREFIX[dialect]}`,
    dialect,
    urls: { bitpanda: `${origin}${DIALECT_PREFIX.bitpanda}`, fast: `${origin}${DIALECT_PREFIX.fast}` },
    controlUrl: `http://127.0.0.1:${controlPort}`,
    demoKeys: state.demoKeys,
    state,
    close: async () => {
      await Promise.all([close(api), close(control)]);
    },
  };
}
