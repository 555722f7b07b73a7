// The ONLY reader of process.env. Every setting is validated with zod on first use
// (./env-schema.ts); a missing or malformed setting stops the process with a message naming it
// and the fix.
import { existsSync } from "node:fs";
import { parseEnv, parseLaunchSettings, type Env, type LaunchSettings } from "./env-schema";
import { DIALECT_TRAITS, resolveDialect, type Dialect, type DialectTraits } from "@/lib/exchange/dialect";

export { EnvError, parseEnv, parseLaunchSettings, type Env, type LaunchSettings } from "./env-schema";

let cached: Env | undefined;

/** The validated settings of this process. Throws EnvError naming every bad setting. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change settings between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** For CLIs that supply a setting themselves (the embedded database's address): validated like the rest. */
export function applySettings(values: Record<string, string>): void {
  cached = parseEnv({ ...process.env, ...values });
}

/** For `npm start` (bin/start.ts): a built app runs as production, as `next start` makes it. Call before anything reads a setting. */
export function runAsProduction(): void {
  (process.env as Record<string, string>).NODE_ENV = "production";
  cached = undefined;
}

/** This process's settings for a program in bin/ (see parseLaunchSettings). */
export function getLaunchSettings(): LaunchSettings {
  return parseLaunchSettings(process.env);
}

/** The environment a program in bin/ hands a child process: its own, with `overrides` on top. */
export function childProcessEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** Settings from a program's .env files (bin/: npm run dev, keys:rotate), where the shell has not set them. */
export function loadEnvFiles(files: string[]): void {
  for (const file of files) if (existsSync(file)) process.loadEnvFile(file);
}

/** The exchange dialect this process speaks: EXCHANGE_API, or what EXCHANGE_BASE_URL's path names (lib/exchange/dialect.ts). */
export function getExchangeDialect(): Dialect {
  return resolveDialect(getEnv().EXCHANGE_BASE_URL, getEnv().EXCHANGE_API);
}

export function getDialectTraits(): DialectTraits {
  return DIALECT_TRAITS[getExchangeDialect()];
}

/** Where and how this process talks to the exchange: the gate's client and the one write (cancel-all) use it. */
export function exchangeClientConfig(): { baseUrl: string; dialect: Dialect; timeoutMs: number } {
  const env = getEnv();
  return { baseUrl: env.EXCHANGE_BASE_URL, dialect: getExchangeDialect(), timeoutMs: env.EXCHANGE_TIMEOUT_MS };
}
