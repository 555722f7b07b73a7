// Every setting's schema and checks, pure (they read the object they are given, never
// process.env: lib/env.ts is the only reader). A missing or malformed setting gives a message
// naming it and the fix.
import { isIP, BlockList } from "node:net";
import { z } from "zod";
import { DIALECTS, DIALECT_TRAITS, dialectFromBaseUrl } from "@/lib/exchange/dialect";

const HOW_TO_FIX: Record<string, string> = {
  DATABASE_URL:
    "Set it to a PostgreSQL URL, e.g. postgresql://user:pass@host:5432/keydesk (unset it in development to use the embedded database).",
  AUTH_SECRET:
    "Generate one with `openssl rand -base64 33` and set AUTH_SECRET (npm run dev creates one in .env.local for you).",
  KEYDESK_MASTER_KEYS:
    "Set it to `v1:<base64 of 32 random bytes>` (comma-separate older versions during rotation; `openssl rand -base64 32`).",
  KEYDESK_MASTER_KEY_CURRENT: "Set it to the version in KEYDESK_MASTER_KEYS new keys are encrypted with, e.g. v1.",
  EXCHANGE_BASE_URL:
    "Set it to the exchange REST base, e.g. https://api.onetrading.com/fast/v1 (One Trading Fast) or https://api.exchange.bitpanda.com/public/v1 (Bitpanda Pro) (in development, unset it to use the simulator).",
  EXCHANGE_API:
    "Set it to onetrading-fast or bitpanda-pro, or unset it to take the dialect from EXCHANGE_BASE_URL's path (/fast/v1 or /public/v1).",
  KEYDESK_TRUSTED_PROXIES:
    "List the IPs or CIDRs of the proxies in front of Keydesk, comma-separated, e.g. 10.0.0.0/8,127.0.0.1; or unset it when clients connect directly.",
  REDIS_URL: "Set it to a redis:// URL, or unset it to use the in-memory limiter (single instance only).",
  KEYDESK_EGRESS_IP: "Set it to this server's public IPv4/IPv6 address as the exchange sees it, or leave it unset.",
  KEYDESK_SIMULATOR_DIALECT:
    "Set it to `fast` (One Trading Fast, /fast/v1) or `bitpanda` (Bitpanda Pro, /public/v1), or leave it unset for fast.",
};

const optionalString = z.string().trim().min(1).optional().catch(undefined);
const intSetting = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

