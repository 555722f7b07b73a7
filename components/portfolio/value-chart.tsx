"use client";
// Line of value over time (recharts), loaded lazily (./lazy-value-chart.tsx) so it stays out of
// the page's first-load JS. The figures it draws are also given as text next to it.
import { Area, AreaChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartPoint {
  t: number;
  v: number;
  label: string;
}

export default function ValueChart({ points, tickLabel }: { points: ChartPoint[]; tickLabel: (t: number) => string }) {
  return (
    <div className="h-56 w-full min-w-0" aria-hidden="true" data-testid="value-chart">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={tickLabel} minTickGap={40} />
          <YAxis dataKey="v" width={56} domain={["auto", "auto"]} tickFormatter={(v: number) => compact(v)} />
          <Tooltip
            labelFormatter={(t) => tickLabel(Number(t))}
            formatter={(_v, _n, item) => (item.payload as ChartPoint).label}
          />
          <Area type="monotone" dataKey="v" stroke="#0369a1" fill="#0369a133" isAnimationActive={false} dot={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  return v.toFixed(a < 10 ? 2 : 0);
}
