// Secret canary: after the browser tests added keys, search every response body they saw,
// the rendered HTML, the built client bundles, the server log and a dump of the database
// for the keys' plaintext and their signature parts. Zero hits allowed.
// It also drives every kind of error page and error answer with keys in play (near-miss and
// revoked keys in the add-key form, an upstream that fails in every way, including one that
// echoes the request's Authorization header back, keys pasted into queries and headers) and
// checks those answers, and that every log line written for a request carries its id.
// It runs last (the "canary" project, the servers' teardown), after every other test of the run,
// passed or failed: the bodies they saw are in the workers' files (./fixtures.ts), the log in the
// servers' log files.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test, expect } from "./fixtures";
import { addKey, signUp } from "./steps";
import { readSeen, ROOT, type E2eState } from "./servers";
import { dumpDatabase } from "../helpers/db-dump";
import { keyNeedles, leaksIn } from "../helpers/canary";
import { appLogLines, requestLines, requestLinesWithoutId } from "../helpers/log-lines";
import { randomEmail } from "../helpers/random";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every key of both simulators' demo accounts. */
const secretsOf = (s: E2eState) => [...Object.values(s.pro.demoKeys), ...Object.values(s.fast.demoKeys)];
/** Both servers' logs, everything they wrote during the run. */
const logsOf = (s: E2eState) => [s.pro.logFile, s.fast.logFile].map((f) => readFileSync(f, "utf8")).join("");

/** An assertion on plain values with its own message. */
function expectTrue(condition: unknown, message: string): void {
  expect(Boolean(condition), message).toBe(true);
}

/** The same key with one payload claim changed: a key "for another exchange" with a real signature. */
function withIssuer(key: string, iss: string): string {
  const [h, p, s] = key.split(".") as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Record<string, unknown>;
  return `${h}.${Buffer.from(JSON.stringify({ ...payload, iss, aud: [iss] })).toString("base64url")}.${s}`;
}

async function asText(
  p: Promise<{ status(): number; text(): Promise<string> }>,
): Promise<{ status: number; text: string }> {
  const r = await p;
  return { status: r.status(), text: await r.text() };
}

const ROUTES = ["balances", "portfolio", "fees", "trading-volume", "orders", "trades"];

