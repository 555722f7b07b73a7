// The metrics module's pure parts: the token check, route patterns as labels (never the path
// asked for), the account bands, counting job failures, the live-stream gauge.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { metricsAccess } from "@/lib/metrics/token";
import { observeRequest, routeMatcher } from "@/lib/metrics/http";
import { accountBand } from "@/lib/limiter/shared-gauges";
import { countingFailures, liveStreamClosed, liveStreamOpened } from "@/lib/metrics/hooks";
import { metrics } from "@/lib/metrics/registry";
import { parseExposition, total } from "../../helpers/prometheus-text";

jest.mock("@/lib/db", () => ({ db: {} }));
jest.mock("@/lib/limiter/instance", () => ({}));
jest.mock("@/lib/log", () => ({ logger: { warn: jest.fn() } }));

const TOKEN = "t".repeat(24) + "-metrics";

describe("metricsAccess", () => {
  it("is off without a token, whatever the caller sends", () => {
    expect(metricsAccess(undefined, `Bearer ${TOKEN}`)).toBe("off");
    expect(metricsAccess(undefined, null)).toBe("off");
  });
  it("allows exactly the bearer token, in any case of the scheme", () => {
    expect(metricsAccess(TOKEN, `Bearer ${TOKEN}`)).toBe("allowed");
    expect(metricsAccess(TOKEN, `bearer ${TOKEN}`)).toBe("allowed");
  });
  it.each([
    null,
    "",
    "Bearer",
    `Bearer ${TOKEN}!`,
    `Bearer  x${TOKEN}`,
    `Basic ${TOKEN}`,
    TOKEN,
    `Bearer ${TOKEN} extra`,
  ])("refuses %p", (auth) => expect(metricsAccess(TOKEN, auth)).toBe("refused"));
});

describe("routeMatcher", () => {
  const routeOf = routeMatcher({
    staticRoutes: [{ page: "/" }, { page: "/keys" }, { page: "/api/health" }],
    dynamicRoutes: [
      { page: "/keys/[keyId]", regex: "^/keys/([^/]+?)(?:/)?$" },
      { page: "/api/keys/[keyId]/balances", regex: "^/api/keys/([^/]+?)/balances(?:/)?$" },
    ],
  });
  it.each([
    ["/", "/"],
    ["/keys", "/keys"],
    ["/keys/", "/keys"],
    ["/keys/ck1234567890abcdefghij", "/keys/[keyId]"],
    ["/api/keys/ck1234567890abcdefghij/balances", "/api/keys/[keyId]/balances"],
    ["/_next/static/chunks/abc123.js", "/_next/static"],
    ["/_next/image", "/_next/image"],
    ["/wp-admin/setup.php", "other"],
    ["/keys/a/b/c", "other"],
  ])("%s is %s", (path, route) => expect(routeOf(path)).toBe(route));
});

describe("observeRequest", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const routeOf = routeMatcher({ dynamicRoutes: [{ page: "/keys/[keyId]", regex: "^/keys/([^/]+?)(?:/)?$" }] });
    server = createServer((req, res) => {
      observeRequest(req, res, routeOf);
      res.statusCode = req.url?.startsWith("/keys/") ? 200 : 404;
      res.end("x");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("labels each request with its route pattern, method and code, never the address asked for", async () => {
    const before = parseExposition(await metrics().registry.metrics());
    const count = (s: typeof before, labels: Record<string, string>) =>
      total(s, "keydesk_http_request_duration_seconds_count", labels);
    for (let i = 0; i < 5; i++) await (await fetch(`${base}/keys/secret-key-id-${i}`)).text();
    await (await fetch(`${base}/made-up-${Date.now()}`, { method: "PROPFIND" })).text();
    const after = parseExposition(await metrics().registry.metrics());
    expect(
      count(after, { route: "/keys/[keyId]", method: "GET", code: "200" }) -
        count(before, { route: "/keys/[keyId]", method: "GET", code: "200" }),
    ).toBe(5);
    expect(
      count(after, { route: "other", method: "other", code: "404" }) -
        count(before, { route: "other", method: "other", code: "404" }),
    ).toBe(1);
    const text = await metrics().registry.metrics();
    expect(text).not.toMatch(/secret-key-id|made-up|PROPFIND/);
  });
});

it("puts accounts into bands of their ceiling", () => {
  expect([0, 89, 90, 143, 144, 179, 180, 250].map((u) => accountBand(u, 180))).toEqual([
    "under_50",
    "under_50",
    "50_to_80",
    "50_to_80",
    "80_to_100",
    "80_to_100",
    "at_ceiling",
    "at_ceiling",
  ]);
});

it("counts a job handler's failure and still hands it to pg-boss", async () => {
  const read = async () =>
    total(parseExposition(await metrics().registry.metrics()), "keydesk_job_failures_total", { queue: "unit-queue" });
  const before = await read();
  const handler = countingFailures("unit-queue", async (n: number) => {
    if (n > 1) throw new Error("boom");
    return n;
  });
  await expect(handler(1)).resolves.toBe(1);
  await expect(handler(2)).rejects.toThrow("boom");
  expect((await read()) - before).toBe(1);
});

it("keeps the open live streams as opened minus closed", async () => {
  const read = async () => total(parseExposition(await metrics().registry.metrics()), "keydesk_live_streams_open");
  const before = await read();
  liveStreamOpened();
  liveStreamOpened();
  liveStreamOpened();
  liveStreamClosed();
  expect((await read()) - before).toBe(2);
  liveStreamClosed();
  liveStreamClosed();
  expect(await read()).toBe(before);
});
