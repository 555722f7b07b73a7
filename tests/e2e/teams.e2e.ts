// Teams in the browser: the owner creates a team and invites a member, who accepts in a second
// browser context and reads the shared key's balances with amounts hidden; the owner unshares
// and the member's next refresh shows the key gone. Desktop and phone.
import { test, expect } from "./fixtures";
import { assertAccessible } from "./axe";
import { addKey, assertNoHorizontalScroll, expectAnswer, PASSWORD, shot, signUp } from "./steps";
import { randomEmail } from "../helpers/random";

test("teams: invite, accept in a second browser, hidden amounts, unshare", async ({
  page: owner,
  phone,
  demoKey,
  newContext,
}, testInfo) => {
  const size = testInfo.project.name;
  const member = await (await newContext()).newPage();
  await signUp(owner, randomEmail("t-owner"));
  await addKey(owner, "Family savings", demoKey("demo-small"));
  await owner.waitForURL(/\?added=1$/);
  const keyPath = new URL(owner.url()).pathname;

  await owner.goto("/teams");
  await expect(owner.getByText("You are not in any team yet.")).toBeVisible();
  await owner.getByLabel("Team name").fill("Family");
  await owner.getByRole("button", { name: "Create team" }).click();
  await owner.waitForURL(/\/teams\/[a-z0-9]+$/);
  const memberEmail = randomEmail("t-member");
  await owner.getByLabel("E-mail address").fill(memberEmail);
  await owner.getByRole("button", { name: "Create invitation" }).click();
  const link = (await owner.getByTestId("invite-link").innerText()).trim();
  expect(link, "an invitation link").toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await assertAccessible(owner, `team page (${size})`);
  if (phone) await assertNoHorizontalScroll(owner, "team page");
  await shot(owner, `teams-invited-${size}`);

  // The member opens the link signed out, creates an account, comes back and joins.
  const invitePath = new URL(link).pathname;
  await member.goto(invitePath);
  await expect(member.getByText("You are invited to join")).toBeVisible();
  await assertAccessible(member, `invitation page (${size})`);
  await member.getByRole("link", { name: "Create an account" }).click();
  // The invited address is filled in (and fixed), the name typed is the member's name, and the
  // new account ends signed in and joined: nothing is typed twice.
  await expect(member.getByLabel("E-mail"), "the invited e-mail is prefilled").toHaveValue(memberEmail);
  await expect(member.getByLabel("E-mail"), "and can't be changed").toHaveAttribute("readonly", "");
  await member.getByLabel("Name (optional)").fill("Mia Member");
  await member.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await member.getByLabel("Repeat password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account" }).click();
  await member.waitForURL(/\/teams\/[a-z0-9]+\?joined=1$/);
  await expect(member.getByText("You joined Family")).toBeVisible();
  await owner.reload();
  await expect(owner.getByText("Mia Member").first()).toBeVisible();

  // The owner shares the key with amounts hidden (step-up: the password).
  await owner.goto(keyPath);
  await expect(owner.getByRole("heading", { name: "Sharing" })).toBeVisible();
  await owner.getByLabel(/Hide amounts/).check();
  await owner.getByLabel("Your Keydesk password, to confirm sharing").fill(PASSWORD);
  await owner.getByRole("button", { name: "Share", exact: true }).click();
  await expectAnswer(owner, "Shared. The team's members can now read");

  // The member sees the key, not the key's secret, and balances without amounts.
  await member.goto("/keys");
  await expect(member.getByTestId("shared-via").getByText("Family (amounts hidden)")).toBeVisible();
  await member.goto(`${keyPath}?tab=balances`);
  await expect(member.getByText("Shared with you by")).toBeVisible();
  await expect(member.getByText("shares this key with amounts hidden")).toBeVisible();
  const list = member.getByTestId(phone ? "balances-cards" : "balances-table");
  await expect(list).toBeVisible();
  await expect(list, "balances say the amounts are hidden").toContainText("hidden", { useInnerText: true });
  await expect(list, "balances show no amounts or values").not.toContainText(/€\s?\d|\d\s?€/, { useInnerText: true });
  await expect(member.getByRole("button", { name: "Delete key…" }), "no delete control for a member").toHaveCount(0);
  await expect(
    member.getByRole("link", { name: "Export" }),
    "no export tab without the owner's permission",
  ).toHaveCount(0);
  await assertAccessible(member, `member's key page (${size})`);
  if (phone) await assertNoHorizontalScroll(member, "member's key page");
  await shot(member, `teams-member-balances-${size}`);

  // The owner unshares; the member's next refresh shows the key gone.
  await owner.goto(keyPath);
  await owner.getByRole("button", { name: "Unshare" }).click();
  await expect(owner.getByText("Not shared with any team.")).toBeVisible();
  await member.reload();
  await expect(member.getByText(/doesn't exist|not found|couldn't find/i).first()).toBeVisible();
  await member.goto("/keys");
  await expect(member.getByText("Family savings"), "the key is gone from the member's Keys page").toHaveCount(0);
  await shot(member, `teams-after-unshare-${size}`);

  await owner.goto("/activity");
  await expect(owner.getByTestId("activity-events")).toBeVisible();
  for (const action of ["key.shared", "key.unshared", "team.member_invited", "team.member_joined"]) {
    await expect(owner.locator(`[data-action="${action}"]`).first(), `activity shows ${action}`).toBeAttached();
  }
  await expect(owner.getByTestId("member-reads")).toBeVisible();
  await assertAccessible(owner, `activity page (${size})`);
  if (phone) await assertNoHorizontalScroll(owner, "activity page");
  await shot(owner, `teams-activity-${size}`);
});
