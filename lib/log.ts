// Structured logging (pino) with redaction of anything that could carry a key or secret: by field
// name, and anything shaped like an exchange key anywhere in a line (lib/redact-text.ts).
import "server-only";
import pino from "pino";
import { getEnv } from "@/lib/env";
import { currentJob, currentRequestId } from "@/lib/request-context";
import { redactKeyLike } from "@/lib/redact-text";

export const REDACT_PATHS = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "req.headers.authorization",
  "*.headers.authorization",
  "key",
  "*.key",
  "apiKey",
  "*.apiKey",
  "secret",
  "*.secret",
  "password",
  "*.password",
  "token",
  "*.token",
  "plaintext",
  "*.plaintext",
  "cookie",
  "*.cookie",
  "headers.cookie",
  "*.headers.cookie",
];

/**
 * Every line written while a request is being served carries that request's id; every line a
 * background job writes carries the job's queue (`job`), so the two are told apart.
 */
export function requestIdMixin(): { requestId?: string; job?: string } {
  const requestId = currentRequestId();
  if (requestId) return { requestId };
  const job = currentJob();
  return job ? { job } : {};
}

export function buildLogger(destination?: pino.DestinationStream): pino.Logger {
  let level = "info";
  try {
    level = getEnv().LOG_LEVEL;
  } catch {
    // Settings are validated (loudly) elsewhere; logging must still work to report that.
  }
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    // Field names aside, anything shaped like an exchange key is cut from the finished line (a URL, an error's text).
    hooks: { streamWrite: redactKeyLike },
    base: { app: "keydesk" },
    mixin: requestIdMixin,
  };
  return destination ? pino(options, destination) : pino(options);
}

const globalForLog = globalThis as unknown as { keydeskLog?: pino.Logger };
export const logger: pino.Logger = (globalForLog.keydeskLog ??= buildLogger());
