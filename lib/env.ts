// The ONLY reader of process.env. Every setting is validated with zod on first use;
// a missing or malformed setting stops the process with a message naming it and the fix.
import { z } from "zod";

const HOW_TO_FIX: Record<string, string> = {
  DATABASE_URL: "Set it to a PostgreSQL URL, e.g. postgresql://user:pass@host:5432/keydesk (unset it in development to use the embedded database).",
  AUTH_SECRET: "Generate one with `openssl rand -base64 33` and set AUTH_SECRET (npm run dev creates one in .env.local for you).",
  KEYDESK_MASTER_KEYS: "Set it to `v1:<base64 of 32 random bytes>` (comma-separate older versions during rotation; `openssl rand -base64 32`).",
  KEYDESK_MASTER_KEY_CURRENT: "Set it to the version in KEYDESK_MASTER_KEYS new keys are encrypted with, e.g. v1.",
  EXCHANGE_BASE_URL: "Set it to the exchange REST base, e.g. https://api.exchange.bitpanda.com/public/v1, or unset it to use the simulator.",
  REDIS_URL: "Set it to a redis:// URL, or unset it to use the in-memory limiter (single instance only).",
  KEYDESK_EGRESS_IP: "Set it to this server's public IPv4/IPv6 address as the exchange sees it, or leave it unset.",
};

const optionalString = z.string().trim().min(1).optional().catch(undefined);
const intSetting = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must start with postgresql://").optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  KEYDESK_MASTER_KEYS: z.string().min(1).optional(),
  KEYDESK_MASTER_KEY_CURRENT: z.string().regex(/^v\d+$/, "must look like v1, v2, ...").optional(),
  EXCHANGE_BASE_URL: z.url().default("http://127.0.0.1:4100/public/v1"),
  SIMULATOR_CONTROL_URL: z.url().optional(),
  EXCHANGE_TIMEOUT_MS: intSetting(8_000, 100, 120_000),
  SIMULATOR_PORT: intSetting(4100, 1, 65535),
  SIMULATOR_CONTROL_PORT: intSetting(4101, 1, 65535),
  KEYDESK_EGRESS_IP: z.union([z.ipv4(), z.ipv6()]).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
  BUDGET_IP_PER_MINUTE: intSetting(220, 1, 240),
  BUDGET_ACCOUNT_PER_MINUTE: intSetting(180, 1, 200),
  BUDGET_USER_PER_MINUTE: intSetting(120, 1, 200),
  KEYDESK_INSTANCE_COUNT: intSetting(2, 1, 64),
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_ID: optionalString,
  AUTH_OIDC_SECRET: optionalString,
  AUTH_OIDC_NAME: z.string().default("Single sign-on"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: intSetting(3000, 1, 65535),
  /** Only users with two-factor sign-in on may add keys with Trade or Withdraw permission. */
  KEYDESK_REQUIRE_2FA_FOR_TRADE: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** Outgoing mail for invitations (optional): smtp://user:pass@host:587 or smtps://… */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  SMTP_FROM: z.string().default("Keydesk <keydesk@localhost>"),
  /** Report where a request's time went (Server-Timing header on API answers): for benchmarks and profiling. */
  KEYDESK_SERVER_TIMING: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** The address people use to reach Keydesk, for links it hands out (invitations). */
  KEYDESK_PUBLIC_URL: z.url().optional(),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Keydesk cannot start: invalid settings.\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validate a settings object (pure; used by getEnv and by tests). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset, the way shells and .env files usually mean them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? "settings");
      problems.push(`${name}: ${issue.message}. ${HOW_TO_FIX[name] ?? ""}`.trim());
    }
    throw new EnvError(problems);
  }
  const env = result.data;
  const required: (keyof Env)[] = ["DATABASE_URL", "AUTH_SECRET", "KEYDESK_MASTER_KEYS", "KEYDESK_MASTER_KEY_CURRENT"];
  for (const name of required) {
    if (env[name] === undefined) problems.push(`${name} is not set. ${HOW_TO_FIX[name]}`);
  }
  if (env.AUTH_OIDC_ISSUER && (!env.AUTH_OIDC_ID || !env.AUTH_OIDC_SECRET)) {
    problems.push("AUTH_OIDC_ISSUER is set but AUTH_OIDC_ID or AUTH_OIDC_SECRET is missing. Set all three or none.");
  }
  if (problems.length) throw new EnvError(problems);
  return env;
}

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
export function useSettings(values: Record<string, string>): void {
  cached = parseEnv({ ...process.env, ...values });
}

/** For `npm start` (lib/server/start.ts): a built app runs as production, as `next start` makes it. Call before anything reads a setting. */
export function runAsProduction(): void {
  (process.env as Record<string, string>).NODE_ENV = "production";
  cached = undefined;
}

/** Raw access for the dev starter and CLIs, which must set settings for child processes. */
export function readRawEnv(): Record<string, string | undefined> {
  return { ...process.env };
}
