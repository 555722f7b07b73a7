// Why the budget can never exceed its ceiling in ANY rolling 60 s window, though the
// limiter library counts fixed windows:
//
//   With fixed windows of w seconds (w divides 60) and at most P requests per window, any
//   rolling 60-second interval overlaps at most 60/w + 1 consecutive windows, so it holds at
//   most P * (60/w + 1) requests. Choosing P = floor(ceiling / (60/w + 1)) makes that
//   <= ceiling. The sustained rate is P * 60/w per minute; we pick the w that maximises it.
//
//   Example: ceiling 220/min (IP) → w = 2 s, P = 7: at most 217 in any 60 s, 210/min sustained.
//            ceiling 180/min (account) → w = 4 s, P = 11: at most 176, 165/min sustained.
export interface WindowPlan {
  ceilingPerMinute: number;
  windowSeconds: number;
  pointsPerWindow: number;
  maxInAnyMinute: number;
  sustainedPerMinute: number;
}

const DIVISORS_OF_60 = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

export function planWindow(ceilingPerMinute: number, windowMsScale = 60): WindowPlan {
  let best: WindowPlan | undefined;
  for (const w of DIVISORS_OF_60) {
    const windows = windowMsScale / w;
    const p = Math.floor(ceilingPerMinute / (windows + 1));
    if (p < 1) continue;
    const plan = {
      ceilingPerMinute,
      windowSeconds: w,
      pointsPerWindow: p,
      maxInAnyMinute: p * (windows + 1),
      sustainedPerMinute: p * windows,
    };
    if (!best || plan.sustainedPerMinute > best.sustainedPerMinute) best = plan;
  }
  if (!best)
    return {
      ceilingPerMinute,
      windowSeconds: 60,
      pointsPerWindow: Math.max(1, Math.floor(ceilingPerMinute / 2)),
      maxInAnyMinute: Math.max(1, Math.floor(ceilingPerMinute / 2)) * 2,
      sustainedPerMinute: Math.max(1, Math.floor(ceilingPerMinute / 2)),
    };
  return best;
}
