"use client";
// Line of value over time (recharts), loaded lazily (./lazy-value-chart.tsx) so it stays out of
// the page's first-load JS. The figures it draws are also given as text next to it. Values in
// EUR start the axis at zero (a line that fills the chart is not a crash); a change in percent
// (amounts hidden) draws its 0 % line. Ticks and the tooltip follow the reader's locale.
import { Area, AreaChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartPoint {
  t: number;
  v: number;
  label: string;
}

export interface ChartText {
  /** An x tick: a date ("3 Nov" / "3. Nov."). */
  tick: (t: number) => string;
  /** The tooltip's heading: the point's date and time. */
  when: (t: number) => string;
  /** A y tick, compact, in the locale ("€83M" / "83 Mio. €", "+2 %"). */
  axis: (v: number) => string;
  /** The series' name in the tooltip ("Value" / "Wert"). */
  name: string;
  /** True for a change in percent (the axis is not anchored at zero, the 0 line is drawn). */
  change: boolean;
}

export default function ValueChart({ points, text }: { points: ChartPoint[]; text: ChartText }) {
  return (
    <div className="h-56 w-full min-w-0" aria-hidden="true" data-testid="value-chart">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={text.tick} minTickGap={40} />
          <YAxis
            dataKey="v"
            width={64}
            domain={text.change ? ["auto", "auto"] : [0, "auto"]}
            tickFormatter={(v: number) => text.axis(v)}
          />
          {text.change ? <ReferenceLine y={0} stroke="#64748b" strokeDasharray="4 4" /> : null}
          <Tooltip
            labelFormatter={(t) => text.when(Number(t))}
            separator=": "
            formatter={(_v, _n, item) => [(item.payload as ChartPoint).label, text.name]}
          />
          <Area
            type="monotone"
            dataKey="v"
            name={text.name}
            stroke="#0369a1"
            fill="#0369a133"
            isAnimationActive={false}
            dot={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
