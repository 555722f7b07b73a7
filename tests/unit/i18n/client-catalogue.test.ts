// The browser gets only the message namespaces client code names (lib/i18n/client.ts), not the
// whole catalogue: every page's HTML carried all of it (about 52 kB) in its React payload.
// This walks every "use client" module and what it imports from the project, collects the
// message keys it names (literals, and `ns.sub.${…}` templates), and checks the list holds
// exactly their namespaces: a client message outside the list would show as its raw key.
import { existsSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { MESSAGES, type MessageKey } from "@/lib/i18n/messages";
import { CLIENT_NAMESPACES, clientMessages } from "@/lib/i18n/client";

const ROOT = path.resolve(__dirname, "../../..");
const KEYS = Object.keys(MESSAGES.en) as MessageKey[];
const namespaceOf = (key: string) => key.split(".")[0]!;

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ])
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  return null;
}

/** Every project module the browser can run: the "use client" files and what they import (not `import type`). */
function clientModules(): string[] {
  const roots = execFileSync("git", ["grep", "-l", "-E", '^"use client"', "--", "app", "components", "lib"], {
    cwd: ROOT,
  })
    .toString()
    .trim()
    .split("\n")
    .map((f) => path.join(ROOT, f));
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    // A server action is a reference in the browser: its messages are sent back already localized.
    if (/^\s*(?:\/\/[^\n]*\n\s*)*"use server"/.test(src)) {
      seen.delete(file);
      continue;
    }
    for (const m of src.matchAll(/^\s*import\s+(?!type\s)[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/gm)) {
      const target = resolveImport(file, m[1] ?? m[2]!);
      if (target) queue.push(target);
    }
  }
  return [...seen];
}

const isCatalogue = (file: string) => file.includes(`${path.sep}lib${path.sep}i18n${path.sep}messages`);

function namespacesNamedBy(files: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  files = files.filter((f) => !isCatalogue(f));
  const add = (ns: string, file: string) =>
    found.set(ns, [...new Set([...(found.get(ns) ?? []), path.relative(ROOT, file)])]);
  for (const file of files) {
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/["'`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)["'`]/g))
      if ((MESSAGES.en as Record<string, string>)[m[1]!] !== undefined) add(namespaceOf(m[1]!), file);
    for (const m of src.matchAll(/`([a-zA-Z][\w-]*\.(?:[\w-]+\.)*)\$\{/g))
      if (KEYS.some((k) => k.startsWith(m[1]!))) add(namespaceOf(m[1]!), file);
    // A key whose namespace is itself computed can't be checked: name each one in full instead.
    const dynamic = /\bt\(\s*`\$\{/.exec(src);
    if (dynamic)
      throw new Error(`${path.relative(ROOT, file)}: t(\`\${…}…\`) names no namespace; name the keys in full`);
  }
  return found;
}

describe("the client's catalogue", () => {
  const modules = clientModules();
  const named = namespacesNamedBy(modules);
  if (process.env.DEBUG_CLIENT_MODULES)
    console.log(
      modules
        .filter((f) =>
          /from "@\/lib\/i18n(\/localize|\/messages)?"/.test(readFileSync(f, "utf8").replace(/import type[^;]*;/g, "")),
        )
        .map((f) => path.relative(ROOT, f))
        .join("\n"),
    );

  it("keeps the message files out of the browser's code (the page hands it the messages it needs)", () => {
    expect(modules.filter(isCatalogue).map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it("holds every namespace client code names", () => {
    const missing = [...named.keys()].filter((ns) => !(CLIENT_NAMESPACES as readonly string[]).includes(ns));
    expect(missing.map((ns) => `${ns} (named in ${named.get(ns)!.join(", ")})`)).toEqual([]);
  });

  it("holds no namespace client code doesn't name", () => {
    expect(CLIENT_NAMESPACES.filter((ns) => !named.has(ns))).toEqual([]);
  });

  it("is the catalogue's keys of those namespaces, in both languages, and much less than all of it", () => {
    for (const locale of ["en", "de"] as const) {
      const picked = clientMessages(locale);
      const expected = KEYS.filter((k) => (CLIENT_NAMESPACES as readonly string[]).includes(namespaceOf(k)));
      expect(Object.keys(picked).sort()).toEqual([...expected].sort());
      for (const k of expected) expect(picked[k]).toBe(MESSAGES[locale][k]);
      expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(MESSAGES[locale]).length / 2);
    }
  });

  it("leaves out what only the server says (error answers, activity, help)", () => {
    const picked = clientMessages("en") as Record<string, string>;
    expect(Object.keys(picked).some((k) => /^(error|exchange|activity|help|audit)\./.test(k))).toBe(false);
  });
});