test("secret canary: error pages and error answers never carry a key, whatever fails", async ({
  page,
  context,
  app,
  demoKey,
  servers,
}) => {
  const errorSeen: string[] = [];
  const extraSecrets: string[] = [];
  const statuses = new Map<string, number>();
  const control = (p: string, body?: unknown, method = "POST") =>
    fetch(`${app.controlUrl}${p}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  context.on("response", (res) => {
    errorSeen.push(JSON.stringify(res.headers()));
    res
      .body()
      .then((b) => errorSeen.push(b.toString("utf8")))
      .catch(() => undefined);
    if (res.status() >= 400) statuses.set(`${res.status()} ${new URL(res.url()).pathname.slice(0, 40)}`, res.status());
  });
  await signUp(page, randomEmail("canary"));
  const read = demoKey("demo-read");
  const sig = read.split(".")[2]!;

  // The add-key form with keys that are almost right: every refusal is specific, none repeats the key.
  const minted = (await (await control("/keys", { account: "canary-revoked", scopes: ["READ_ONLY"] })).json()) as {
    key: string;
    jti: string;
  };
  await control("/keys/revoke", { jti: minted.jti });
  extraSecrets.push(minted.key);
  const attempts: [string, string][] = [
    [`${read.slice(0, -4)}${sig.endsWith("AAAA") ? "BBBB" : "AAAA"}`, "signature altered"],
    [withIssuer(read, "https://api.example-exchange.com/oauth2"), "another exchange"],
    [read.split(".").slice(0, 2).join(".") + ".", "signature missing"],
    [`${read}\u200b`, "invisible character"],
    [minted.key, "revoked at the exchange"],
  ];
  for (const [key, why] of attempts) {
    await addKey(page, `Near miss: ${why}`, key);
    const ref = await page
      .getByTestId("error-reference")
      .first()
      .innerText()
      .catch(() => "");
    expectTrue(
      /^[0-9a-f-]{36}$/.test(ref.trim()),
      `the refusal (${why}) shows a request id as its reference ("${ref}")`,
    );
  }

  // A key that works, then an exchange that fails in every way while it is read.
  await addKey(page, "Canary read", read);
  await page.waitForURL(/\/keys\/(?!new\b)[a-z0-9]+(\?|$)/);
  const keyId = /\/keys\/([a-z0-9]+)/.exec(page.url())![1]!;
  for (const fault of [
    { kind: "echo" },
    { kind: "echo", status: 500 },
    { kind: "error5xx", status: 503 },
    { kind: "malformed" },
    { kind: "reset" },
    { kind: "ratelimit" },
    { kind: "ratelimit", code: "CF_RATELIMIT" },
  ]) {
    await control("/faults", undefined, "DELETE");
    await control("/faults", { ...fault, account: "demo-read", count: 1_000 });
    for (const r of ROUTES) {
      const res = await page.request.get(`/api/keys/${keyId}/${r}?refresh=1`);
      errorSeen.push(await res.text(), JSON.stringify(res.headers()));
    }
    await page.goto(`/keys/${keyId}?tab=orders`);
    await page.waitForLoadState("networkidle");
  }
  await control("/faults", undefined, "DELETE");

  // Keys pasted where they don't belong: query strings, headers, bodies, unknown addresses.
  const base = app.url;
  const pasted: [string, Promise<{ status: number; text: string }>][] = [
    [
      "key in the query",
      asText(
        page.request.get(
          `/api/keys/${keyId}/orders?from=${encodeURIComponent(read)}&instrument=${encodeURIComponent(read)}`,
        ),
      ),
    ],
    ["key as the key id", asText(page.request.get(`/api/keys/${encodeURIComponent(read)}/balances`))],
    ["key as a bearer token", asText(page.request.get("/api/usage", { headers: { authorization: `Bearer ${read}` } }))],
    ["unknown endpoint", asText(page.request.get("/api/no-such-endpoint", { headers: { "x-api-key": read } }))],
    [
      "wrong method",
      asText(page.request.post(`/api/keys/${keyId}/balances`, { headers: { origin: base }, data: { key: read } })),
    ],
    [
      "oversized headers",
      asText(page.request.get(`/keys/${keyId}`, { headers: { "x-padding": `${read}${"x".repeat(9000)}` } })),
    ],
    [
      "cross-origin form",
      asText(
        page.request.post("/keys/new", {
          headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
          data: `key=${encodeURIComponent(read)}`,
        }),
      ),
    ],
    [
      "key as the session cookie",
      fetch(`${base}/api/keys/${keyId}/balances`, {
        headers: { authorization: `Bearer ${read}`, cookie: `authjs.session-token=${read}` },
      }).then(async (r) => ({ status: r.status, text: await r.text() })),
    ],
  ];
  for (const [what, p] of pasted) {
    const res = await p;
    errorSeen.push(res.text);
    statuses.set(`pasted: ${what}`, res.status);
  }
  const kinds = new Set(statuses.values());
  for (const s of [400, 401, 403, 404, 405, 431])
    expectTrue(kinds.has(s), `an error answer ${s} was exercised (${JSON.stringify([...statuses])})`);
  expectTrue(errorSeen.length > 50, `the canary saw the error answers (${errorSeen.length})`);
  const needles = keyNeedles([...secretsOf(servers), ...extraSecrets]);
  const leaks = leaksIn(
    [
      ["error pages and answers", errorSeen],
      ["server log", [logsOf(servers)]],
    ],
    needles,
  );
  expectTrue(leaks.length === 0, `key fragments found in: ${leaks.join("; ")}`);
});

test("log lines: every line written while serving a request carries its id", async ({ servers }) => {
  // Start-up lines and background jobs' lines serve no request: a job's work logs with its
  // queue (`job`, lib/request-context.ts). Anything else is a request's (tests/helpers/log-lines.ts).
  const lines = appLogLines(logsOf(servers));
  const during = requestLines(lines);
  expectTrue(during.length >= 10, `the tests caused request-time log lines (${during.length})`);
  const missing = requestLinesWithoutId(lines);
  expectTrue(
    missing.length === 0,
    `${missing.length} lines without a request id, e.g. ${JSON.stringify(missing.slice(0, 3))}`,
  );
});

test("secret canary: no key plaintext or signature in responses, HTML, bundles, logs or the database", async ({
  servers,
}) => {
  const needles = keyNeedles(secretsOf(servers));
  const seen = readSeen();
  expectTrue(seen.length > 20, `the canary saw the tests' responses (${seen.length})`);
  const bundles = filesUnder(path.join(ROOT, ".next", "static")).map((f) => readFileSync(f, "latin1"));
  const dump = await dumpDatabase(servers.databaseUrl);
  expectTrue(/ApiKey/.test(dump.text) || dump.method === "pg_dump", "the dump includes the key table");
  const leaks = leaksIn(
    [
      ["HTTP responses and HTML", seen],
      ["client bundles", bundles],
      ["server log", [logsOf(servers)]],
      [`database (${dump.method})`, [dump.text]],
    ],
    needles,
  );
  expectTrue(leaks.length === 0, `key fragments found in: ${leaks.join("; ")}`);
});
