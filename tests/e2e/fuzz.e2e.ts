// Fuzzing the running build: at least 10,000 generated requests (fast-check) across every
// route handler, page and server action, signed in and signed out: random path parameters,
// query strings, headers, bodies, methods, oversized and malformed values. No response may be
// a 5xx, every API rejection must be a 4xx with a message, and the server must stay up.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { test, expect } from "./fixtures";
import { isAlive, ROOT } from "./servers";
import { libCall } from "./lib-call";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

// 10,000 requests take minutes on a busy machine: the ceiling for this one is its own.
test.describe.configure({ timeout: 900_000 });

test(`fuzz: ${RUNS} generated requests across routes, pages and actions (seed ${SEED})`, async ({ app, servers }) => {
  const { keyRowId, cookie } = await libCall("fuzz-user", { key: app.demoKeys["demo-small"]! });
  const added = { keyRowId };
  const actionIds = Object.keys(
    (
      JSON.parse(readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
        node: Record<string, unknown>;
      }
    ).node,
  );

  const nasty = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.constantFrom(
      "",
      "..",
      "../../etc/passwd",
      "%00",
      "%2e%2e%2f",
      "null",
      "undefined",
      "-1",
      "1e309",
      "NaN",
      "[]",
      "{}",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      "$ne",
      "__proto__",
      "constructor",
    ),
    fc.string({ minLength: 3000, maxLength: 9000 }),
    fc.uuid(),
    fc.constant(added.keyRowId),
    fc.stringMatching(/^[0-9a-f]{20,40}$/),
    fc.date({ min: new Date(-1e13), max: new Date(1e13), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.integer().map(String),
    fc.double().map(String),
  );
  const seg = nasty.map((s) => encodeURIComponent(s).slice(0, 6000) || "x");
  const query = fc
    .dictionary(
      fc.constantFrom(
        "from",
        "to",
        "instrument",
        "status",
        "side",
        "pageSize",
        "cursor",
        "kind",
        "refresh",
        "group",
        "key",
        "team",
        "before",
        "tab",
        "next",
        "x",
      ),
      nasty,
      { maxKeys: 6 },
    )
    .map((q) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, v.slice(0, 6000)])).toString());
  const keyish = fc.oneof(fc.constant(added.keyRowId), seg);
  // The API table's routes: a key's own (after /api/keys/:keyId/, no further parameter), and the rest.
  const patterns = await libCall("api-paths", undefined);
  const keyReads = patterns.flatMap((p) => /^\/api\/keys\/:keyId\/([^:]+)$/.exec(p)?.[1] ?? []);
  const otherReads = patterns.filter((p) => !p.includes(":"));
  const routePath = fc.oneof(
    fc.tuple(keyish, fc.constantFrom(...keyReads)).map(([k, r]) => `/api/keys/${k}/${r}`),
    fc.tuple(keyish, seg, fc.constantFrom("", "/trades")).map(([k, o, t]) => `/api/keys/${k}/orders/${o}${t}`),
    fc.constantFrom(...otherReads, "/api/auth/session", "/api/auth/providers", "/api/auth/csrf"),
    seg.map((s) => `/api/${s}`),
    fc
      .tuple(
        fc.constantFrom(
          "/keys/",
          "/teams/",
          "/invite/",
          "/keys/new",
          "/activity",
          "/settings",
          "/notifications",
          "/help/troubleshooting",
          "/sign-in",
          "/sign-in/code",
          "/sign-up",
          "/",
        ),
        seg,
      )
      .map(([p, s]) => (p.endsWith("/") ? `${p}${s}` : p)),
  );
  const request = fc.record({
    path: routePath,
    query,
    signedIn: fc.boolean(),
    method: fc.constantFrom("GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"),
    action: fc.option(fc.oneof(fc.constantFrom(...actionIds), fc.stringMatching(/^[0-9a-f]{0,60}$/)), { freq: 3 }),
    body: fc.oneof(
      fc.constant(undefined),
      nasty,
      fc.json(),
      fc.dictionary(fc.string({ maxLength: 12 }), nasty).map((o) => new URLSearchParams(o).toString()),
    ),
    contentType: fc.constantFrom(
      undefined,
      "application/json",
      "application/x-www-form-urlencoded",
      "text/plain;charset=UTF-8",
      "multipart/form-data; boundary=x",
      "text/x-component",
    ),
    junkHeader: fc.option(
      fc.tuple(
        fc.constantFrom(
          "accept",
          "x-forwarded-for",
          "x-forwarded-host",
          "user-agent",
          "range",
          "accept-language",
          "next-router-state-tree",
          "rsc",
          "if-none-match",
        ),
        nasty.map((s) => s.replace(/[^\x20-\x7e]/g, "").slice(0, 4000)),
      ),
      { freq: 2 },
    ),
    badCookie: fc.option(
      nasty.map((s) => `__Secure-authjs.session-token=${encodeURIComponent(s).slice(0, 3000)}`),
      { freq: 5 },
    ),
  });

  const samples = fc.sample(request, { numRuns: RUNS, seed: SEED });
  // Generating the samples blocks the event loop for several seconds. This worker (the fuzz
  // project's own) has opened no HTTP connection before it, so none can have been closed by the
  // server meanwhile and be reused dead ("other side closed": seed 396247709 showed that race
  // when the samples were generated in a process that had been fetching).
  const base = app.url;
  const statuses = new Map<number, number>();
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < samples.length) {
      const s = samples[next++]!;
      const headers: Record<string, string> = { origin: base };
      const cookies = [s.signedIn ? cookie : null, s.badCookie].filter(Boolean).join("; ");
      if (cookies) headers.cookie = cookies;
      if (s.contentType) headers["content-type"] = s.contentType;
      if (s.junkHeader) headers[s.junkHeader[0]] = s.junkHeader[1];
      if (s.action && s.method === "POST") headers["next-action"] = s.action;
      const url = `${base}${s.path}${s.query ? `?${s.query}` : ""}`;
      const hasBody = !["GET", "HEAD"].includes(s.method) && s.body !== undefined;
      let status = 0;
      let text = "";
      try {
        const res = await fetch(url, {
          method: s.method,
          headers,
          body: hasBody ? s.body : undefined,
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        text = s.method === "HEAD" ? "" : await res.text();
      } catch (err) {
        // Keydesk takes at most 8 KiB of address and headers (proxy.ts answers 431); above
        // that, requests may not reach it at all: Node/Next close the connection (its 16 KiB
        // header limit is reached sooner because Next forwards headers internally).
        const headerBytes = url.length + Object.entries(headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
        if (headerBytes > 8_192) {
          statuses.set(431, (statuses.get(431) ?? 0) + 1);
          continue;
        }
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        problems.push(
          `${s.method} ${url.slice(0, 200)} (${headerBytes} header bytes; headers ${Object.keys(headers).join(", ")}${s.junkHeader ? `; ${s.junkHeader[0]}=${JSON.stringify(s.junkHeader[1].slice(0, 80))}` : ""}): no response (${(err as Error).message}${cause ? `: ${cause.code ?? ""} ${cause.message ?? ""}` : ""})`,
        );
        continue;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500)
        problems.push(
          `${s.method} ${url.slice(0, 200)}${s.action ? ` [action ${s.action.slice(0, 12)}]` : ""}: ${status} ${text.slice(0, 200)}`,
        );
      else if (
        status >= 400 &&
        s.path.startsWith("/api/") &&
        !s.path.startsWith("/api/auth") &&
        res_isJson(text) &&
        !/"message":"[^"]+"/.test(text)
      )
        problems.push(`${s.method} ${url.slice(0, 200)}: ${status} without a message: ${text.slice(0, 200)}`);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: 12 }, worker));
  const health = await fetch(`${base}/api/health`);
  console.log(
    `    ${RUNS} requests in ${Math.round((Date.now() - started) / 1000)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
  );
  expect(isAlive(servers.proPid), "the server is still up").toBe(true);
  expect(health.status, "the server is still healthy").toBe(200);
  expect(problems.slice(0, 15), `fuzzing found ${problems.length} problems (seed ${SEED})`).toEqual([]);
});

function res_isJson(text: string): boolean {
  return text.startsWith("{");
}
