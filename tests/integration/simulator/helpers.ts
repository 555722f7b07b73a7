import { startSimulator, type Dialect, type RunningSimulator, type SimulatorOptions } from "@/lib/simulator";

/** The conformance suites run once per dialect the simulator serves. */
export const DIALECTS: Dialect[] = ["bitpanda", "fast"];

export async function withSim(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, controlPort: 0, seed: "test", trustClientIpHeader: true, ...opts });
}

export async function call(
  sim: RunningSimulator,
  path: string,
  init: { key?: string; method?: string; body?: unknown; ip?: string; base?: string } = {},
) {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.ip) headers["x-sim-client-ip"] = init.ip;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const send = () =>
    fetch(`${init.base ?? sim.url}${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  // A GET on a kept-alive connection the server closed as it was reused (the simulator runs in
  // this process: after a long stall of the event loop on a busy machine both sides' idle
  // timers fire at once) is sent again on a new one, as browsers do for idempotent requests.
  const res = await send().catch((err: unknown) => {
    const code = (err as { cause?: { code?: string } })?.cause?.code;
    if ((init.method ?? "GET") === "GET" && (code === "ECONNRESET" || code === "UND_ERR_SOCKET")) return send();
    throw err;
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null, text };
}

export async function control(
  sim: RunningSimulator,
  path: string,
  body?: unknown,
  method = body === undefined ? "GET" : "POST",
) {
  const res = await fetch(`${sim.controlUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** The order-not-found answer of each dialect: a code on /public/v1, a sentence on /fast/v1. */
export const ORDER_NOT_FOUND: Record<Dialect, string> = { bitpanda: "ORDER_NOT_FOUND", fast: "Order not found." };
