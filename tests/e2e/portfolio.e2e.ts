// The portfolio home and a key's value chart in the browser, desktop and phone (390 px, no
// horizontal scroll): the owner sees the total of both keys and the chart; a team member whose
// share of one key hides amounts sees that key with percentages only, and its amounts appear
// nowhere in the page's HTML (not even in the total).
import { test, expect } from "./fixtures";
import { assertNoHorizontalScroll, signUp } from "./steps";
import { libCall } from "./lib-call";
import { randomEmail } from "../helpers/random";

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

test("portfolio home and value chart; a hidden-amount share leaks no amount", async ({
  page,
  phone,
  demoKey,
  newContext,
}) => {
  const own = { page, email: randomEmail("pf-own") };
  const mem = { page: await (await newContext()).newPage(), email: randomEmail("pf-mem") };
  await signUp(own.page, own.email);
  await signUp(mem.page, mem.email);
  const { shown, hidden } = await libCall("portfolio", {
    ownerEmail: own.email,
    memberEmail: mem.email,
    shownKey: demoKey("demo-read"),
    hiddenKey: demoKey("demo-small"),
    hiddenTotals: HIDDEN.totals,
    hiddenAmount: HIDDEN.amount,
  });

  // The owner: both keys in the total, the chart, each key's part.
  await own.page.goto("/portfolio?range=24h");
  await expect(own.page.getByTestId("portfolio-total"), "the owner's total is both keys'").toHaveText(
    /994[,.]?883\.04/,
    { useInnerText: true },
  );
  await expect(own.page.getByTestId("value-chart")).toBeVisible();
  await expect(own.page.getByTestId("portfolio-keys"), "both keys listed").toContainText("Hidden wallet", {
    useInnerText: true,
  });
  if (phone) await assertNoHorizontalScroll(own.page, "portfolio home");
  // The key's Overview has its value chart (the nav link leads to the home too).
  await own.page.goto(`/keys/${shown}?tab=overview`);
  await expect(own.page.getByRole("heading", { name: "Value over time" })).toBeVisible();
  await own.page.getByRole("button", { name: "24 h" }).click();
  await expect(own.page.getByTestId("value-chart")).toBeVisible();
  if (phone) await assertNoHorizontalScroll(own.page, "key overview with value chart");

  // The member: the hidden key adds nothing; no amount of it anywhere in the HTML.
  await mem.page.goto("/portfolio?range=24h");
  await expect(mem.page.getByTestId("hidden-note")).toBeVisible();
  // The owner's visit to the Overview read the key, which recorded this hour's real snapshot.
  const latest = await libCall("latest-snapshot", { keyId: shown });
  const memTotal = await mem.page.getByTestId("portfolio-total").innerText();
  expect(memTotal.replace(/\D/g, ""), `the member's total ${memTotal} is the shown key's only (its latest)`).toBe(
    latest.totalEur.replace(/\D/g, ""),
  );
  const html = await mem.page.content();
  const leaks = hiddenForms.filter((f) => html.includes(f));
  expect(leaks, "no hidden amount in the member's portfolio HTML").toEqual([]);
  await expect(mem.page.getByTestId("portfolio-keys"), "the hidden key is listed as hidden").toContainText(
    "Amounts hidden by the owner",
    { useInnerText: true },
  );
  if (phone) await assertNoHorizontalScroll(mem.page, "portfolio home (member)");
  // The hidden key's own chart: percentages only.
  await mem.page.goto(`/keys/${hidden}?tab=overview`);
  await expect(mem.page.getByText("the chart shows the change in percent")).toBeVisible();
  const keyHtml = await mem.page.content();
  const keyLeaks = hiddenForms.filter((f) => keyHtml.includes(f));
  expect(keyLeaks, "no hidden amount on the hidden key's page").toEqual([]);
});
