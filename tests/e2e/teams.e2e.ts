// Teams in the browser: the owner creates a team and invites a member, who accepts in a
// second browser context and reads the shared key's balances with amounts hidden; the owner
// unshares and the member's next refresh shows the key gone. Desktop and phone.
import path from "node:path";
import type { Browser } from "playwright-core";
import { ARTIFACTS, expectTrue, test, waitForAnswer } from "./harness";
import { VIEWPORTS } from "./browser";
import { assertNoHorizontalScroll } from "./auth-shell.e2e";
import { assertAccessible } from "./axe";
import { addKey, PASSWORD, recordBodies, signUp } from "./vault.e2e";
import { randomEmail } from "../helpers/random";

interface Ctx {
  browser: () => Browser;
  baseUrl: () => string;
  demoKey: (name: string) => string;
  seen: string[];
}

export function registerTeamsTests(ctx: Ctx): void {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`teams: invite, accept in a second browser, hidden amounts, unshare (${name})`, async () => {
      const phone = name === "phone";
      const opts = { viewport, baseURL: ctx.baseUrl(), isMobile: phone, hasTouch: phone };
      const ownerCtx = await ctx.browser().newContext(opts);
      const memberCtx = await ctx.browser().newContext(opts);
      recordBodies(ownerCtx, ctx.seen);
      recordBodies(memberCtx, ctx.seen);
      ownerCtx.setDefaultTimeout(20_000);
      memberCtx.setDefaultTimeout(20_000);
      const owner = await ownerCtx.newPage();
      const member = await memberCtx.newPage();
      const shot = (page: typeof owner, what: string) =>
        page.screenshot({ path: path.join(ARTIFACTS, `teams-${what}-${name}.png`), fullPage: true });
      try {
        await signUp(owner, randomEmail("t-owner"));
        await addKey(owner, "Family savings", ctx.demoKey("demo-small"));
        await owner.waitForURL(/\?added=1$/);
        const keyPath = new URL(owner.url()).pathname;

        await owner.goto("/teams");
        await owner.getByText("You are not in any team yet.").waitFor();
        await owner.getByLabel("Team name").fill("Family");
        await owner.getByRole("button", { name: "Create team" }).click();
        await owner.waitForURL(/\/teams\/[a-z0-9]+$/);
        const memberEmail = randomEmail("t-member");
        await owner.getByLabel("E-mail address").fill(memberEmail);
        await owner.getByRole("button", { name: "Create invitation" }).click();
        const link = (await owner.getByTestId("invite-link").innerText()).trim();
        expectTrue(/\/invite\/[A-Za-z0-9_-]{40,}$/.test(link), `an invitation link (${link})`);
        await assertAccessible(owner, `team page (${name})`);
        if (phone) await assertNoHorizontalScroll(owner, "team page");
        await shot(owner, "invited");

        // The member opens the link signed out, creates an account, comes back and joins.
        const invitePath = new URL(link).pathname;
        await member.goto(invitePath);
        await member.getByText("You are invited to join").waitFor();
        await assertAccessible(member, `invitation page (${name})`);
        await member.getByRole("link", { name: "Create an account" }).click();
        // The invited address is filled in (and fixed); the name typed is the member's name;
        // the new account ends signed in and joined, with nothing typed twice.
        const emailField = member.getByLabel("E-mail");
        expectTrue((await emailField.inputValue()) === memberEmail, "the invited e-mail is prefilled");
        expectTrue(await emailField.evaluate((e) => (e as HTMLInputElement).readOnly), "and can't be changed");
        await member.getByLabel("Name (optional)").fill("Mia Member");
        await member.getByLabel("Password", { exact: true }).fill(PASSWORD);
        await member.getByLabel("Repeat password").fill(PASSWORD);
        await member.getByRole("button", { name: "Create account" }).click();
        await member.waitForURL(/\/teams\/[a-z0-9]+\?joined=1$/);
        await member.getByText("You joined Family").waitFor();
        await owner.reload();
        await owner.getByText("Mia Member").first().waitFor();

        // The owner shares the key with amounts hidden (step-up: the password).
        await owner.goto(keyPath);
        await owner.getByRole("heading", { name: "Sharing" }).waitFor();
        await owner.getByLabel(/Hide amounts/).check();
        await owner.getByLabel("Your Keydesk password, to confirm sharing").fill(PASSWORD);
        await owner.getByRole("button", { name: "Share", exact: true }).click();
        await waitForAnswer(owner, "Shared. The team's members can now read");

        // The member sees the key, not the key's secret, and balances without amounts.
        await member.goto("/keys");
        await member.getByTestId("shared-via").getByText("Family (amounts hidden)").waitFor();
        await member.goto(`${keyPath}?tab=balances`);
        await member.getByText("Shared with you by").waitFor();
        await member.getByText("shares this key with amounts hidden").waitFor();
        const list = member.getByTestId(phone ? "balances-cards" : "balances-table");
        await list.waitFor();
        const text = await list.innerText();
        expectTrue(/hidden/.test(text) && !/€\s?\d|\d\s?€/.test(text), "balances show no amounts or values");
        expectTrue(
          (await member.getByRole("button", { name: "Delete key…" }).count()) === 0,
          "no delete control for a member",
        );
        expectTrue(
          (await member.getByRole("link", { name: "Export" }).count()) === 0,
          "no export tab without the owner's permission",
        );
        await assertAccessible(member, `member's key page (${name})`);
        if (phone) await assertNoHorizontalScroll(member, "member's key page");
        await shot(member, "member-balances");

        // The owner unshares; the member's next refresh shows the key gone.
        await owner.goto(keyPath);
        await owner.getByRole("button", { name: "Unshare" }).click();
        await owner.getByText("Not shared with any team.").waitFor();
        await member.reload();
        await member
          .getByText(/doesn't exist|not found|couldn't find/i)
          .first()
          .waitFor();
        await member.goto("/keys");
        expectTrue(
          (await member.getByText("Family savings").count()) === 0,
          "the key is gone from the member's Keys page",
        );
        await shot(member, "after-unshare");

        await owner.goto("/activity");
        await owner.getByTestId("activity-events").waitFor();
        for (const action of ["key.shared", "key.unshared", "team.member_invited", "team.member_joined"]) {
          expectTrue((await owner.locator(`[data-action="${action}"]`).count()) > 0, `activity shows ${action}`);
        }
        await owner.getByTestId("member-reads").waitFor();
        await assertAccessible(owner, `activity page (${name})`);
        if (phone) await assertNoHorizontalScroll(owner, "activity page");
        await shot(owner, "activity");
      } finally {
        await ownerCtx.close();
        await memberCtx.close();
      }
    });
  }
}
