// A minimal test harness for browser tests: named cases, per-case timing, artifacts under
// test-results/e2e, and a summary the top-level runner reads.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

export const ARTIFACTS = path.resolve(__dirname, "..", "..", "test-results", "e2e");
mkdirSync(ARTIFACTS, { recursive: true });

type Case = { name: string; fn: () => Promise<void> };
const cases: Case[] = [];

export function test(name: string, fn: () => Promise<void>): void {
  cases.push({ name, fn });
}

export function expectTrue(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Expectation failed: ${message}`);
}

/**
 * Waits for a form's answer; when it doesn't come, the failure says what the page showed instead
 * (its alerts, status lines and field errors) and where it was, not only that a wait timed out.
 */
export async function waitForAnswer(page: Page, text: string, timeout = 30_000): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ timeout });
  } catch (err) {
    const shown = await page
      .locator('[role="alert"], [role="status"], [aria-invalid="true"] ~ *, p[id$="-error"]')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(
      `"${text}" did not appear within ${timeout} ms at ${page.url()}; the page showed: ${JSON.stringify(shown)}\n${String(err)}`,
    );
  }
}

export async function runCases(filter?: string): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    if (filter && !filter.split("|").some((f) => c.name.includes(f))) continue;
    const started = Date.now();
    try {
      await c.fn();
      passed++;
      console.log(`  ✓ ${c.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(
        `  ✗ ${c.name} (${Date.now() - started} ms)\n    ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    }
  }
  return { passed, failed };
}
