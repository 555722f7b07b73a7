// lib/http/api.ts: the router built from a table. Each route's GET gets its params, every answer
// carries the API security headers (HSTS in production only), metrics get the route's pattern
// and only well-formed GETs are served without Next.
beforeAll(async () => {
  Object.assign(process.env, (await import("../../helpers/test-secrets")).TEST_SECRETS, {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://unused@127.0.0.1:1/unused",
  });
  (await import("@/lib/env")).resetEnvCache();
});

async function router(production: boolean) {
  const { createApi } = await import("@/lib/http/api");
  return createApi(
    [
      { path: "/api/keys/:keyId/orders/:orderId", GET: async ({ params }) => ({ params }) },
      { path: "/api/usage", GET: async () => ({ ok: true }) },
    ],
    { production: () => production },
  );
}

it("hands each handler its params and answers JSON with a request id and the API headers", async () => {
  const { app } = await router(false);
  const res = await app.fetch(new Request("http://localhost/api/keys/k1/orders/o2"));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ params: { keyId: "k1", orderId: "o2" } });
  expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("content-security-policy")).toBe(
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  );
  expect(res.headers.get("strict-transport-security")).toBeNull();
});

it("sends HSTS in production, on errors too", async () => {
  const { app } = await router(true);
  for (const p of ["/api/usage", "/api/nope"])
    expect((await app.fetch(new Request(`http://localhost${p}`))).headers.get("strict-transport-security")).toMatch(
      /^max-age=\d+; includeSubDomains$/,
    );
});

it("labels metrics by the route's pattern, and serves without Next only well-formed GETs", async () => {
  const api = await router(false);
  expect(api.routeOf("/api/keys/anything/orders/x")).toBe("/api/keys/[keyId]/orders/[orderId]");
  expect(api.routeOf("/api/usage")).toBe("/api/usage");
  expect(api.routeOf("/api/usage/x")).toBeNull();
  const key = "27f75f5fb4874d6f9ab7d4ec54172a81";
  const order = "0b5a8f3e-1111-4c2a-9d7e-1234567890ab";
  expect(api.direct("GET", `/api/keys/${key}/orders/${order}?x=1`)).toBe(true);
  expect(api.direct("GET", `/api/keys/short/orders/${order}`)).toBe(false);
  expect(api.direct("GET", `/api/keys/${key}/orders/${order}/`)).toBe(false);
  expect(api.direct("HEAD", "/api/usage")).toBe(false);
});
