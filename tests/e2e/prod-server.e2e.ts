// `npm start` (bin/start.ts, with its fast path for the data reads) under bad input, side by
// side with Next's own server (`next start` on the same build, database and exchange): every
// data route, asked anonymously, by someone without access and by the key's owner, with
// encoded and double-encoded paths, `..`, `//`, `%00`, overlong addresses and headers, HEAD,
// OPTIONS, writes without, with a wrong and with the right Origin, and a foreign Host. Each
// answer must have the status, error code, content type, caching and security headers Next's
// own gives (anonymous callers against `next start`; signed-in callers' fast-path GETs against
// the same request as HEAD, which npm start hands to Next's router), and none may be a 5xx.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { test, expect } from "./fixtures";
import { E2E_PORT } from "./app-server";
import { libCall } from "./lib-call";
import { ROOT } from "./servers";
import HEADERS from "../../lib/http/security-headers.json";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path goes out exactly as written (no URL normalisation), any Host. */
function raw(base: string, method: string, rawPath: string, headers: Record<string, string>): Promise<Answer> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: u.hostname, port: u.port, method, path: rawPath, headers, setHost: !("host" in headers) },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", (err) => resolve({ status: 0, headers: {}, body: String(err) }));
    req.setTimeout(60_000, () => req.destroy(new Error("timeout")));
    req.end();
  });
}

const COMPARED = [
  ...Object.keys(HEADERS.everyAnswer),
  ...Object.keys(HEADERS.apiOnly),
  "Strict-Transport-Security",
  "Cache-Control",
  "Allow",
].map((h) => h.toLowerCase());

