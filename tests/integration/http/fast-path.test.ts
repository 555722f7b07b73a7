// The production server's fast path (lib/http/fast-routes.ts): the JSON data reads served
// without Next's router, over real HTTP, against the simulator and the test database. Same
// handlers, so the same answers: sessions, authorization, freshness, security headers, request
// ids, compression; and only well-formed GETs of those paths take it (everything else is Next's).
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import { closeExchangeClient } from "@/lib/limiter/exchange-client";
import { newTestUser } from "../../helpers/users";
import { mintSessionCookie } from "../../helpers/sessions";
import { TEST_SECRETS } from "../../helpers/test-secrets";

let sim: RunningSimulator;
let server: Server;
let base: string;
let fast: import("@/lib/http/fast-routes").FastPath;
let fastRoutes: typeof import("@/lib/http/fast-routes");
let owner: CurrentUser;
let ownerCookie: string;
let strangerCookie: string;
let keyRowId: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}
const json = (a: Answer) =>
  JSON.parse(a.body.toString("utf8")) as Record<string, unknown> & { error?: { code: string; requestId: string } };

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "fast-path", warm: ["demo-busy"] });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
  });
  resetEnvCache();
  fastRoutes = await import("@/lib/http/fast-routes");
  // The source modules here; `npm start` loads the same routes from the build (the browser tests run that).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  fast = await fastRoutes.createFastPath((route) => require(`@/app/${route}/route`) as { GET?: unknown });
  owner = await newTestUser("fast");
  ownerCookie = await mintSessionCookie(owner, TEST_SECRETS.AUTH_SECRET);
  strangerCookie = await mintSessionCookie(await newTestUser("fast-stranger"), TEST_SECRETS.AUTH_SECRET);
  const added = await addKeyForUser(
    { user: owner, steppedUp: true },
    { label: "busy", key: sim.demoKeys["demo-busy"]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!added.ok) throw new Error(added.message);
  keyRowId = added.keyRowId;
  server = createServer((req, res) => {
    const match = fast.match(req.method, req.url);
    if (match) void fastRoutes.serveFast(req, res, match, { production: true });
    else {
      // What would go on to Next in bin/start.ts.
      res.writeHead(599, { "x-handled-by": "next" });
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await closeExchangeClient();
  await sim.close();
  await disconnectDb();
});

function expectApiHeaders(a: Answer) {
  expect(a.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(a.headers["x-content-type-options"]).toBe("nosniff");
  expect(a.headers["x-frame-options"]).toBe("DENY");
  expect(a.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect(a.headers["cache-control"]).toBe("no-store");
  expect(a.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
}

it("the owner's balances: the handler's answer with its freshness, the API security headers and a request id", async () => {
  const a = await get(`/api/keys/${keyRowId}/balances`, { cookie: ownerCookie });
  expect(a.status).toBe(200);
  expectApiHeaders(a);
  const body = json(a) as {
    source: string;
    fetchedAt: string;
    data: { balances: { currency_code: string; available: string }[] };
  };
  expect(["live", "cache"]).toContain(body.source);
  expect(body.fetchedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(body.data.balances.length).toBeGreaterThan(0);
  expect(body.data.balances[0]!.available).toMatch(/^\d+(\.\d+)?$/);
  expect(a.body.toString()).not.toContain(sim.demoKeys["demo-busy"]!.key.slice(-48));
});

it("no session: 401; someone else's key: 404 (as through Next), each with the headers and a request id in the body", async () => {
  const anonymous = await get(`/api/keys/${keyRowId}/balances`);
  expect(anonymous.status).toBe(401);
  expectApiHeaders(anonymous);
  expect(json(anonymous).error).toMatchObject({ code: "unauthorized", requestId: anonymous.headers["x-request-id"] });
  const stranger = await get(`/api/keys/${keyRowId}/orders?status=all`, { cookie: strangerCookie });
  expect(stranger.status).toBe(404);
  expect(json(stranger).error?.code).toBe("not_found");
  const forged = await get(`/api/keys/${keyRowId}/balances`, { cookie: `${ownerCookie.slice(0, -4)}AAAA` });
  expect(forged.status).toBe(401);
});

it("bad query parameters get the handler's 400 with field errors", async () => {
  const a = await get(`/api/keys/${keyRowId}/orders?pageSize=5000`, { cookie: ownerCookie });
  expect(a.status).toBe(400);
  expect(json(a).error).toMatchObject({ code: "bad_request" });
});

it("larger answers are gzipped when the client accepts it, and only then", async () => {
  const zipped = await get(`/api/keys/${keyRowId}/orders?status=all&pageSize=50`, {
    cookie: ownerCookie,
    "accept-encoding": "gzip, br",
  });
  expect(zipped.status).toBe(200);
  expect(zipped.headers["content-encoding"]).toBe("gzip");
  const page = JSON.parse(gunzipSync(zipped.body).toString("utf8")) as { items: unknown[] };
  expect(page.items.length).toBeGreaterThan(1);
  const plain = await get(`/api/keys/${keyRowId}/orders?status=all&pageSize=50`, { cookie: ownerCookie });
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
  expect(plain.body.length).toBeGreaterThan(zipped.body.length);
});

it("a garbage Host header is refused by the handler's own request checks, not by a crash", async () => {
  const a = await get(`/api/usage`, { cookie: ownerCookie, host: "evil.example/../x" });
  expect(a.status).toBe(400);
  expectApiHeaders(a);
});

it("only well-formed GETs of the data reads take the fast path; everything else goes to Next", async () => {
  const key = "27f75f5fb4874d6f9ab7d4ec54172a81";
  const order = "0b5a8f3e-1111-4c2a-9d7e-1234567890ab";
  expect(fast.match("GET", `/api/keys/${key}/orders/${order}/trades?max_page_size=5`)?.params).toEqual({
    keyId: key,
    orderId: order,
  });
  expect(fast.match("GET", "/api/usage?x=1")?.params).toEqual({});
  for (const p of [
    `/api/keys/${key}/balances`,
    `/api/keys/${key}/portfolio`,
    `/api/keys/${key}/fees`,
    `/api/keys/${key}/trading-volume`,
    `/api/keys/${key}/orders`,
    `/api/keys/${key}/orders/${order}`,
    `/api/keys/${key}/trades`,
    "/api/market/tickers",
    "/api/market/instruments",
    "/api/market/currencies",
  ]) {
    expect([p, Boolean(fast.match("GET", p))]).toEqual([p, true]);
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])
      expect([method, p, fast.match(method, p)]).toEqual([method, p, null]);
  }
  // Exports stream through Next; health, Auth.js, pages and odd addresses too.
  for (const p of [
    `/api/keys/${key}/export`,
    "/api/health",
    "/api/activity/export",
    "/api/auth/session",
    "/keys",
    "/",
    "/api/nope",
    `/api/keys/${key}/balances/x`,
    `/api/keys/${key}%25/balances`,
    "/api/keys/short/balances",
    `/api/keys/${key}/orders/%E0%A4%A`,
    "/api/usage/",
    "//api/usage",
    "/api/usage#x",
  ]) {
    expect([p, fast.match("GET", p)]).toEqual([p, null]);
  }
  const next = await get(`/api/keys/${keyRowId}/balances`, { cookie: ownerCookie }, "DELETE");
  expect(next.headers["x-handled-by"]).toBe("next");
});

it("every fast path is one of the API paths that skip proxy.ts and get their headers from next.config.js", async () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { config } = require("../../../proxy") as { config: { matcher: { source: string }[] } };
  const nextConfig = require("../../../next.config.js") as { headers: () => Promise<{ source: string }[]> };
  const proxied = new RegExp(`^${config.matcher[0]!.source}$`);
  const headerSource = (await nextConfig.headers())[0]!.source.replace(/^\/:path\((.*)\)$/, "/$1");
  const withHeaders = new RegExp(`^${headerSource}`);
  const key = "27f75f5fb4874d6f9ab7d4ec54172a81";
  const order = "0b5a8f3e-1111-4c2a-9d7e-1234567890ab";
  const samples = fastRoutes.FAST_ROUTES.map((r) =>
    r.pattern.source
      .replace(/\\\//g, "/")
      .replace("(?<keyId>[A-Za-z0-9]{20,40})", key)
      .replace("(?<orderId>[0-9A-Fa-f-]{36})", order)
      .replace(/^\^|\$$/g, ""),
  );
  expect(samples).toHaveLength(12);
  for (const p of samples) {
    expect([p, Boolean(fast.match("GET", p))]).toEqual([p, true]);
    expect([p, proxied.test(p)]).toEqual([p, false]);
    expect([p, withHeaders.test(p)]).toEqual([p, true]);
  }
});

it("without a build, `npm start` stops with what to do instead of serving half an app", async () => {
  await expect(fastRoutes.createFastPath(fastRoutes.builtRouteLoader("/nonexistent/.next"))).rejects.toThrow(
    "The build has no route module for /api/keys/[keyId]/balances: run `npm run build` first.",
  );
  await expect(fastRoutes.createFastPath(() => ({}))).rejects.toThrow("/api/keys/[keyId]/balances has no GET handler.");
});

it("if the adapter itself fails, the answer is a plain 500 with a request id, and the log line carries no URL query", async () => {
  const writes: string[] = [];
  const write = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  const broken = http500Server();
  try {
    await new Promise<void>((r) => broken.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/api/usage?key=SECRET-IN-QUERY`;
    const a = await new Promise<Answer>((resolve, reject) => {
      httpRequest(url, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
        .on("error", reject)
        .end();
    });
    expect(a.status).toBe(500);
    expectApiHeaders(a);
    expect(json(a).error).toMatchObject({ code: "internal", requestId: a.headers["x-request-id"] });
    const line = writes.find((w) => w.includes("fast path failed"));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({
      level: 50,
      requestId: a.headers["x-request-id"],
      path: "/api/usage",
      err: { type: "TypeError" },
    });
    expect(line).not.toContain("SECRET-IN-QUERY");
  } finally {
    write.mockRestore();
    await new Promise((r) => broken.close(r));
  }
});

/** A server whose only route's handler hands back something that isn't a Response. */
function http500Server(): Server {
  return createServer((req, res) => {
    const handler = (async () => ({
      notAResponse: true,
    })) as unknown as import("@/lib/http/fast-routes").FastMatch["handler"];
    void fastRoutes.serveFast(req, res, { handler, params: {} }, { production: true });
  });
}
