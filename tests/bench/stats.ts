// Small statistics helpers for the benchmarks.
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

export function table(rows: [string, string | number, string?][]): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v, t]) => `  ${k.padEnd(w)}  ${String(v).padStart(10)}  ${t ?? ""}`).join("\n");
}
