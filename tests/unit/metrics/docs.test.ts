// Every metric Keydesk defines is documented in the README, and the sample dashboard and the
// README name no metric that does not exist.
import { readFileSync } from "node:fs";
import path from "node:path";
import { metrics } from "@/lib/metrics/registry";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const names = (text: string) => new Set([...text.matchAll(/keydesk_[a-z_]+/g)].map((m) => m[0]));
const defined = () =>
  new Set(
    metrics()
      .registry.getMetricsAsArray()
      .map((m) => m.name)
      .filter((n) => n.startsWith("keydesk_")),
  );
// A histogram's series carry these suffixes in queries.
const base = (n: string) => n.replace(/_(bucket|count|sum)$/, "");

it("documents every keydesk_ metric in the README, and names none that does not exist", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const documented = names(readme);
  for (const n of defined()) expect(documented).toContain(n);
  for (const n of documented) expect(defined()).toContain(base(n));
});

it("the sample Grafana dashboard queries only metrics that exist", () => {
  const dashboard = JSON.parse(readFileSync(path.join(ROOT, "lib", "metrics", "grafana-dashboard.json"), "utf8")) as {
    panels: { targets: { expr: string }[] }[];
  };
  const used = names(dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join("\n"));
  expect(used.size).toBeGreaterThanOrEqual(10);
  for (const n of used) expect(defined()).toContain(base(n));
});
