// Folder import graph: which lib/ folders import which, and the cycles between them.
// Run: npx tsx tests/tools/folder-graph.ts   (prints edges with --edges)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(__dirname, "../..");
const skip = new Set(["node_modules", ".next", ".data", "generated", ".git"]);

function listSources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listSources(path, out);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** The folder a file belongs to: lib/<concern>, components/<feature>, app, tests/<kind>, or a top-level folder. */
function folderOf(file: string): string {
  const parts = relative(root, file).split("/");
  if (parts.length === 1) return "(root)";
  if (parts[0] === "lib" || parts[0] === "components" || parts[0] === "tests")
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : `${parts[0]}/(files)`;
  return parts[0]!;
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = resolve(dirname(from), spec);
  else return null;
  for (const suffix of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    try {
      if (statSync(base + suffix).isFile()) return base + suffix;
    } catch {
      /* try the next suffix */
    }
  }
  return null;
}

const edges = new Map<string, Set<string>>();
const importRe =
  /(?:import|export)\s[^"';]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;
for (const dir of ["app", "components", "lib", "programs", "tests"]) {
  let files: string[] = [];
  try {
    files = listSources(join(root, dir));
  } catch {
    continue;
  }
  for (const file of files) {
    const from = folderOf(file);
    for (const m of readFileSync(file, "utf8").matchAll(importRe)) {
      const target = resolveImport(file, (m[1] ?? m[2] ?? m[3])!);
      if (!target) continue;
      const to = folderOf(target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
}

// Strongly connected components (Tarjan) = folder cycles.
let index = 0;
const idx = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const sccs: string[][] = [];
function visit(v: string): void {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
  }
  if (low.get(v) === idx.get(v)) {
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) sccs.push(scc.sort());
  }
}
for (const v of edges.keys()) if (!idx.has(v)) visit(v);

const pairs: string[] = [];
for (const [a, tos] of edges) for (const b of tos) if (a < b && edges.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);

const edgeCount = [...edges.values()].reduce((n, s) => n + s.size, 0);
console.log(
  `folders: ${new Set([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])]).size}, edges: ${edgeCount}`,
);
console.log(`two-way pairs (${pairs.length}):`);
for (const p of pairs.sort()) console.log(`  ${p}`);
console.log(`cycles (strongly connected groups, ${sccs.length}):`);
for (const s of sccs) console.log(`  [${s.length}] ${s.join(", ")}`);
if (process.argv.includes("--edges"))
  for (const [a, tos] of [...edges].sort()) console.log(`${a} -> ${[...tos].sort().join(", ")}`);
