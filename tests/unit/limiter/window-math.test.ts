import { planWindow } from "@/lib/limiter/window-math";

/** The most requests any rolling 60 s interval can hold when each fixed window admits P. */
function worstRollingMinute(windowSeconds: number, points: number, minutes = 5): number {
  // Adversary: every window's P requests placed at its last millisecond, or its first, or spread.
  let worst = 0;
  for (const placement of ["start", "end", "spread"] as const) {
    const times: number[] = [];
    const w = windowSeconds * 1000;
    for (let k = 0; k < (minutes * 60) / windowSeconds; k++) {
      for (let i = 0; i < points; i++) {
        times.push(
          k * w + (placement === "start" ? i : placement === "end" ? w - 1 - i : Math.floor((i * w) / points)),
        );
      }
    }
    times.sort((a, b) => a - b);
    let lo = 0;
    for (let hi = 0; hi < times.length; hi++) {
      while (times[hi]! - times[lo]! >= 60_000) lo++;
      worst = Math.max(worst, hi - lo + 1);
    }
  }
  return worst;
}

describe("planWindow", () => {
  it("never lets any rolling minute exceed the ceiling, for every ceiling up to the exchange's limit", () => {
    for (let ceiling = 2; ceiling <= 240; ceiling++) {
      const plan = planWindow(ceiling);
      expect(plan.maxInAnyMinute).toBeLessThanOrEqual(ceiling);
      expect(plan.sustainedPerMinute).toBeGreaterThan(0);
    }
  });

  it.each([220, 180, 60, 7])("the bound holds against adversarial timing (ceiling %i)", (ceiling) => {
    const plan = planWindow(ceiling);
    expect(worstRollingMinute(plan.windowSeconds, plan.pointsPerWindow)).toBeLessThanOrEqual(ceiling);
  });

  it("picks the plan with the best sustained rate", () => {
    expect(planWindow(220)).toMatchObject({
      windowSeconds: 2,
      pointsPerWindow: 7,
      maxInAnyMinute: 217,
      sustainedPerMinute: 210,
    });
    expect(planWindow(180)).toMatchObject({
      windowSeconds: 4,
      pointsPerWindow: 11,
      maxInAnyMinute: 176,
      sustainedPerMinute: 165,
    });
  });
});
