// Runs before the specs (the "servers" project): both apps that the global setup started answer,
// each on its own simulator, and say so on their health endpoint. The secret canary is this
// project's teardown, so it runs after every other test, passed or failed.
import { test, expect } from "./fixtures";

for (const dialect of ["pro", "fast"] as const) {
  test(`servers: the ${dialect === "pro" ? "Bitpanda Pro" : "One Trading Fast"} app is up on its simulator`, async ({
    servers,
  }) => {
    const res = await fetch(`${servers[dialect].url}/api/health`);
    const health = (await res.json()) as { status: string; checks: Record<string, string> };
    expect(res.status).toBe(200);
    expect(health).toMatchObject({ status: "ok", checks: { database: "ok", exchange: "ok" } });
    const demo = await fetch(`${servers[dialect].controlUrl}/demo-keys`);
    expect(demo.status).toBe(200);
  });
}
