// The budget when its shared store misbehaves: a Redis command that ran but whose answer came
// too late, Redis going away after the minute was spent, Redis coming back empty (it keeps
// nothing on disk). Whatever happens, no rolling minute may hold more than the ceiling of calls
// that really went out. "Redis" here is a stand-in that keeps the shared log the Lua script
// keeps (one rolling minute, shared by every instance), so the test can make it slow or lose it.
import type { Redis } from "ioredis";
import { Budget, BudgetExceededError } from "@/lib/limiter/budget";
import { Cooldowns } from "@/lib/limiter/cooldowns";
import { ManualClock, installClock } from "../../helpers/clock";

const clock = installClock(new ManualClock(Date.UTC(2026, 5, 1, 12)));
const LIMIT = 10;

/** The shared store: one rolling minute of takes on the IP layer, as the script keeps it. */
class FakeRedis {
  status = "ready";
  log: { at: number; member: string }[] = [];
  /** The command runs, but its answer arrives after the client gave up (commandTimeout). */
  late = false;
  private n = 0;

  private trim(t: number) {
    this.log = this.log.filter((e) => e.at > t - 60_000);
  }

  async script() {
    return "sha";
  }

  async evalsha(...args: (string | number)[]) {
    if (this.status !== "ready") throw new Error("Connection is closed.");
    // The time the budget passes (a test clock) is the last argument.
    const t = Number(args[args.length - 1]);
    this.trim(t);
    let out: unknown[];
    if (this.log.length >= LIMIT) out = [0, 0, this.log[0]!.at + 60_000 - t, 0];
    else {
      const member = `m${this.n++}|u`;
      this.log.push({ at: t, member });
      out = [1, member];
    }
    if (this.late) throw new Error("Command timed out");
    return out;
  }

  async eval(_script: string, n: number, ...rest: string[]) {
    const member = rest[n];
    this.log = this.log.filter((e) => e.member !== member);
    return 1;
  }

  async zcount() {
    return this.log.length;
  }

  /** Redis restarted: it kept nothing. */
  restart() {
    this.log = [];
    this.status = "ready";
  }
}

const instances = (r: FakeRedis, count: number) =>
  Array.from(
    { length: count },
    () =>
      new Budget({
        ipPerMinute: LIMIT,
        accountPerMinute: LIMIT,
        redis: r as unknown as Redis,
        instanceCount: count,
        keyPrefix: "t",
        cooldowns: new Cooldowns(null, "t"),
        maxWaitMs: { interactive: 0, background: 0 },
      }),
  );

let user = 0;
/** Up to `n` calls as fast as the budget lets them through: how many it let through. */
async function burst(b: Budget, n: number): Promise<number> {
  let ok = 0;
  for (let i = 0; i < n; i++) {
    try {
      // A different account and user each time: only the IP layer is shared.
      await b.acquire({ ip: "egress", account: `acc${user}`, user: `u${user++}` }, "interactive");
      ok++;
    } catch (err) {
      if (!(err instanceof BudgetExceededError)) throw err;
    }
  }
  return ok;
}

it("a Redis command that ran but answered too late is a call spent, not a licence for a local minute of its own", async () => {
  const r = new FakeRedis();
  const [a] = instances(r, 1);
  expect(await burst(a!, LIMIT)).toBe(LIMIT);
  // The machine is busy: Redis runs every take, but the answers come after the client's timeout.
  r.late = true;
  const more = await burst(a!, LIMIT);
  expect(LIMIT + more).toBeLessThanOrEqual(LIMIT);
  // The takes Redis recorded count against the minute as well: nothing leaks out later either.
  r.late = false;
  await clock.advance(30_000);
  expect(await burst(a!, LIMIT)).toBe(0);
  await clock.advance(30_001);
  expect(await burst(a!, LIMIT * 2)).toBe(LIMIT);
});

it("one instance: Redis lost after a spent minute, then back empty: the minute is still spent", async () => {
  const r = new FakeRedis();
  const [a] = instances(r, 1);
  expect(await burst(a!, LIMIT)).toBe(LIMIT);
  r.status = "reconnecting";
  await clock.advance(20_000);
  expect(await burst(a!, LIMIT)).toBe(0);
  r.restart();
  await clock.advance(20_000);
  // Redis knows nothing of the last minute; the instance does.
  expect(await burst(a!, LIMIT)).toBe(0);
  await clock.advance(20_001);
  expect(await burst(a!, LIMIT * 2)).toBe(LIMIT);
});

it("two instances: Redis lost after one of them spent the minute: neither spends it again", async () => {
  const r = new FakeRedis();
  const [a, b] = instances(r, 2);
  expect(await burst(a!, LIMIT)).toBe(LIMIT);
  r.status = "reconnecting";
  // B saw none of A's calls: it must assume the minute before the outage was spent.
  const during = (await burst(a!, LIMIT)) + (await burst(b!, LIMIT));
  expect(during).toBe(0);
  // A full window after the outage began, each takes its 1/N share.
  await clock.advance(60_001);
  expect((await burst(a!, LIMIT)) + (await burst(b!, LIMIT))).toBe(LIMIT);
  // Redis back, empty: what the shares took in the last minute still counts.
  r.restart();
  await clock.advance(10_000);
  expect((await burst(a!, LIMIT)) + (await burst(b!, LIMIT))).toBe(0);
  await clock.advance(50_001);
  expect((await burst(a!, LIMIT * 2)) + (await burst(b!, LIMIT * 2))).toBe(LIMIT);
});

it("a new instance whose Redis is still connecting waits for it instead of refusing for a minute", async () => {
  const r = new FakeRedis();
  r.status = "connecting";
  const [a] = instances(r, 2);
  // Asked while connecting: refused for now, with a short retry, not a minute's blindness.
  expect(await burst(a!, 1)).toBe(0);
  r.status = "ready";
  await clock.advance(200);
  expect(await burst(a!, LIMIT)).toBe(LIMIT);
});
