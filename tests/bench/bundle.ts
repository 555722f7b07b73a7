// `npm run bench:bundle [-- --no-build]`: first-load JavaScript per route of the production
// build, gzipped: the shared runtime (rootMainFiles) plus every client chunk the route's
// segments (layouts, error boundaries, page) load. Target: <= 150 kB gzip per dashboard route.
// Prints a table and one JSON line; exits non-zero when any dashboard route is over its target.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildApp } from "../helpers/build-app";

const ROOT = path.resolve(__dirname, "..", "..");
const NEXT = path.join(ROOT, ".next");
const TARGET_KB = 150;

function findManifests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) findManifests(p, out);
    else if (name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

function main() {
  if (!process.argv.includes("--no-build") || !existsSync(path.join(NEXT, "BUILD_ID"))) {
    console.log("bench:bundle: building (next build)…");
    buildApp(ROOT, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  }
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const gz = new Map<string, number>();
  const size = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(NEXT, file)), { level: 9 }).length);
    return gz.get(file)!;
  };
  const rows: { route: string; kB: number; files: number }[] = [];
  for (const manifest of findManifests(path.join(NEXT, "server", "app"))) {
    const g = globalThis as unknown as { __RSC_MANIFEST: Record<string, { entryJSFiles: Record<string, string[]> }> };
    g.__RSC_MANIFEST = {};
    new Function(readFileSync(manifest, "utf8"))();
    const [routeKey, m] = Object.entries(g.__RSC_MANIFEST)[0]!;
    const files = new Set<string>(build.rootMainFiles);
    for (const list of Object.values(m.entryJSFiles)) for (const f of list) files.add(f.replace(/^\/?_next\//, ""));
    const bytes = [...files].reduce((s, f) => s + size(f), 0);
    const route = routeKey.replace(/\/page$/, "") || "/";
    rows.push({ route, kB: Math.round((bytes / 1024) * 10) / 10, files: files.size });
  }
  rows.sort((a, b) => a.route.localeCompare(b.route));
  const dashboard = rows.filter((r) => r.route.startsWith("/(dashboard)"));
  const worst = Math.max(...dashboard.map((r) => r.kB));
  console.log(`\nFirst-load JS per route (gzip -9), target <= ${TARGET_KB} kB for dashboard routes\n`);
  const w = Math.max(...rows.map((r) => r.route.length));
  for (const r of rows)
    console.log(
      `  ${r.route.padEnd(w)}  ${r.kB.toFixed(1).padStart(7)} kB  ${String(r.files).padStart(3)} files  ${r.route.startsWith("/(dashboard)") ? (r.kB <= TARGET_KB ? "ok" : "OVER") : ""}`,
    );
  console.log(
    JSON.stringify({
      bench: "bundle",
      targetKb: TARGET_KB,
      maxDashboardKb: worst,
      withinTarget: worst <= TARGET_KB,
      routes: Object.fromEntries(rows.map((r) => [r.route, r.kB])),
    }),
  );
  const over = dashboard.filter((r) => r.kB > TARGET_KB);
  if (over.length) {
    console.error(`over the ${TARGET_KB} kB target: ${over.map((r) => `${r.route} (${r.kB} kB)`).join(", ")}`);
    process.exitCode = 1;
  }
}

main();
