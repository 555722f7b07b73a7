// The authorization matrix over real HTTP against the production build: every route handler
// × {key owner, team owner, team admin, team member, member of another team, signed-in
// stranger, signed out} → the expected status, printed as a table (the live pages' stream,
// GET /api/live, included). (Server actions × roles
// are driven in tests/integration/teams/teams.test.ts.) Also checks that no member request
// causes a non-GET upstream call.
import { test, expect } from "./fixtures";
import { libCall } from "./lib-call";

test("authorization matrix: every route handler × every role over HTTP", async ({ app }) => {
  // A Read-only key on an account of its own, so no other test's cool-down touches it.
  const minted = (await (
    await fetch(`${app.controlUrl}/keys`, {
      method: "POST",
      body: JSON.stringify({ scopes: ["READ_ONLY"], account: "authz-matrix" }),
    })
  ).json()) as { key: string };
  const { keyId, cookies: cast } = await libCall("authz-matrix", { key: minted.key });

  const base = app.url;
  const first = await fetch(`${base}/api/keys/${keyId}/orders?status=all&pageSize=1`, {
    headers: { cookie: cast.keyOwner },
  });
  const firstBody = (await first.json()) as { items?: { order: { order_id: string } }[] };
  expect(first.status, `the owner can list orders (${JSON.stringify(firstBody).slice(0, 200)})`).toBe(200);
  const orderId = firstBody.items?.[0]?.order.order_id ?? "00000000-0000-4000-8000-000000000000";
  const day = new Date().toISOString().slice(0, 10);
  const routes: [string, string][] = [
    ["balances", `/api/keys/${keyId}/balances`],
    ["portfolio", `/api/keys/${keyId}/portfolio`],
    ["fees", `/api/keys/${keyId}/fees`],
    ["trading-volume", `/api/keys/${keyId}/trading-volume`],
    ["fees paid", `/api/keys/${keyId}/fees-paid?range=7d`],
    ["orders", `/api/keys/${keyId}/orders?status=all`],
    ["order", `/api/keys/${keyId}/orders/${orderId}`],
    ["order trades", `/api/keys/${keyId}/orders/${orderId}/trades`],
    ["trades", `/api/keys/${keyId}/trades`],
    ["export", `/api/keys/${keyId}/export?kind=trades&from=${day}T00:00:00.000Z&to=${day}T23:59:59.999Z`],
    ["tickers", "/api/market/tickers"],
    ["instruments", "/api/market/instruments"],
    ["currencies", "/api/market/currencies"],
    ["usage", "/api/usage"],
    ["activity csv", "/api/activity/export"],
    ["history", `/api/keys/${keyId}/history?range=7d`],
    ["history csv", `/api/keys/${keyId}/history-export`],
    ["backfill", `/api/keys/${keyId}/backfill`],
    ["portfolio home", "/api/portfolio?range=30d"],
    // The live pages' Server-Sent Events: authorized before anything streams.
    ["live", `/api/live?keys=${keyId}`],
  ];
  // Every route in the API table is in the matrix (a new route fails here until it is).
  // Live prices are a stream (tests/e2e/live.e2e.ts) and health needs no session.
  for (const pattern of await libCall("api-paths", undefined))
    if (pattern !== "/api/health" && pattern !== "/api/live")
      expect(
        routes.some(([, p]) => p.split("?")[0] === pattern.replace(":keyId", keyId).replace(":orderId", orderId)),
        `the matrix covers ${pattern}`,
      ).toBe(true);
  // Each role with its session cookie ("" signed out).
  const roles: [string, string][] = [
    ["key owner", cast.keyOwner],
    ["team owner", cast.teamOwner],
    ["team admin", cast.admin],
    ["team member", cast.member],
    ["other team", cast.other],
    ["stranger", cast.stranger],
    ["signed out", ""],
  ];
  const keyRoute = (r: string) =>
    !["tickers", "instruments", "currencies", "usage", "activity csv", "portfolio home"].includes(r);
  const expected = (route: string, role: number): number => {
    if (role === 6) return 401;
    if (!keyRoute(route)) return 200;
    if (role >= 4) return 404; // other team, stranger: the key does not exist for them
    if ((route === "export" || route === "history csv") && role !== 0) return 403; // the share does not allow exports
    return 200;
  };
  const cookies = roles.map(([, cookie]) => cookie);
  const before = (await (await fetch(`${app.controlUrl}/counters`)).json()) as { byMethod: Record<string, number> };
  const table: string[][] = [["route", ...roles.map(([r]) => r)]];
  const wrong: string[] = [];
  for (const [name, path] of routes) {
    const row = [name];
    for (let i = 0; i < roles.length; i++) {
      const res = await fetch(`${base}${path}`, {
        headers: cookies[i] ? { cookie: cookies[i]! } : {},
        redirect: "manual",
      });
      // An open live stream never ends by itself: its status is the answer, the body is let go.
      if (name === "live" && res.ok) await res.body?.cancel();
      else await res.arrayBuffer();
      const want = expected(name, i);
      row.push(res.status === want ? String(res.status) : `${res.status}≠${want}`);
      if (res.status !== want) wrong.push(`${name} as ${roles[i]![0]}: ${res.status}, expected ${want}`);
    }
    table.push(row);
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  console.log(
    `\n    Route handlers × roles (HTTP status)\n${table.map((r) => `    ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")}`).join("\n")}\n`,
  );
  const after = (await (await fetch(`${app.controlUrl}/counters`)).json()) as { byMethod: Record<string, number> };
  for (const method of ["POST", "DELETE", "PUT", "PATCH"])
    expect(after.byMethod[method] ?? 0, `no ${method} upstream while driving every route`).toBe(
      before.byMethod[method] ?? 0,
    );
  expect(wrong, "authorization matrix: every route × role answers as expected").toEqual([]);
});
