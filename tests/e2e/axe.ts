// axe-core in the page: serious and critical violations fail the test. It runs on the finished
// document: a streamed page is still arriving when its first content shows, and the metadata
// (the <title>) is streamed in after the content, so axe run early reports a page without a title.
// Every check runs twice: in the light and in the dark colour scheme (the default "system" theme
// follows the browser's, which Playwright emulates), then the page's own scheme is put back.
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function assertAccessible(page: Page, where: string): Promise<void> {
  await page.waitForLoadState("load");
  await page.waitForFunction(() => document.readyState === "complete");
  await expect(page, `${where} has its <title> before axe looks at it`).toHaveTitle(/\S/);
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  // No colour transitions while the scheme flips: axe must see the settled colours, not a blend.
  await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; }" });
  const found: string[] = [];
  const before = await page.evaluate(() => (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
  try {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme);
      for (const v of await violationsNow(page)) found.push(`[${scheme}] ${v}`);
    }
  } finally {
    await page.emulateMedia({ colorScheme: before });
  }
  if (found.length) throw new Error(`axe found serious/critical violations on ${where}:\n  ${found.join("\n  ")}`);
}

async function violationsNow(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} at ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(" "))
            .join(", ")}`,
      );
  });
}