// One Trading Fast is the exchange that runs today; Bitpanda Pro's older API stays one setting away.
const simulatorDialect = z.enum(["bitpanda", "fast"]).default("fast");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgresql://")
    .optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  KEYDESK_MASTER_KEYS: z.string().min(1).optional(),
  KEYDESK_MASTER_KEY_CURRENT: z
    .string()
    .regex(/^v\d+$/, "must look like v1, v2, ...")
    .optional(),
  // Unset: the simulator in development; required (https) in production, checked below.
  EXCHANGE_BASE_URL: z.url().optional(),
  /** Testing only: let production talk to a loopback http:// exchange (the simulator). */
  KEYDESK_ALLOW_INSECURE_EXCHANGE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** The proxies in front of Keydesk (IPs/CIDRs): only then is X-Forwarded-For read, right to left. */
  KEYDESK_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const list = (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      for (const entry of list) {
        const [addr = "", bits, extra] = entry.split("/");
        const family = isIP(addr);
        const max = family === 6 ? 128 : 32;
        if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
          ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR` });
          return z.NEVER;
        }
      }
      return list;
    }),
  /** Who may create an account: open, invite (an invitation link), closed; unset = open in development, first person then invite in production. */
  KEYDESK_SIGNUP: z.enum(["open", "invite", "closed"]).optional(),
  /** Account creations allowed per client IP per hour (each costs the server a password hash). */
  KEYDESK_SIGNUPS_PER_IP_PER_HOUR: intSetting(5, 1, 100_000),
  /** Invitations (new ones and re-sends) one person may send, and one team may receive the sending of. */
  KEYDESK_INVITATIONS_PER_INVITER_PER_HOUR: intSetting(20, 1, 10_000),
  KEYDESK_INVITATIONS_PER_INVITER_PER_DAY: intSetting(50, 1, 10_000),
  KEYDESK_INVITATIONS_PER_TEAM_PER_HOUR: intSetting(30, 1, 10_000),
  KEYDESK_INVITATIONS_PER_TEAM_PER_DAY: intSetting(100, 1, 10_000),
  /** Which REST dialect the exchange speaks; unset: from EXCHANGE_BASE_URL's path (/fast/v1, /public/v1), else bitpanda-pro. */
  EXCHANGE_API: z.enum(DIALECTS, { message: `must be one of ${DIALECTS.join(", ")}` }).optional(),
  SIMULATOR_CONTROL_URL: z.url().optional(),
  EXCHANGE_TIMEOUT_MS: intSetting(8_000, 100, 120_000),
  SIMULATOR_PORT: intSetting(4100, 1, 65535),
  SIMULATOR_CONTROL_PORT: intSetting(4101, 1, 65535),
  /** Which API the simulator `npm run dev` starts speaks: bitpanda (/public/v1) or fast (/fast/v1). */
  KEYDESK_SIMULATOR_DIALECT: simulatorDialect,
  KEYDESK_EGRESS_IP: z.union([z.ipv4(), z.ipv6()]).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  BUDGET_IP_PER_MINUTE: intSetting(220, 1, 240),
  BUDGET_ACCOUNT_PER_MINUTE: intSetting(180, 1, 200),
  KEYDESK_INSTANCE_COUNT: intSetting(2, 1, 64),
  /** Exchange calls that check a key (add-key live check, Check again, share check) per user a minute. */
  BUDGET_KEY_CHECKS_PER_MINUTE: intSetting(10, 1, 60),
  /** Members of teams a key is shared with, together: at most this % of the account's budget (the owner keeps the rest). */
  BUDGET_MEMBER_SHARE_PERCENT: intSetting(25, 1, 50),
  /** How long cached exchange data may still be served as stale (and is kept, encrypted, in Redis). */
  KEYDESK_STALE_MAX_SECONDS: intSetting(3_600, 60, 7 * 86_400),
  /** Operators presenting this token (Authorization: Bearer …) get /api/health's detail. Unset: detail only in the log. */
  KEYDESK_HEALTH_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /** Prometheus scrapers presenting this token (Authorization: Bearer …) read GET /metrics. Unset: /metrics is a 404. */
  KEYDESK_METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /** The folder holding pg_dump/pg_restore for npm run backup/restore (else PATH and /usr/lib/postgresql/<major>/bin). */
  KEYDESK_PG_BIN: optionalString,
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_ID: optionalString,
  AUTH_OIDC_SECRET: optionalString,
  AUTH_OIDC_NAME: z.string().default("Single sign-on"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: intSetting(3000, 1, 65535),
  /** The embedded PostgreSQL's port when DATABASE_URL is unset (npm run dev, npm run keys:rotate). */
  KEYDESK_EMBEDDED_PG_PORT: intSetting(54329, 1, 65535),
  /** The test suite's embedded PostgreSQL port (a second checkout running the suite at once takes another). */
  KEYDESK_TEST_PG_PORT: intSetting(54330, 1, 65535),
  /** Only users with two-factor sign-in on may add keys with Trade or Withdraw permission. */
  KEYDESK_REQUIRE_2FA_FOR_TRADE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Keys whose key material is older than this many days get a reminder to rotate (Replace). */
  KEY_ROTATE_AFTER_DAYS: intSetting(180, 1, 3650),
  /** Outgoing mail for invitations (optional): smtp://user:pass@host:587 or smtps://… */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  SMTP_FROM: z.string().default("Keydesk <keydesk@localhost>"),
  /** Report where a request's time went (Server-Timing header on API answers): for benchmarks and profiling. */
  KEYDESK_SERVER_TIMING: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Run the alert worker (pg-boss on the same PostgreSQL) in this process: delivery and the key scan. */
  KEYDESK_ALERT_WORKER: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** The worker snapshots every key's EUR value every this many hours (pg-boss schedule; 0 = off). */
  KEYDESK_SNAPSHOT_EVERY_HOURS: intSetting(1, 0, 24),
  /** A newly added key's daily values are rebuilt this many days back from its trades (0 = off). */
  KEYDESK_BACKFILL_DAYS: intSetting(90, 0, 90),
  /** Live prices from the exchange's WebSocket (lib/market): one connection for the deployment; false = REST polling only. */
  MARKET_STREAM: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** One Trading Fast: each Trade key on a live page gets its own authenticated TRADING connection (balances and orders pushed); false = REST polling for them too. */
  TRADING_STREAM: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** One Trading Fast's streaming host (unsettled: the docs say streams.onetrading.com, CCXT streams.fast.onetrading.com). Unset: the docs' host, or the simulator's when the exchange is on loopback. */
  MARKET_WS_URL_FAST: z.url().optional(),
  /** Bitpanda Pro's streaming host. Unset: wss://streams.exchange.bitpanda.com, or the simulator's when the exchange is on loopback. */
  MARKET_WS_URL_BITPANDA: z.url().optional(),
  /** The simulator's WebSocket port (npm run simulator, and the default stream URL against a loopback exchange). */
  SIMULATOR_WS_PORT: intSetting(4102, 1, 65535),
  /** WebSocket upgrades to the exchange a minute for the whole deployment (the exchange refuses beyond 30; fixed windows, so at most 15). */
  MARKET_WS_CONNECTIONS_PER_MINUTE: intSetting(12, 1, 15),
  /** No price or heartbeat for this long: the stream counts as down and REST polling resumes. */
  MARKET_STALE_AFTER_SECONDS: intSetting(10, 2, 300),
  /** The Redis leader lock's lifetime (renewed every third of it): a dead leader is replaced within about this. */
  MARKET_LEADER_TTL_SECONDS: intSetting(6, 2, 60),
  /** A key on a live page has its balances re-read (REST, background priority) at most this often. */
  LIVE_BALANCES_REFRESH_SECONDS: intSetting(60, 5, 3_600),
  /** Live streams (tabs) one person may hold open on one instance; keys one stream may carry. */
  LIVE_MAX_STREAMS_PER_USER: intSetting(20, 1, 1_000),
  LIVE_MAX_KEYS_PER_STREAM: intSetting(50, 1, 500),
  /** The address people use to reach Keydesk, for links it hands out (invitations). */
  KEYDESK_PUBLIC_URL: z.url().optional(),
  /** The passkeys' relying-party id: KEYDESK_PUBLIC_URL's host unless set (then a parent domain of it). */
  KEYDESK_PASSKEY_RP_ID: optionalString,
});

export type Env = Omit<z.infer<typeof schema>, "EXCHANGE_BASE_URL"> & { EXCHANGE_BASE_URL: string };

const SIMULATOR_BASE_URL = "http://127.0.0.1:4100/public/v1";

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost") return true;
  const loopback = new BlockList();
  loopback.addSubnet("127.0.0.0", 8, "ipv4");
  loopback.addAddress("::1", "ipv6");
  const family = isIP(host);
  return family !== 0 && loopback.check(host, family === 6 ? "ipv6" : "ipv4");
}

/** Production talks to the real exchange over https only; http is allowed for a loopback test exchange with the explicit flag. */
function exchangeUrlProblem(raw: z.infer<typeof schema>): string | null {
  if (raw.NODE_ENV !== "production") return null;
  const fix = HOW_TO_FIX.EXCHANGE_BASE_URL;
  if (!raw.EXCHANGE_BASE_URL)
    return `EXCHANGE_BASE_URL is not set: production needs the exchange's https address. ${fix}`;
  const url = new URL(raw.EXCHANGE_BASE_URL);
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname) && raw.KEYDESK_ALLOW_INSECURE_EXCHANGE) return null;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) {
    return "EXCHANGE_BASE_URL is a plain http address: production needs https. For a local test exchange on this machine only, set KEYDESK_ALLOW_INSECURE_EXCHANGE=true.";
  }
  return `EXCHANGE_BASE_URL must use https in production (keys and balances travel over it). ${fix}`;
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Keydesk cannot start: invalid settings.\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Every setting as the schema reads it, before the checks that need the app's secrets. */
export type LaunchSettings = z.infer<typeof schema>;

