// The production server's fast path (lib/http/direct-api.ts): well-formed GETs of the API
// table's routes served by the API router through @hono/node-server, without Next in front,
// over real HTTP, against the simulator and the test database. The same router Next's
// catch-all runs, so the same answers: sessions, authorization, freshness, security headers,
// request ids, compression; everything else goes to Next (here: a 599 that says so).
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
let api: import("@/lib/http/api").Api;
let directApi: typeof import("@/lib/http/direct-api");
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
  directApi = await import("@/lib/http/direct-api");
  // The source modules here; `npm start` takes the same router from the build (the browser tests run that).
  api = (await import("@/app/api/_routes")).api;
  owner = await newTestUser("fast");
  ownerCookie = await mintSessionCookie(owner, TEST_SECRETS.AUTH_SECRET);
  strangerCookie = await mintSessionCookie(await newTestUser("fast-stranger"), TEST_SECRETS.AUTH_SECRET);
  const added = await addKeyForUser(
    { user: owner, steppedUp: true },
    { label: "busy", key: sim.demoKeys["demo-busy"]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!added.ok) throw new Error(added.message);
  keyRowId = added.keyRowId;
  // What would go on to Next in bin/start.ts answers 599.
  server = createServer(
    directApi.directListener(api, (req, res) => res.writeHead(599, { "x-handled-by": "next" }).end()),
  );
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

it("a garbage Host header goes to Next, where the router refuses it with its own request checks, not by a crash", async () => {
  const a = await get(`/api/usage`, { cookie: ownerCookie, host: "evil.example/../x" });
  expect(a.headers["x-handled-by"]).toBe("next");
  const refused = await api.app.fetch(
    new Request("http://127.0.0.1/api/usage", { headers: { cookie: ownerCookie, host: "evil.example/../x" } }),
  );
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  expect(refused.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
});

it("only well-formed GETs of the table's routes take the fast path; everything else goes to Next", async () => {
  const key = "27f75f5fb4874d6f9ab7d4ec54172a81";
  const order = "0b5a8f3e-1111-4c2a-9d7e-1234567890ab";
  expect(api.direct("GET", `/api/keys/${key}/orders/${order}/trades?max_page_size=5`)).toBe(true);
  expect(api.direct("GET", "/api/usage?x=1")).toBe(true);
  const { API_ROUTES } = await import("@/app/api/_routes");
  const samples = API_ROUTES.map((r) => r.path.replace(":keyId", key).replace(":orderId", order));
  expect(samples).toContain(`/api/keys/${key}/balances`);
  for (const p of samples) {
    expect([p, api.direct("GET", p)]).toEqual([p, true]);
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])
      expect([method, p, api.direct(method, p)]).toEqual([method, p, false]);
  }
  // Auth.js, pages and odd addresses go to Next (its catch-all runs the same router for /api/).
  for (const p of [
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
    expect([p, api.direct("GET", p)]).toEqual([p, false]);
  }
  const next = await get(`/api/keys/${keyRowId}/balances`, { cookie: ownerCookie }, "DELETE");
  expect(next.headers["x-handled-by"]).toBe("next");
});

it("proxy.ts checks every address but static files; an API address gets only its checks there (a broken one a 4xx with the API headers, a good one passes on untouched)", async () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { config, proxy } = require("../../../proxy") as {
    config: { matcher: { source: string }[] };
    proxy: (r: import("next/server").NextRequest) => Promise<Response>;
  };
  const proxied = new RegExp(`^${config.matcher[0]!.source}$`);
  const { API_ROUTES } = await import("@/app/api/_routes");
  for (const r of API_ROUTES) {
    const p = r.path.replace(":keyId", "27f75f5fb4874d6f9ab7d4ec54172a81").replace(":orderId", "x");
    expect([p, proxied.test(p)]).toEqual([p, true]);
  }
  for (const p of ["/", "/keys", "/sign-in", "/metrics", "/api/auth/session", "/api/nope", "/api"])
    expect([p, proxied.test(p)]).toEqual([p, true]);
  for (const p of ["/_next/static/chunks/a.js", "/icon", "/manifest.webmanifest"])
    expect([p, proxied.test(p)]).toEqual([p, false]);
  const { NextRequest } = await import("next/server");
  const good = await proxy(new NextRequest("http://localhost:3000/api/usage", { headers: { host: "localhost:3000" } }));
  expect(good.headers.get("x-middleware-next")).toBe("1");
  expect(good.headers.get("content-security-policy")).toBeNull(); // the router sets the API's own
  const broken = await proxy(
    new NextRequest("http://localhost:3000/api/keys/%E0%A4%A/balances", { headers: { host: "localhost:3000" } }),
  );
  expect(broken.status).toBe(400);
  expect(broken.headers.get("content-security-policy")).toContain("default-src 'none'");
  const action = await proxy(
    new NextRequest("http://localhost:3000/api/usage", {
      method: "POST",
      headers: { host: "localhost:3000", origin: "http://localhost:3000", "next-action": "8e3" },
      body: "x",
    }),
  );
  expect(action.status).toBe(400);
});

