// `npm run bench:paint [-- --skip-build]`: how soon a phone shows exchange data. The production
// server (`npm start`'s bin/start.ts) in front of the simulator, Debian's Chromium at
// 390 × 844 with a 4 × CPU slowdown (CDP Emulation.setCPUThrottlingRate), signed in as a demo
// user holding the simulator's busy and small demo keys. Per route, the time from navigation
// until the data is on screen (an in-page MutationObserver stamps performance.now(), whose zero
// is the navigation's start): the busy key's total (Overview), its first balance row, its first
// order row, and the key list's totals. Median of 5 warm runs (the server has the data cached:
// the page is fetched once without a browser just before each measured run)
// and of 3 cold runs (a freshly started server: nothing cached). Every run is a fresh browser
// context (no browser cache). Prints a table and one JSON line.
// Also prints where the time went (paint-probe.ts): first byte, data in the document, data shown,
// hydration, DOMContentLoaded, HTML size.
// PAINT_APP_ROOT=<checkout> measures another checkout's built app instead of this one.
// PAINT_PORT=<n>: the servers' ports (n and n + 1), for a machine where 3100 is taken;
// PAINT_DB_NAME: its database's name (keydesk_paint), for a shared PostgreSQL server.
// PAINT_KEEP_HTML=<dir> keeps each page's HTML as the server sent it (for reading what it weighs).
// PAINT_BASELINE_ROOT=<checkout> measures that checkout too, side by side in the same run (its
// own server and port, runs interleaved with this one's, so both see the same machine load), and
// prints both and their ratios (this ÷ baseline).
import path from "node:path";
import type { Browser } from "playwright-core";
import { startSimulator } from "@/lib/simulator";
import { prepareTestDatabase, ROOT } from "../helpers/test-env";
import { TEST_SECRETS } from "../helpers/test-secrets";
import { launchBrowser, VIEWPORTS } from "../e2e/browser";
import { round, table } from "./stats";
import {
  describeChunks,
  phasesLine,
  PHASES_HEADER,
  probeScript,
  readPhases,
  serverChunks,
  type PaintPhases,
} from "./paint-probe";
import { startServer, stopServer, type AppServer } from "./paint-server";
import { buildApp } from "../helpers/build-app";

const SKIP_BUILD = process.argv.includes("--skip-build");
// PAINT_WARM_RUNS / PAINT_COLD_RUNS: fewer runs for a quick look (the figures are 5 and 3).
const WARM_RUNS = Number(process.env.PAINT_WARM_RUNS ?? 5);
const COLD_RUNS = Number(process.env.PAINT_COLD_RUNS ?? 3);
/** The app measured, and the optional baseline beside it (PAINT_PORT: the first of their two ports). */
const PORT = Number(process.env.PAINT_PORT ?? 3100);
const APPS = [
  { name: "this", root: path.resolve(process.env.PAINT_APP_ROOT ?? ROOT), port: PORT },
  ...(process.env.PAINT_BASELINE_ROOT
    ? [{ name: "baseline", root: path.resolve(process.env.PAINT_BASELINE_ROOT), port: PORT + 1 }]
    : []),
];

