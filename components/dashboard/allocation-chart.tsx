"use client";
// Pie chart of EUR value by currency (recharts). Loaded lazily so it stays out of first-load JS;
// the same figures are listed next to it as text, so the chart is never the only way to read them.
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { ALLOCATION_COLOURS as COLOURS } from "@/lib/format/allocation";

export default function AllocationChart({ slices }: { slices: { currency: string; value: number; label: string }[] }) {
  return (
    <div className="h-48 w-48 shrink-0" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart accessibilityLayer={false} tabIndex={-1}>
          <Pie
            data={slices}
            dataKey="value"
            nameKey="currency"
            innerRadius="55%"
            outerRadius="95%"
            isAnimationActive={false}
            rootTabIndex={-1}
          >
            {slices.map((s, i) => (
              <Cell key={s.currency} fill={COLOURS[i % COLOURS.length]} />
            ))}
          </Pie>
          <Tooltip formatter={(_v, _n, item) => (item.payload as { label: string }).label} />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}
