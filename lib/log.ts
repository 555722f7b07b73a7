// Structured logging (pino) with redaction of anything that could carry a key or secret.
import "server-only";
import pino from "pino";
import { getEnv } from "@/lib/env";

export const REDACT_PATHS = [
  "authorization", "*.authorization", "headers.authorization", "req.headers.authorization", "*.headers.authorization",
  "key", "*.key", "apiKey", "*.apiKey", "secret", "*.secret", "password", "*.password", "token", "*.token",
  "plaintext", "*.plaintext", "cookie", "*.cookie", "headers.cookie", "*.headers.cookie",
];

function build() {
  let level = "info";
  try {
    level = getEnv().LOG_LEVEL;
  } catch {
    // Settings are validated (loudly) elsewhere; logging must still work to report that.
  }
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[redacted]" }, base: { app: "keydesk" } });
}

const globalForLog = globalThis as unknown as { keydeskLog?: pino.Logger };
export const logger: pino.Logger = (globalForLog.keydeskLog ??= build());
