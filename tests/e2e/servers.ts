// Where the browser tests' servers are: written once by the global setup, read by each worker.
// Also the run's own files: the server logs, and the response bodies every test saw (the
// secret canary reads them all, whichever worker wrote them).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
/** Screenshots the tests take on purpose (traces and failure screenshots go under test-results/e2e/ too). */
export const ARTIFACTS = path.join(ROOT, "test-results", "e2e");
/** This run's state, logs and recorded bodies (outside Playwright's output folder, which it empties). */
export const RUN_DIR = path.join(ROOT, "test-results", "e2e-run");
export const SEEN_DIR = path.join(RUN_DIR, "seen");
const STATE_FILE = path.join(RUN_DIR, "servers.json");

export interface ServersState {
  /** The app (npm start's server). */
  url: string;
  /** The simulator's REST base for this app's dialect. */
  simUrl: string;
  controlUrl: string;
  /** Demo account name → its key's plaintext. */
  demoKeys: Record<string, string>;
  logFile: string;
}

export interface E2eState {
  databaseUrl: string;
  /** Bitpanda Pro (/public/v1): most tests. */
  pro: ServersState;
  /** One Trading Fast (/fast/v1): the dashboard's second run. */
  fast: ServersState;
  /** The Bitpanda Pro app's process (the fuzz run checks it is still up). */
  proPid: number | null;
}

export function writeState(state: E2eState): void {
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

let cached: E2eState | undefined;
export function readState(): E2eState {
  cached ??= JSON.parse(readFileSync(STATE_FILE, "utf8")) as E2eState;
  return cached;
}

/** Every body any worker recorded so far (one JSON string a line, per worker file). */
export function readSeen(): string[] {
  return readdirSync(SEEN_DIR).flatMap((f) =>
    readFileSync(path.join(SEEN_DIR, f), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string),
  );
}

export function isAlive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