/** What "data on screen" means per route: an element that carries the exchange's numbers. */
const ROUTES = {
  overview: { path: (k: string) => `/keys/${k}`, selector: '[data-testid="total-eur"]' },
  balances: { path: (k: string) => `/keys/${k}?tab=balances`, selector: '[data-testid="balances-cards"] li' },
  // orders-list: one responsive list; orders-cards: the phone cards of a checkout before it (a baseline).
  orders: {
    path: (k: string) => `/keys/${k}?tab=orders`,
    selector: '[data-testid="orders-list"] li, [data-testid="orders-cards"] li',
  },
  keys: { path: () => "/keys", selector: '[data-testid="key-card-value"] .tabular-nums' },
} as const;
type RouteName = keyof typeof ROUTES;

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One navigation in a fresh context: its phases (paint-probe.ts) until `selector` has text (all of them, for the key list). */
async function measure(
  browser: Browser,
  cookie: string,
  url: string,
  selector: string,
  all: boolean,
): Promise<PaintPhases> {
  const context = await browser.newContext({ viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true });
  try {
    const [name, ...rest] = cookie.split("=");
    // A __Secure- cookie: Chromium accepts Secure cookies for http://127.0.0.1 (a trustworthy origin).
    const { hostname } = new URL(url);
    await context.addCookies([{ name: name!, value: rest.join("="), domain: hostname, path: "/", secure: true }]);
    await context.addInitScript(probeScript(selector, all));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(url, { waitUntil: "commit" });
    await page
      .waitForFunction(() => (window as unknown as { __paintAt?: number }).__paintAt, null, {
        timeout: 30_000,
        polling: 50,
      })
      .catch(async (err: unknown) => {
        const text = (
          await page
            .locator("body")
            .innerText()
            .catch(() => "")
        ).slice(0, 600);
        throw new Error(`${url}: no data on screen (now at ${page.url()}): ${text}\n${String(err)}`);
      });
    // The rest of the phases (hydration, DOMContentLoaded) come after the data: wait for them.
    await page.waitForLoadState("load");
    await page
      .waitForFunction(() => (window as unknown as { __hydratedAt?: number }).__hydratedAt, null, { timeout: 10_000 })
      .catch(() => undefined);
    const phases = await page.evaluate(readPhases);
    return { ...phases, shownAt: round(phases.shownAt, 0) };
  } finally {
    await context.close();
  }
}