it("the router's own answers carry the API headers: unknown address 404, other methods 405, OPTIONS, HEAD, cross-site writes 403", async () => {
  const call = async (method: string, p: string, headers: Record<string, string> = {}) => {
    const res = await api.app.fetch(
      new Request(`http://127.0.0.1${p}`, { method, headers: { cookie: ownerCookie, ...headers } }),
    );
    return { res, text: await res.text() };
  };
  const apiHeaders = (res: Response) => {
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
  };
  const unknown = await call("GET", "/api/nope");
  expect(unknown.res.status).toBe(404);
  expect(JSON.parse(unknown.text)).toMatchObject({
    error: { code: "not_found", message: "There is no such API endpoint." },
  });
  apiHeaders(unknown.res);
  const post = await call("POST", `/api/keys/${keyRowId}/balances`, { origin: "http://127.0.0.1" });
  expect([post.res.status, post.text]).toEqual([405, ""]);
  apiHeaders(post.res);
  const options = await call("OPTIONS", `/api/keys/${keyRowId}/balances`);
  expect(options.res.status).toBe(204);
  expect(options.res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  apiHeaders(options.res);
  const head = await call("HEAD", "/api/usage");
  expect([head.res.status, head.text]).toEqual([200, ""]);
  expect(head.res.headers.get("content-type")).toBe("application/json");
  apiHeaders(head.res);
  const crossSite = await call("POST", "/api/nope", { origin: "https://evil.example" });
  expect(crossSite.res.status).toBe(403);
  expect(JSON.parse(crossSite.text)).toMatchObject({ error: { code: "forbidden" } });
  apiHeaders(crossSite.res);
});

it("without a build that hands over its API, `npm start` stops with what to do instead of serving half an app", async () => {
  const waiting = directApi.openDirectApi(50);
  expect(directApi.directApiWanted()).toBe(true);
  await expect(waiting).rejects.toThrow(directApi.NO_API_HANDED_OVER);
  expect(directApi.directApiWanted()).toBe(false);
  const handed = directApi.openDirectApi(60_000);
  directApi.provideDirectApi(api);
  await expect(handed).resolves.toBe(api);
  expect(directApi.directApiWanted()).toBe(false);
});

it("a handler whose answer can't be written as JSON: a plain 500 with a request id and the API headers", async () => {
  const { createApi } = await import("@/lib/http/api");
  const broken = createApi([{ path: "/api/broken", GET: async () => ({ n: BigInt(1) }) }]);
  const brokenServer = createServer(directApi.directListener(broken, (req, res) => res.writeHead(599).end()));
  try {
    await new Promise<void>((r) => brokenServer.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(brokenServer.address() as AddressInfo).port}/api/broken?key=SECRET-IN-QUERY`;
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
    expect(a.body.toString()).not.toContain("SECRET-IN-QUERY");
  } finally {
    await new Promise((r) => brokenServer.close(r));
  }
});
