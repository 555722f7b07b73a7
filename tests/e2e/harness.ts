// A minimal test harness for browser tests: named cases, per-case timing, artifacts under
// test-results/e2e, and a summary the top-level runner reads.
import { mkdirSync } from "node:fs";
import path from "node:path";

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
      console.log(`  ✗ ${c.name} (${Date.now() - started} ms)\n    ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  return { passed, failed };
}
