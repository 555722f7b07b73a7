// The portfolio home and a key's value chart in the browser, desktop and phone (390 px, no
// horizontal scroll): the owner sees the total of both keys and the chart; a team member whose
// share of one key hides amounts sees that key with percentages only, and its amounts appear
// nowhere in the page's HTML (not even in the total).
import type { Browser } from "playwright-core";
import { expectTrue, test } from "./harness";
import { VIEWPORTS } from "./browser";
import { signUp } from "./vault.e2e";
import { assertNoHorizontalScroll } from "./auth-shell.e2e";
import { randomEmail } from "../helpers/random";

interface Ctx {
  browser: () => Browser;
  baseUrl: () => string;
  demoKey: (name: string) => string;
}

const HIDDEN = { totals: ["987654.32", "988765.43", "989876.54"], amount: "7373.7373" };
// Each hidden figure as raw digits and as en-GB / de-DE format it.
const hiddenForms = [
  "987654",
  "987,654",
  "987.654",
  "988765",
  "988,765",
  "988.765",
  "989876",
  "989,876",
  "989.876",
].concat(["7373", "7,373.7", "7.373,7"]);

export function registerPortfolioTests(ctx: Ctx): void {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`portfolio home and value chart; a hidden-amount share leaks no amount (${name})`, async () => {
      const { db } = await import("@/lib/db");
      const { addKeyForUser } = await import("@/lib/keys/add-key");
      const { createTeam } = await import("@/lib/teams/teams");
      const { createInvitation, acceptInvitation } = await import("@/lib/teams/invitations");
      const phone = name === "phone";
      const browser = ctx.browser();
      const open = async (email: string) => {
        const c = await browser.newContext({ viewport, baseURL: ctx.baseUrl(), isMobile: phone, hasTouch: phone });
        c.setDefaultTimeout(15_000);
        const page = await c.newPage();
        await signUp(page, email);
        const u = await db.user.findUniqueOrThrow({ where: { email } });
        return { c, page, user: { id: u.id, email, name: null, sessionId: "e2e" } };
      };
      const own = await open(randomEmail("pf-own"));
      const mem = await open(randomEmail("pf-mem"));
      try {
        const add = async (demo: string, label: string) => {
          const r = await addKeyForUser(
            { user: own.user, steppedUp: true },
            { label, key: ctx.demoKey(demo), confirmation: "WITHDRAW" },
          );
          if (!r.ok) throw new Error(r.message);
          return r.keyRowId;
        };
        const shown = await add("demo-read", "Shown wallet");
        const hidden = await add("demo-small", "Hidden wallet");
        const teamId = await createTeam(own.user, "Portfolio team");
        const { token } = await createInvitation(own.user, teamId, mem.user.email, "member");
        await acceptInvitation(mem.user, token);
        await db.keyShare.create({ data: { keyId: shown, teamId, hideAmounts: false, allowExport: false } });
        await db.keyShare.create({ data: { keyId: hidden, teamId, hideAmounts: true, allowExport: false } });
        const now = Date.now();
        for (let i = 0; i < 3; i++) {
          const at = new Date(now - (i + 2) * 3_600_000);
          await db.keySnapshot.createMany({
            data: [
              {
                keyId: shown,
                at,
                hour: at,
                totalEur: `${5006 - 3 * i}.50`,
                rows: [
                  { currency: "EUR", amount: `${5006 - 3 * i}.50`, priceEur: "1", valueEur: `${5006 - 3 * i}.50` },
                ],
                source: "job",
              },
              {
                keyId: hidden,
                at,
                hour: at,
                totalEur: HIDDEN.totals[2 - i]!,
                rows: [{ currency: "BTC", amount: HIDDEN.amount, priceEur: "50000", valueEur: HIDDEN.totals[2 - i]! }],
                source: "job",
              },
            ],
          });
        }

        // The owner: both keys in the total, the chart, each key's part.
        await own.page.goto("/portfolio?range=24h");
        const total = await own.page.getByTestId("portfolio-total").innerText();
        expectTrue(/994[,.]?883\.04/.test(total), `the owner's total is both keys' (${total})`);
        await own.page.getByTestId("value-chart").waitFor();
        expectTrue(
          (await own.page.getByTestId("portfolio-keys").innerText()).includes("Hidden wallet"),
          "both keys listed",
        );
        if (phone) await assertNoHorizontalScroll(own.page, "portfolio home");
        // The key's Overview has its value chart (the nav link leads to the home too).
        await own.page.goto(`/keys/${shown}?tab=overview`);
        await own.page.getByRole("heading", { name: "Value over time" }).waitFor();
        await own.page.getByRole("button", { name: "24 h" }).click();
        await own.page.getByTestId("value-chart").waitFor();
        if (phone) await assertNoHorizontalScroll(own.page, "key overview with value chart");

        // The member: the hidden key adds nothing; no amount of it anywhere in the HTML.
        await mem.page.goto("/portfolio?range=24h");
        await mem.page.getByTestId("hidden-note").waitFor();
        // The owner's visit to the Overview read the key, which recorded this hour's real snapshot.
        const latest = await db.keySnapshot.findFirstOrThrow({ where: { keyId: shown }, orderBy: { at: "desc" } });
        const memTotal = await mem.page.getByTestId("portfolio-total").innerText();
        expectTrue(
          memTotal.replace(/\D/g, "") === latest.totalEur.replace(/\D/g, ""),
          `the member's total is the shown key's only (${memTotal}, the key's latest ${latest.totalEur})`,
        );
        const html = await mem.page.content();
        const leaks = hiddenForms.filter((f) => html.includes(f));
        expectTrue(leaks.length === 0, `no hidden amount in the member's portfolio HTML (found ${leaks.join(", ")})`);
        expectTrue(
          (await mem.page.getByTestId("portfolio-keys").innerText()).includes("Amounts hidden by the owner"),
          "the hidden key is listed as hidden",
        );
        if (phone) await assertNoHorizontalScroll(mem.page, "portfolio home (member)");
        // The hidden key's own chart: percentages only.
        await mem.page.goto(`/keys/${hidden}?tab=overview`);
        await mem.page.getByText("the chart shows the change in percent").waitFor();
        const keyHtml = await mem.page.content();
        const keyLeaks = hiddenForms.filter((f) => keyHtml.includes(f));
        expectTrue(keyLeaks.length === 0, `no hidden amount on the hidden key's page (found ${keyLeaks.join(", ")})`);
      } finally {
        await own.c.close();
        await mem.c.close();
      }
    });
  }
}
