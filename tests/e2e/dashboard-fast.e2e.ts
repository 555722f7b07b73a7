// The dashboard once more against One Trading Fast (/fast/v1, its own simulator and app),
// desktop: ./dashboard-flow.ts.
import { test } from "./fixtures";
import { runDashboard } from "./dashboard-flow";

test.use({ dialect: "fast" });

test("dashboard on One Trading Fast: balances, orders to page 3, filters, order trades, export, stale label, axe", async ({
  page,
  app,
  demoKey,
  phone,
  seen,
}, testInfo) => {
  test.slow(); // a month's export and three pages of a 50,000-order account: minutes on a busy machine
  await runDashboard({ page, app, demoKey, phone, seen, size: testInfo.project.name, fast: true });
});
