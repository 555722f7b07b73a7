// The WebSocket's connection limit, as the exchange's: at most 30 accepted upgrades a rolling
// minute from one address, then HTTP 429 on upgrade; per address, always on; the window moves
// with the simulator's clock (injected here, so no test waits a minute). Plus the control
// switch that refuses every upgrade.
import type { RunningSimulator } from "@/lib/simulator";
import { upgradeStatus } from "@/tests/helpers/ws-probe";
import { control, withSim } from "./helpers";

let sim: RunningSimulator;
let clock = Date.UTC(2026, 5, 1, 9, 0, 0);

beforeAll(async () => {
  sim = await withSim({ now: () => clock });
});
afterAll(async () => {
  await sim.close();
});

const from = (ip: string) => ({ "x-sim-client-ip": ip });

describe.each(["fast", "bitpanda"] as const)("%s", (dialect) => {
  const ip = dialect === "fast" ? "198.51.100.31" : "198.51.100.32";

  it("accepts 30 upgrades a minute from one address and refuses the 31st with 429", async () => {
    const url = sim.wsUrls[dialect];
    for (let i = 0; i < 30; i++) expect(await upgradeStatus(url, from(ip))).toBe(101);
    expect(await upgradeStatus(url, from(ip))).toBe(429);
    // Every one of the 30 is closed again: the limit is on connections made, not open.
    expect(await upgradeStatus(url, from(ip))).toBe(429);
    // Another address has its own 30.
    expect(await upgradeStatus(url, from("198.51.100.99"))).toBe(101);
    const stats = await control(sim, "/ws");
    expect((stats.upgradesThisMinute as Record<string, number>)[ip]).toBe(30);
    expect(stats.maxPerMinute).toBe(30);
  });

  it("opens again once the first upgrades leave the rolling minute", async () => {
    const url = sim.wsUrls[dialect];
    expect(await upgradeStatus(url, from(ip))).toBe(429);
    clock += 59_999;
    expect(await upgradeStatus(url, from(ip))).toBe(429);
    clock += 1;
    expect(await upgradeStatus(url, from(ip))).toBe(101);
    expect(await upgradeStatus(url, from(ip))).toBe(101);
  });
});

it("refuses the 31st upgrade across both dialects: the limit is per address, not per path", async () => {
  const ip = "198.51.100.40";
  for (let i = 0; i < 15; i++) {
    expect(await upgradeStatus(sim.wsUrls.fast, from(ip))).toBe(101);
    expect(await upgradeStatus(sim.wsUrls.bitpanda, from(ip))).toBe(101);
  }
  expect(await upgradeStatus(sim.wsUrls.fast, from(ip))).toBe(429);
  await control(sim, "/ws/reset", {});
  expect(await upgradeStatus(sim.wsUrls.fast, from(ip))).toBe(101);
});

it("the control switch refuses every upgrade with 429 until it is turned off", async () => {
  await control(sim, "/ws/upgrades", { refuse: true });
  const refused = (await control(sim, "/ws")).refused429 as number;
  expect(await upgradeStatus(sim.wsUrls.fast, from("198.51.100.50"))).toBe(429);
  expect(await upgradeStatus(sim.wsUrls.bitpanda, from("198.51.100.51"))).toBe(429);
  expect((await control(sim, "/ws")).refused429).toBe(refused + 2);
  await control(sim, "/ws/upgrades", { refuse: false });
  expect(await upgradeStatus(sim.wsUrls.fast, from("198.51.100.50"))).toBe(101);
});

it("answers a plain request with 426 and an unknown path's upgrade with 404", async () => {
  const res = await fetch(sim.wsUrls.fast.replace("ws://", "http://"));
  expect(res.status).toBe(426);
  expect(await upgradeStatus(sim.wsUrls.fast.replace("/fast", "/nowhere"), from("198.51.100.60"))).toBe(404);
});