/**
 * Validate a settings object against the schema alone (pure): what the programs in bin/ read
 * before the app's own settings exist (npm run dev makes the secrets and the database).
 */
export function parseLaunchSettings(source: Record<string, string | undefined>): LaunchSettings {
  // Treat empty strings as unset, the way shells and .env files usually mean them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "settings");
      return `${name}: ${issue.message}. ${HOW_TO_FIX[name] ?? ""}`.trim();
    }),
  );
}

/** Validate a settings object (pure; used by getEnv and by tests). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const raw = parseLaunchSettings(source);
  const problems: string[] = [];
  const env: Env = { ...raw, EXCHANGE_BASE_URL: raw.EXCHANGE_BASE_URL ?? SIMULATOR_BASE_URL };
  // `next build` runs as production without the server's settings: the exchange is checked when the server starts.
  const exchangeProblem = source.NEXT_PHASE === "phase-production-build" ? null : exchangeUrlProblem(raw);
  if (exchangeProblem) problems.push(exchangeProblem);
  const required: (keyof Env)[] = ["DATABASE_URL", "AUTH_SECRET", "KEYDESK_MASTER_KEYS", "KEYDESK_MASTER_KEY_CURRENT"];
  for (const name of required) {
    if (env[name] === undefined) problems.push(`${name} is not set. ${HOW_TO_FIX[name]}`);
  }
  if (env.AUTH_OIDC_ISSUER && (!env.AUTH_OIDC_ID || !env.AUTH_OIDC_SECRET)) {
    problems.push("AUTH_OIDC_ISSUER is set but AUTH_OIDC_ID or AUTH_OIDC_SECRET is missing. Set all three or none.");
  }
  const pathDialect = dialectFromBaseUrl(env.EXCHANGE_BASE_URL);
  if (env.EXCHANGE_API && pathDialect && pathDialect !== env.EXCHANGE_API) {
    problems.push(
      `EXCHANGE_API is ${env.EXCHANGE_API}, but EXCHANGE_BASE_URL ends in ${DIALECT_TRAITS[pathDialect].basePath}, which is ${pathDialect}. Make them agree (${env.EXCHANGE_API} lives under ${DIALECT_TRAITS[env.EXCHANGE_API].basePath}), or unset EXCHANGE_API.`,
    );
  }
  const rpProblem = rpIdMismatch(env);
  if (rpProblem) problems.push(`${rpProblem.cause}. Fix: ${rpProblem.fix}.`);
  if (problems.length) throw new EnvError(problems);
  return env;
}

/** What the passkey relying party is derived from (lib/passkeys/relying-party.ts). */
export interface RelyingPartySettings {
  KEYDESK_PUBLIC_URL?: string;
  KEYDESK_PASSKEY_RP_ID?: string;
  PORT: number;
}

export function publicOrigin(s: RelyingPartySettings): string {
  return new URL(s.KEYDESK_PUBLIC_URL ?? `http://localhost:${s.PORT}`).origin;
}

export const isLocalhost = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** A settings error (the explicit RP id does not fit the public address), as cause and fix; or null. */
export function rpIdMismatch(s: RelyingPartySettings): { cause: string; fix: string } | null {
  const wanted = s.KEYDESK_PASSKEY_RP_ID?.trim().toLowerCase();
  if (!wanted) return null;
  const host = new URL(publicOrigin(s)).hostname;
  if (wanted === host || (host.endsWith(`.${wanted}`) && (wanted.includes(".") || wanted === "localhost"))) return null;
  return {
    cause: `KEYDESK_PASSKEY_RP_ID is "${wanted}", but people reach Keydesk at ${publicOrigin(s)} (KEYDESK_PUBLIC_URL), and browsers accept a passkey only for that host or a parent domain of it`,
    fix: `set KEYDESK_PASSKEY_RP_ID to "${host}" or a parent domain of it, or unset it (then it is "${host}")`,
  };
}
