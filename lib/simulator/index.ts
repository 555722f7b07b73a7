// Starts the simulated exchange: the API (default port 4100, /public/v1) and the control
// API on loopback (default port 4101). Everything is deterministic from `seed`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SimState, type DemoKey } from "./state";
import { createApiHandler, PROFILE_PREFIX } from "./server";
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
  authFailureStyle?: "bitpanda" | "fast";
  now?: () => number;
  /** Where to keep the signing key pair across restarts (dev); a fresh pair when unset. */
  keyFile?: string;
}

export interface RunningSimulator {
  url: string;
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

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = await SimState.create(opts.seed ?? "demo", {
    accountLimit: opts.accountLimitPerMinute ?? 200,
    ipLimit: opts.ipLimitPerMinute ?? 240,
    windowMs: opts.windowMs ?? 60_000,
    accountThrottleMs: opts.accountThrottleMs ?? opts.windowMs ?? 60_000,
    ipBlockMs: opts.ipBlockMs ?? 3_600_000,
  }, opts.now ?? Date.now, opts.keyFile);
  const host = opts.host ?? "127.0.0.1";
  const api = http.createServer(createApiHandler(state, { trustClientIpHeader: opts.trustClientIpHeader ?? false, authFailureStyle: opts.authFailureStyle ?? "bitpanda" }));
  api.keepAliveTimeout = 30_000;
  const control = http.createServer(createControlHandler(state));
  const apiPort = await listen(api, opts.port ?? 4100, host);
  const controlPort = await listen(control, opts.controlPort ?? 4101, "127.0.0.1");
  const close = (s: http.Server) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${apiPort}${PROFILE_PREFIX}`,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    demoKeys: state.demoKeys,
    state,
    close: async () => { await Promise.all([close(api), close(control)]); },
  };
}
