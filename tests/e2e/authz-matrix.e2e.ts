// The authorization matrix over real HTTP against the production build: every route handler
// × {key owner, team owner, team admin, team member, member of another team, signed-in
// stranger, signed out} → the expected status, printed as a table. (Server actions × roles
// are driven in tests/integration/teams/teams.test.ts.) Also checks that no member request
// causes a non-GET upstream call.
import { expectTrue, test } from "./harness";
import { TEST_SECRETS } from "../helpers/test-secrets";
import { randomEmail } from "../helpers/random";
import API_ROUTES from "../../lib/http/api-routes.json";

interface Ctx {
  baseUrl: () => string;
  demoKey: (name: string) => string;
  controlUrl: () => string;
}

export function registerAuthzMatrixTest(ctx: Ctx): void {
  test("authorization matrix: every route handler × every role over HTTP", async () => {
    const { db } = await import("@/lib/db");
    const { registerUser } = await import("@/lib/auth/users");
    const { addKeyForUser } = await import("@/lib/keys/add-key");
    const { createTeam } = await import("@/lib/teams/teams");
    const { createInvitation, acceptInvitation } = await import("@/lib/teams/invitations");
    const { mintSessionCookie } = await import("../helpers/sessions");
    const mk = async (p: string) => {
      const email = randomEmail(p);
      const r = await registerUser({ email, password: "a long enough passphrase" });
      if (!r.ok) throw new Error("setup");
      return { id: r.userId, email, name: null, sessionId: "x" };
    };
    const [keyOwner, teamOwner, admin, member, other, stranger] = await Promise.all(
      ["kown", "town", "tadm", "tmem", "oth", "str"].map(mk),
    );
    const teamId = await createTeam(teamOwner!, "Matrix team");
    for (const [u, role] of [
      [keyOwner, "admin"],
      [admin, "admin"],
      [member, "member"],
    ] as const) {
      const { token } = await createInvitation(teamOwner!, teamId, u!.email, role);
      await acceptInvitation(u!, token);
    }
    await createTeam(other!, "Another team");
    // A Read-only key on an account of its own, so no other test's cool-down touches it.
    const minted = (await (
      await fetch(`${ctx.controlUrl()}/keys`, {
        method: "POST",
        body: JSON.stringify({ scopes: ["READ_ONLY"], account: "authz-matrix" }),
      })
    ).json()) as { key: string };
    const added = await addKeyForUser({ user: keyOwner!, steppedUp: true }, { label: "Matrix key", key: minted.key });
    if (!added.ok) throw new Error(added.message);
    const keyId = added.keyRowId;
    await db.keyShare.create({ data: { keyId, teamId, hideAmounts: false, allowExport: false } });

    const base = ctx.baseUrl();
    const first = await fetch(`${base}/api/keys/${keyId}/orders?status=all&pageSize=1`, {
      headers: { cookie: await mintSessionCookie(keyOwner!, TEST_SECRETS.AUTH_SECRET) },
    });
    const firstBody = (await first.json()) as { items?: { order: { order_id: string } }[] };
    expectTrue(
      first.status === 200,
      `the owner can list orders (${first.status} ${JSON.stringify(firstBody).slice(0, 200)})`,
    );
    const orderId = firstBody.items?.[0]?.order.order_id ?? "00000000-0000-4000-8000-000000000000";
    const day = new Date().toISOString().slice(0, 10);
    const routes: [string, string][] = [
      ["balances", `/api/keys/${keyId}/balances`],
      ["portfolio", `/api/keys/${keyId}/portfolio`],
      ["fees", `/api/keys/${keyId}/fees`],
      ["trading-volume", `/api/keys/${keyId}/trading-volume`],
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
    ];
    // Every data read in the one route list is in the matrix (a new route fails here until it is).
    for (const r of [...API_ROUTES.keyReads.map((k) => `/api/keys/${keyId}/${k}`), ...API_ROUTES.otherReads])
      if (r !== "health")
        expectTrue(
          routes.some(([, path]) => path.split("?")[0] === (r.startsWith("/") ? r : `/api/${r}`)),
          `the matrix covers ${r}`,
        );
    const roles: [string, { id: string; email: string } | null][] = [
      ["key owner", keyOwner!],
      ["team owner", teamOwner!],
      ["team admin", admin!],
      ["team member", member!],
      ["other team", other!],
      ["stranger", stranger!],
      ["signed out", null],
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
    const cookies = await Promise.all(
      roles.map(async ([, u]) => (u ? mintSessionCookie(u, TEST_SECRETS.AUTH_SECRET) : "")),
    );
    const before = (await (await fetch(`${ctx.controlUrl()}/counters`)).json()) as { byMethod: Record<string, number> };
    const table: string[][] = [["route", ...roles.map(([r]) => r)]];
    const wrong: string[] = [];
    for (const [name, path] of routes) {
      const row = [name];
      for (let i = 0; i < roles.length; i++) {
        const res = await fetch(`${base}${path}`, {
          headers: cookies[i] ? { cookie: cookies[i]! } : {},
          redirect: "manual",
        });
        await res.arrayBuffer();
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
    const after = (await (await fetch(`${ctx.controlUrl()}/counters`)).json()) as { byMethod: Record<string, number> };
    for (const method of ["POST", "DELETE", "PUT", "PATCH"])
      expectTrue(
        (after.byMethod[method] ?? 0) === (before.byMethod[method] ?? 0),
        `no ${method} upstream while driving every route`,
      );
    expectTrue(wrong.length === 0, `authorization matrix:\n      ${wrong.join("\n      ")}`);
  });
}