async function main() {
  const where = APPS.map((a) => `${a.name} at ${a.root}`).join(", ");
  console.log(`bench:paint: ${where}; preparing database, simulator${SKIP_BUILD ? "" : ", build"}…`);
  const databaseUrl = await prepareTestDatabase(process.env.PAINT_DB_NAME ?? "keydesk_paint");
  Object.assign(process.env, TEST_SECRETS, { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", REDIS_URL: "" });
  const sim = await startSimulator({ port: 0, controlPort: 0, seed: "paint", warm: "all" });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
  };
  // --skip-baseline-build: the baseline checkout's build is already there (it doesn't change).
  const skipBaseline = process.argv.includes("--skip-baseline-build");
  if (!SKIP_BUILD) for (const app of APPS) if (app.name === "this" || !skipBaseline) buildApp(app.root, env);

  // The demo user: the busy demo key (50,000 orders) and the small one, sealed through the vault.
  const { disconnectDb } = await import("@/lib/db");
  const { seedPaintUser } = await import("./paint-seed");
  const { busy, smallId } = await seedPaintUser({
    busy: sim.demoKeys["demo-busy"]!.key,
    small: sim.demoKeys["demo-small"]!.key,
  });

  const browser = await launchBrowser();
  const routes = Object.keys(ROUTES) as RouteName[];
  const results = APPS.map(() => ({
    warm: { overview: [], balances: [], orders: [], keys: [] } as Record<RouteName, PaintPhases[]>,
    cold: [] as PaintPhases[],
  }));
  const servers: (AppServer | null)[] = APPS.map(() => null);
  const arrivals: string[] = [];
  /**
   * Warm means the server holds the page's data: the page is fetched once (no browser) just
   * before the measured navigation, so its reads are fresh in the server's cache (balances are
   * fresh for 5 s, a measured round of every route and app takes longer than that).
   */
  const warmUp = (i: number, r: RouteName) =>
    serverChunks(`http://127.0.0.1:${APPS[i]!.port}${ROUTES[r].path(busy.keyRowId)}`, busy.cookie);
  const run = (i: number, r: RouteName, keyRowId = busy.keyRowId) =>
    measure(
      browser,
      busy.cookie,
      `http://127.0.0.1:${APPS[i]!.port}${ROUTES[r].path(keyRowId)}`,
      ROUTES[r].selector,
      r === "keys",
    );
  // Each round alternates which app goes first (A B, then B A), so neither gains from its place.
  const order = (round: number) => (round % 2 ? [...APPS.keys()].reverse() : [...APPS.keys()]);
  try {
    // Cold: a fresh server each time (its cache is in memory: REDIS_URL is empty), the Overview first.
    for (let c = 0; c < COLD_RUNS; c++)
      for (const i of order(c)) {
        if (servers[i]) await stopServer(servers[i]!);
        servers[i] = await startServer(APPS[i]!.root, APPS[i]!.port, env);
        results[i]!.cold.push(await run(i, "overview"));
      }
    // Warm: every route once unmeasured (both keys valued for the list), then 5 measured rounds.
    for (let i = 0; i < APPS.length; i++) {
      await run(i, "overview", smallId);
      for (const r of routes) await run(i, r);
    }
    for (let w = 0; w < WARM_RUNS; w++)
      for (const r of routes)
        for (const i of order(w)) {
          await warmUp(i, r);
          results[i]!.warm[r].push(await run(i, r));
        }
    // The server's side alone (no browser): when each part of each page's HTML arrives, twice each.
    for (let i = 0; i < APPS.length; i++)
      for (const r of routes)
        for (let k = 0; k < 2; k++) {
          const url = `http://127.0.0.1:${APPS[i]!.port}${ROUTES[r].path(busy.keyRowId)}`;
          const keep =
            process.env.PAINT_KEEP_HTML && path.join(process.env.PAINT_KEEP_HTML, `${APPS[i]!.name}-${r}.html`);
          arrivals.push(
            `  ${APPS[i]!.name} ${r}: ${describeChunks(await serverChunks(url, busy.cookie, keep || undefined))}`,
          );
        }
  } finally {
    await browser.close();
    for (const s of servers) if (s) await stopServer(s);
    await sim.close();
    await disconnectDb();
  }
  const shown = (v: PaintPhases[]) => median(v.map((p) => p.shownAt));
  const figures = results.map(({ warm, cold }) => ({
    overviewMs: shown(warm.overview),
    ordersMs: shown(warm.orders),
    balancesMs: shown(warm.balances),
    keysMs: shown(warm.keys),
    coldOverviewMs: shown(cold),
  }));
  const LABELS = {
    overviewMs: "key total (Overview), warm",
    balancesMs: "first balance row, warm",
    ordersMs: "first order row, warm",
    keysMs: "keys list totals, warm",
    coldOverviewMs: "key total (Overview), cold",
  } as const;
  const SERIES = { overviewMs: "overview", balancesMs: "balances", ordersMs: "orders", keysMs: "keys" } as const;
  const series = (i: number, k: keyof typeof LABELS) =>
    k === "coldOverviewMs" ? results[i]!.cold : results[i]!.warm[SERIES[k]];
  console.log(
    `\nbench:paint (390 × 844, CPU ÷4, median of ${WARM_RUNS} warm / ${COLD_RUNS} cold; target ≤ 1000 ms warm, ≤ 2500 ms cold)`,
  );
  APPS.forEach((app, i) => {
    console.log(`\n${app.name} (${app.root})\n`);
    const keys = Object.keys(LABELS) as (keyof typeof LABELS)[];
    console.log(
      table(
        keys.map((k) => [
          LABELS[k],
          figures[i]![k],
          `ms  [${series(i, k)
            .map((p) => p.shownAt)
            .join(", ")}]`,
        ]),
      ),
    );
    // Where the time went (medians): the server's first byte, the data in the document, on screen, hydrated.
    console.log(`\n  ${PHASES_HEADER}`);
    for (const k of keys) console.log(`  ${LABELS[k].padEnd(28)} ${phasesLine(series(i, k), median)}`);
  });
  console.log(`\nHTML arrival, warm (ms after the request; chunks within 5 ms merged)\n${arrivals.join("\n")}`);
  const ratios =
    figures.length > 1
      ? Object.fromEntries(
          Object.entries(figures[0]!).map(([k, v]) => [k, round(v / figures[1]![k as keyof (typeof figures)[0]], 2)]),
        )
      : null;
  if (ratios) console.log(`\nratio this ÷ baseline: ${JSON.stringify(ratios)}`);
  console.log(
    JSON.stringify({ bench: "paint", ...figures[0]!, ...(ratios ? { baseline: figures[1]!, ratio: ratios } : {}) }),
  );
}

main().then(
  () => process.exit(0), // the embedded PostgreSQL the test database runs on keeps the loop alive
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
