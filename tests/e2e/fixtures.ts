// The browser tests' `test` and `expect`. Fixtures: `app` (this project's servers: the app, its
// simulator and control API, and the demo keys), `demoKey(name)`, `dialect` (an option: "fast"
// runs a file against the One Trading Fast app), `seen` (records what the secret canary reads),
// `newContext(options)` for a second browser (recorded, closed at the end) and `phone`.
// Every context made through these fixtures records its response bodies for the canary. (Each
// fixture hands its value on with `provide`, Playwright's `use`, named so React's lint rules leave it be.)
import { appendFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type BrowserContext, type BrowserContextOptions } from "@playwright/test";
import { readState, SEEN_DIR, type E2eState, type ServersState } from "./servers";

export { expect };

/** Records response bodies and page snapshots, one JSON string a line, in this worker's file. */
export interface Seen {
  record(context: BrowserContext): void;
  push(text: string): void;
}

interface TestFixtures {
  /** Which app the test talks to: Bitpanda Pro (default) or One Trading Fast. */
  dialect: "pro" | "fast";
  app: ServersState;
  demoKey: (name: string) => string;
  /** A further browser context (the project's options unless overridden), recorded and closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** The phone project (390x844, touch). */
  phone: boolean;
}

interface WorkerFixtures {
  servers: E2eState;
  seen: Seen;
}

function recorder(file: string): Seen {
  const push = (text: string) => appendFileSync(file, `${JSON.stringify(text)}\n`);
  return {
    push,
    record(context) {
      context.on("response", (res) => {
        // The built bundles are searched on disk, byte for byte (the canary reads .next/static).
        if (new URL(res.url()).pathname.startsWith("/_next/static/")) return;
        res
          .body()
          .then((b) => push(b.toString("utf8")))
          .catch(() => undefined); // a body the browser no longer holds (the page moved on)
      });
    },
  };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  servers: [
    async ({}, provide) => {
      await provide(readState());
    },
    { scope: "worker" },
  ],
  seen: [
    async ({}, provide, workerInfo) => {
      await provide(recorder(path.join(SEEN_DIR, `worker-${workerInfo.workerIndex}-${process.pid}.jsonl`)));
    },
    { scope: "worker" },
  ],
  dialect: ["pro", { option: true }],
  app: async ({ servers, dialect }, provide) => {
    await provide(servers[dialect]);
  },
  baseURL: async ({ app }, provide) => {
    await provide(app.url);
  },
  demoKey: async ({ app }, provide) => {
    await provide((name) => {
      const key = app.demoKeys[name];
      if (!key) throw new Error(`no demo key named ${name}`);
      return key;
    });
  },
  context: async ({ context, seen }, provide) => {
    seen.record(context);
    await provide(context);
  },
  newContext: async ({ browser, seen }, provide) => {
    const made: BrowserContext[] = [];
    await provide(async (options) => {
      const c = await browser.newContext(options);
      seen.record(c);
      made.push(c);
      return c;
    });
    for (const c of made) await c.close();
  },
  phone: async ({ isMobile }, provide) => {
    await provide(isMobile);
  },
});
