// Fixed waits in the tests, outside the benchmarks (tests/bench): an awaited timer of a set
// length (not zero: a zero timer is a turn of the event loop, as setImmediate is) (`await new Promise((r) => setTimeout(r, N))`, `await sleep(N)`, `waitForTimeout(N)`)
// that a test relies on having been long enough. A timer inside a loop that checks a state each
// turn is a poll (a wait for that state), listed apart; so are the poll primitives themselves
// (tests/helpers/wait-for.ts). Run: npx tsx tests/tools/count-sleeps.ts [--list]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(__dirname, "../..");
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "tests"], { cwd: root })
  .toString()
  .split("\n")
  .filter((f) => /\.(ts|tsx|mts|mjs)$/.test(f) && !f.startsWith("tests/bench/") && f !== "tests/tools/count-sleeps.ts");

/** A timer someone waits on: a promise around setTimeout, a sleep helper, Playwright's waitForTimeout. */
const WAIT =
  /new Promise[^;]*setTimeout\(\s*\w+\s*,\s*[1-9][\d_]*|\bawait\s+(?:sleep|delay|tick|settle|pause)\(\s*[\d_]*\s*\)|waitForTimeout\(\s*[\d_]+/;
/** A loop header that checks a state each turn (for with a condition, while). */
const LOOP = /\b(for|while)\s*\(/;

interface Hit {
  file: string;
  line: number;
  text: string;
}
const fixed: Hit[] = [];
const polls: Hit[] = [];
const POLL_PRIMITIVES = new Set(["tests/helpers/wait-for.ts"]);

for (const file of files) {
  let src: string;
  try {
    src = readFileSync(resolve(root, file), "utf8");
  } catch {
    continue; // listed by git, deleted in the work tree
  }
  const lines = src.split("\n");
  lines.forEach((text, i) => {
    if (!WAIT.test(text) || /^\s*(\/\/|\*)/.test(text)) return;
    // A helper's definition is no wait; its calls are counted where they wait.
    if (/^\s*(export\s+)?const\s+\w+\s*=\s*\(/.test(text)) return;
    const hit = { file, line: i + 1, text: text.trim() };
    if (POLL_PRIMITIVES.has(file) || isStateWait(lines, i)) polls.push(hit);
    else fixed.push(hit);
  });
}

/**
 * A wait for a state: the timer is a loop's pause (on the loop's header line, or inside the
 * loop: one of the three blocks around it, e.g. a retry's catch inside a for, opens with a loop
 * header), or a ceiling raced against an event.
 */
function isStateWait(lines: string[], i: number): boolean {
  const text = lines[i]!;
  if (/waitForTimeout\(/.test(text)) return false; // Playwright's fixed wait, in a loop or not
  if (LOOP.test(text) || /Promise\.race\(/.test(text)) return true;
  const indent = (l: string) => l.length - l.trimStart().length;
  let level = indent(text);
  for (let j = i - 1, blocks = 0; j >= Math.max(0, i - 40) && blocks < 3; j--) {
    const above = lines[j]!;
    if (!above.trim() || indent(above) >= level) continue;
    if (LOOP.test(above) || /\bdo\s*\{/.test(above)) return true;
    level = indent(above);
    blocks++;
  }
  return false;
}

if (process.argv.includes("--list")) {
  console.log("Fixed waits:");
  for (const h of fixed) console.log(`  ${h.file}:${h.line}  ${h.text}`);
  console.log("Polls (a timer inside a loop that checks a state):");
  for (const h of polls) console.log(`  ${h.file}:${h.line}  ${h.text}`);
}
console.log(`fixed waits: ${fixed.length}; polls: ${polls.length} (outside tests/bench)`);
console.log(JSON.stringify({ fixedWaits: fixed.length, polls: polls.length }));
