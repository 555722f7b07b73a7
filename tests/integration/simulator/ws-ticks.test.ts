// The market can tick several times a second (for the live benchmark) and stays deterministic:
// two simulators with the same seed and clock push the same trades, tick for tick, and the
// REST ticker quotes the price the socket just pushed. The clock is injected and moved by the
// test; the simulators' own timers push the ticks that fall due.
import type { RunningSimulator } from "@/lib/simulator";
import { WsProbe, rawInteger, type WsMessage } from "@/tests/helpers/ws-probe";
import { call, control, withSim } from "./helpers";

const T0 = Date.UTC(2026, 5, 1, 10, 0, 0);
let clock = T0;
const sims: RunningSimulator[] = [];
const probes: WsProbe[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) sims.push(await withSim({ seed: "ticks", tickMs: 200, now: () => clock }));
});
afterAll(async () => {
  for (const p of probes) p.close();
  for (const s of sims) await s.close();
});

async function subscribe(sim: RunningSimulator): Promise<WsProbe> {
  const ws = await WsProbe.open(sim.wsUrls.fast);
  probes.push(ws);
  ws.send({ type: "SUBSCRIBE", channels: [{ name: "PRICE_TICKS", instrument_codes: ["BTC_EUR", "ETH_EUR"] }] });
  await ws.next((m) => m.type === "SUBSCRIPTIONS");
  return ws;
}

async function ticks(ws: WsProbe, n: number): Promise<WsMessage[]> {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await ws.next((m) => m.type === "PRICE_TICK", `tick ${i + 1} of ${n}`));
  return out;
}

interface Tick {
  instrument_code: string;
  price: string;
  time: string;
}
const view = (m: WsMessage): Tick => ({ ...(m.msg as unknown as Tick), time: rawInteger(m.raw, "time").toString() });

it("ticks five times a second at 200 ms, the same trades from the same seed, and REST quotes the last", async () => {
  const [a, b] = await Promise.all(sims.map(subscribe));
  // History: 80 ticks per instrument, identical in both simulators.
  const historyA = (await ticks(a!, 160)).map(view);
  const historyB = (await ticks(b!, 160)).map(view);
  expect(historyA).toEqual(historyB);
  expect(historyA.at(-1)!.time.slice(0, -6)).toBe(String(T0));

  clock = T0 + 1_000;
  const liveA = (await ticks(a!, 10)).map(view);
  const liveB = (await ticks(b!, 10)).map(view);
  expect(liveA).toEqual(liveB);
  // One trade per instrument per tick, at T0 + 200, 400, …, 1000 ms.
  const btc = liveA.filter((t) => t.instrument_code === "BTC_EUR");
  expect(btc.map((t) => BigInt(t.time) / 1_000_000n)).toEqual([200, 400, 600, 800, 1000].map((d) => BigInt(T0 + d)));
  // The price moves between ticks (the seeded wave's wobble at the tick rate).
  expect(new Set(btc.map((t) => t.price)).size).toBeGreaterThan(1);
  const rest = (await call(sims[0]!, "/market-ticker/BTC_EUR", { base: sims[0]!.urls.fast })).body as {
    last_price: string;
  };
  expect(rest.last_price).toBe(btc.at(-1)!.price);
});

it("the control API changes the tick rate on a running market", async () => {
  const sim = sims[0]!;
  const ws = await subscribe(sim);
  await ticks(ws, 160);
  expect((await control(sim, "/market/tick", { ms: 100 })).tickMs).toBe(100);
  const start = clock;
  clock += 500;
  const live = (await ticks(ws, 10)).map(view).filter((t) => t.instrument_code === "ETH_EUR");
  expect(live.map((t) => Number(BigInt(t.time) / 1_000_000n) - start)).toEqual([100, 200, 300, 400, 500]);
  expect((await control(sim, "/market/tick", { ms: 10 })).error).toMatch(/≥ 50/);
});