function shape(a: Answer) {
  let code: string | undefined;
  try {
    code = (JSON.parse(a.body) as { error?: { code?: string } }).error?.code;
  } catch {
    // not JSON
  }
  const type = String(a.headers["content-type"] ?? "").split(";")[0];
  const nonceFree = (v: string) => v.replace(/'nonce-[A-Za-z0-9+/=]+'/g, "'nonce-…'");
  return {
    status: a.status,
    code,
    type,
    ...Object.fromEntries(COMPARED.map((h) => [h, a.headers[h] === undefined ? "-" : nonceFree(String(a.headers[h]))])),
  };
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      async (r) => (await r.arrayBuffer(), r.status < 500),
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in ${timeoutMs} ms`);
}

test("production server: bad input on every data route answers as Next's own routes do, never 5xx", async ({ app }) => {
  test.setTimeout(600_000);
  const cast = await libCall("prod-server-cast", { key: app.demoKeys["demo-small"]! });
  const callers: [string, string | null][] = [
    ["anonymous", null],
    ["stranger", cast.stranger],
    ["owner", cast.owner],
  ];
  {
    // Next's own server on the same build, for the answers to compare with.
    const nextPort = E2E_PORT + 50;
    const nextBase = `http://127.0.0.1:${nextPort}`;
    const logs: string[] = [];
    const child = spawn(
      path.join(ROOT, "node_modules", ".bin", "next"),
      ["start", "--port", String(nextPort), "--hostname", "127.0.0.1"],
      {
        cwd: ROOT,
        // This worker's environment is the app's (the global setup's), plus what the app server gets.
        env: {
          ...process.env,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          KEYDESK_SIGNUP: "open",
          EXCHANGE_BASE_URL: app.simUrl,
          SIMULATOR_CONTROL_URL: app.controlUrl,
          PORT: String(nextPort),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout.on("data", (d: Buffer) => logs.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => logs.push(d.toString()));
    try {
      await waitForHttp(`${nextBase}/sign-in`, 90_000);
      const base = app.url;
      const k = cast.keyRowId;
      const order = randomUUID();
      const routes = [
        `/api/keys/${k}/balances`,
        `/api/keys/${k}/portfolio`,
        `/api/keys/${k}/fees`,
        `/api/keys/${k}/trading-volume`,
        `/api/keys/${k}/orders`,
        `/api/keys/${k}/orders/${order}`,
        `/api/keys/${k}/orders/${order}/trades`,
        `/api/keys/${k}/trades`,
        "/api/usage",
        "/api/market/tickers",
        "/api/market/instruments",
        "/api/market/currencies",
      ];
      const variants: [string, (p: string) => { method: string; path: string; headers?: Record<string, string> }][] = [
        ["GET", (p) => ({ method: "GET", path: p })],
        ["GET ?refresh=1", (p) => ({ method: "GET", path: `${p}?refresh=1` })],
        ["HEAD", (p) => ({ method: "HEAD", path: p })],
        ["OPTIONS", (p) => ({ method: "OPTIONS", path: p })],
        ["POST, same Origin", (p) => ({ method: "POST", path: p, headers: { origin: "SELF" } })],
        ["POST, foreign Origin", (p) => ({ method: "POST", path: p, headers: { origin: "https://evil.example" } })],
        ["POST, no Origin", (p) => ({ method: "POST", path: p })],
        ["DELETE, foreign Origin", (p) => ({ method: "DELETE", path: p, headers: { origin: "https://evil.example" } })],
        ["foreign Host", (p) => ({ method: "GET", path: p, headers: { host: "evil.example" } })],
        ["trailing /", (p) => ({ method: "GET", path: `${p}/` })],
        ["//", (p) => ({ method: "GET", path: `/${p}` })],
        ["inner //", (p) => ({ method: "GET", path: p.replace("/api/", "/api//") })],
        ["..", (p) => ({ method: "GET", path: p.replace(/\/([^/]+)$/, "/x/../$1") })],
        ["%2e%2e", (p) => ({ method: "GET", path: p.replace(/\/([^/]+)$/, "/x/%2e%2e/$1") })],
        [
          "encoded letter",
          (p) => ({
            method: "GET",
            path: p.replace(/\/([a-z])([^/]*)$/, (_, a: string, b: string) => `/%${a.charCodeAt(0).toString(16)}${b}`),
          }),
        ],
        [
          "double-encoded",
          (p) => ({
            method: "GET",
            path: p.replace(
              /\/([a-z])([^/]*)$/,
              (_, a: string, b: string) => `/%25${a.charCodeAt(0).toString(16)}${b}`,
            ),
          }),
        ],
        ["%2F for /", (p) => ({ method: "GET", path: p.replace(/\/([^/]+)$/, "%2F$1") })],
        ["%00", (p) => ({ method: "GET", path: `${p}%00` })],
        ["%00 in the key", (p) => ({ method: "GET", path: p.replace(k, `${k}%00`) })],
        ["upper case", (p) => ({ method: "GET", path: p.toUpperCase() })],
        ["overlong query", (p) => ({ method: "GET", path: `${p}?x=${"a".repeat(9_000)}` })],
        ["overlong header", (p) => ({ method: "GET", path: p, headers: { "x-junk": "b".repeat(9_000) } })],
        [
          "many headers",
          (p) => ({
            method: "GET",
            path: p,
            headers: Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`x-h${i}`, "v".repeat(60)])),
          }),
        ],
      ];
      const problems: string[] = [];
      let compared = 0;
      for (const route of routes)
        for (const [callerName, cookie] of callers)
          for (const [variantName, make] of variants) {
            const v = make(route);
            const headers = (target: string) => {
              const h: Record<string, string> = { ...(v.headers ?? {}) };
              if (h.origin === "SELF") h.origin = target;
              if (cookie) h.cookie = cookie;
              return h;
            };
            // Anonymous callers: against Next's own server. Signed-in callers: a GET (the fast path)
            // against the same request as HEAD, which npm start hands to Next's router in the same
            // process (same sessions, same gate); the other methods are Next's answers already.
            const anonymous = cookie === null;
            const ours = await raw(base, v.method, v.path, headers(base));
            const baseline = anonymous
              ? await raw(nextBase, v.method, v.path, headers(nextBase))
              : v.method === "GET"
                ? await raw(base, "HEAD", v.path, headers(base))
                : null;
            compared++;
            const where = `${callerName} ${variantName} ${v.method} ${v.path.slice(0, 90)}`;
            if (ours.status >= 500 || ours.status === 0)
              problems.push(`${where}: npm start answered ${ours.status} ${ours.body.slice(0, 160)}`);
            if (callerName === "stranger" && variantName === "GET" && route.includes(k) && ours.status !== 404)
              problems.push(`${where}: someone without access got ${ours.status}, not 404`);
            if (!baseline) continue;
            const a = shape(ours);
            const b = shape(baseline);
            if (!anonymous) a.code = b.code; // a HEAD answer has no body to read the code from
            const diff = Object.keys(b).filter((f) => a[f as keyof typeof a] !== b[f as keyof typeof b]);
            if (diff.length)
              problems.push(
                `${where}: ${diff.map((f) => `${f} ${String(a[f as keyof typeof a])} ≠ Next's ${String(b[f as keyof typeof b])}`).join("; ")}`,
              );
          }
      console.log(`    ${compared} requests compared, ${problems.length} differences`);
      if (problems.length) console.log(`    next start's log: ${logs.join("").slice(-1500)}`);
      expect(problems.slice(0, 25), "npm start answers as Next does, never 5xx").toEqual([]);
    } finally {
      child.kill("SIGTERM");
    }
  }
});
