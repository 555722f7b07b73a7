// German everywhere: sign in, switch to German with the header's language toggle,
// walk every page (keys, a key and each tab, an order's dialog, add key, teams, a team, an
// invitation, activity, settings, troubleshooting, not-found; sign-in and sign-up signed out)
// at desktop and phone width, and fail on any English word or raw code (FILLED_FULLY,
// key.stop, not_a_jwt …) left, naming the page, the word and its line. Each page also passes
// axe in the light and the dark colour scheme.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { addKey, hydrated, PASSWORD, signUp } from "./steps";
import { findCodes, findEnglish, type EnglishHit } from "./english-detector";
import { assertAccessible } from "./axe";
import { EXCHANGE_CODES } from "@/lib/format/exchange-words";
import { randomEmail } from "../helpers/random";
import { TABS } from "@/lib/format/key-tabs";

const KEY_LABEL = "Familienkasse";
const TEAM_NAME = "Familie";
/** Every code the exchange sends that a page must show as a word ("default", a fee group, is also a German-free word: left out). */
const CODES = Object.values(EXCHANGE_CODES)
  .flat()
  .filter((c) => c !== "default");

/** Visible text plus the accessible names a screen reader says (aria-label, alt, placeholder). */
async function pageText(page: Page): Promise<string> {
  // Settled: loaded, and every widget past its skeleton (role=status, "… wird geladen" /
  // "Loading …"). Not "networkidle": a page with the live price stream always has a request open,
  // so that wait ran into its 30 s ceiling on every such page.
  await page.waitForLoadState("load");
  await expect(
    page.locator('[role="status"][aria-label$="wird geladen"], [role="status"][aria-label^="Loading "]'),
  ).toHaveCount(0);
  return page.evaluate(() => {
    const names = [...document.querySelectorAll("[aria-label], [placeholder], img[alt]")]
      .filter((el) => !(el as HTMLElement).closest("[hidden]"))
      .map((el) => el.getAttribute("aria-label") ?? el.getAttribute("placeholder") ?? el.getAttribute("alt") ?? "");
    return `${document.body.innerText}\n${names.join("\n")}\n${document.title}`;
  });
}

test.use({ locale: "en-US" });

test("german: every page in German, no English left", async ({ page, phone, demoKey, newContext, app }, testInfo) => {
  const size = testInfo.project.name;
  const failures: string[] = [];
  const check = async (where: string, axe = true) => {
    const text = await pageText(page);
    const hits: EnglishHit[] = [...findEnglish(text, [KEY_LABEL, TEAM_NAME]), ...findCodes(text, CODES)];
    for (const h of hits) failures.push(`${where} (${page.url()}): "${h.word}" in "${h.line.slice(0, 160)}"`);
    if (axe) await assertAccessible(page, `${where}, German (${size})`);
  };
  // Set-up in English (the default), as every other browser test does.
  await signUp(page, randomEmail("de"));
  await addKey(page, KEY_LABEL, demoKey("demo-small"));
  await page.waitForURL(/\?added=1$/);
  const keyPath = new URL(page.url()).pathname;
  await page.goto("/teams");
  await page.getByLabel("Team name").fill(TEAM_NAME);
  await page.getByRole("button", { name: "Create team" }).click();
  await page.waitForURL(/\/teams\/[a-z0-9]+$/);
  const teamPath = new URL(page.url()).pathname;
  await page.getByLabel("E-mail address").fill(randomEmail("eingeladen"));
  await page.getByRole("button", { name: "Create invitation" }).click();
  const invitePath = new URL((await page.getByTestId("invite-link").innerText()).trim()).pathname;

  // The language toggle in the header.
  await page.goto("/keys");
  if (phone) await page.locator("header details > summary").click();
  await page.locator('button[name="locale"][value="de"]:visible').first().click();
  await expect(page.locator("body"), "the toggle switched the dashboard to German").toContainText("Schlüssel", {
    useInnerText: true,
  });

  const walk: [string, string][] = [
    ["keys list", "/keys"],
    ...TABS.map((tab): [string, string] => [`key page, tab ${tab}`, `${keyPath}?tab=${tab}`]),
    ["add key", "/keys/new"],
    ["teams", "/teams"],
    ["a team", teamPath],
    ["an invitation", invitePath],
    ["activity", "/activity"],
    ["settings", "/settings"],
    ["notifications", "/notifications"],
    ["portfolio", "/portfolio"],
    ["portfolio, all", "/portfolio?range=all"],
    ["troubleshooting", "/help/troubleshooting"],
    ["not-found (key)", "/keys/zzzzzzzzzzzzzzzzzzzzzzzzz"],
    ["not-found (page)", "/diese-seite-gibt-es-nicht"],
  ];
  for (const [where, path] of walk) {
    await page.goto(path);
    await check(where);
  }
  // An order's dialog: its status, side, type and its trades' maker/taker in words.
  await page.goto(`${keyPath}?tab=orders`);
  const opener = page.getByTestId("orders-list").getByRole("button").first();
  await hydrated(opener);
  await opener.click();
  await expect(page.getByRole("dialog").getByTestId("order-detail")).toBeVisible();
  await expect(page.getByRole("dialog").getByText(/Ausführungen dieses Auftrags/)).toBeVisible();
  await check("order dialog");
  await page.keyboard.press("Escape");
  // An error state: a form refused by the server (wrong password on delete) comes back in German.
  await page.goto(teamPath);
  await page.getByLabel(/Namen des Teams/).fill("falsch");
  await page.getByRole("button", { name: "Team löschen" }).click();
  await expect(page.getByText("Geben Sie zur Bestätigung den Namen des Teams genau ein")).toBeVisible();
  await check("team page, refused delete");

  // Signed out: sign-in and sign-up keep the language choice (a fresh browser with the cookie).
  const out = await newContext();
  await out.addCookies([{ name: "keydesk-locale", value: "de", url: app.url }]);
  const anon = await out.newPage();
  for (const [where, path] of [
    ["sign-in", "/sign-in"],
    ["sign-up", "/sign-up"],
    ["invitation, signed out", invitePath],
  ] as const) {
    await anon.goto(path);
    const hits = findEnglish(await pageText(anon), [KEY_LABEL, TEAM_NAME]);
    for (const h of hits) failures.push(`${where} (${anon.url()}): "${h.word}" in "${h.line.slice(0, 160)}"`);
  }
  await anon.goto("/sign-in");
  await anon.getByRole("textbox").first().fill("niemand@example.test");
  await anon.locator('input[type="password"]').fill(PASSWORD);
  await anon.locator('form button[type="submit"]').last().click();
  // (Next's route announcer is an alert too, always there.)
  await expect(anon.locator('[role="alert"]:not(#__next-route-announcer__)'), "the refusal is shown").toBeVisible();
  const hits = findEnglish(await pageText(anon));
  for (const h of hits) failures.push(`sign-in refused (${anon.url()}): "${h.word}" in "${h.line.slice(0, 160)}"`);
  if (failures.length) console.error(`English left in German (${size}):\n  ${failures.join("\n  ")}`);
  expect(failures, "no English word on German pages").toEqual([]);
});
