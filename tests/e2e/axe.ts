// axe-core in the page: serious and critical violations fail the test. It runs on the finished
// document: a streamed page is still arriving when its first content shows, and the metadata
// (the <title>) is streamed in after the content, so axe run early reports a page without a title.
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function assertAccessible(page: Page, where: string): Promise<void> {
  await page.waitForLoadState("load");
  await expect(page, `${where} has its <title> before axe looks at it`).toHaveTitle(/\S/);
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
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
  if (violations.length)
    throw new Error(`axe found serious/critical violations on ${where}:\n  ${violations.join("\n  ")}`);
}
