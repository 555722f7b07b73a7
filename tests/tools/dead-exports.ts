// Exports nothing else uses, and exports only tests use. A text search, not a compiler:
// a name counts as used when it appears as a word in any other source file.
// Run: npx tsx tests/tools/dead-exports.ts
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(__dirname, "../..");
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: root })
  .toString()
  .split("\n")
  .filter(
    (f) =>
      /\.(ts|tsx|mts|mjs)$/.test(f) &&
      !f.includes("/generated/") &&
      !f.endsWith(".d.ts") &&
      existsSync(resolve(root, f)),
  );
const text = new Map(files.map((f) => [f, readFileSync(resolve(root, f), "utf8")]));
// Next.js and tool conventions: exported for the framework, not for other modules.
const convention =
  /^(default|GET|POST|PUT|PATCH|DELETE|dynamic|metadata|viewport|config|proxy|register|generateMetadata)$/;
const exportRe = /^export\s+(?:async\s+)?(?:function\*?|const|let|class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm;

const unused: string[] = [];
const testOnly: string[] = [];
for (const [file, src] of text) {
  if (file.startsWith("tests/")) continue;
  for (const m of src.matchAll(exportRe)) {
    const name = m[1]!;
    if (convention.test(name)) continue;
    const word = new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\b`);
    const users = files.filter((f) => f !== file && word.test(text.get(f)!));
    const line = src.slice(0, m.index).split("\n").length;
    if (users.length === 0) {
      // Used only inside its own module? Then it need not be exported; otherwise it is dead.
      const inside = src.split(word).length - 1 > 1;
      unused.push(`${file}:${line} ${name}${inside ? " (used in its own module only)" : ""}`);
    } else if (users.every((f) => f.startsWith("tests/"))) testOnly.push(`${file}:${line} ${name}`);
  }
}
console.log(`exports nothing else uses (${unused.length}):`);
for (const u of unused) console.log(`  ${u}`);
console.log(`exports only tests use (${testOnly.length}):`);
for (const u of testOnly) console.log(`  ${u}`);
