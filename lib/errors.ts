// One error type that travels from server to client. Server code throws AppError naming its
// text by catalogue key (and the values that fill it); route wrappers and actions look the key
// up in the reader's language (lib/i18n/error-text.ts) and answer
// { error: { code, message, requestId, retryAfterSeconds } }. The browser rebuilds an answer
// with its text as sent ({ text }); an error made in the browser names its key like the server's.
// Safe to import on the client: no server-only dependencies, no catalogue.
import type { MessageKey } from "@/lib/i18n/messages";
import type { MessageValues } from "@/lib/i18n/fill";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  upstream_error: 502,
  upstream_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** A more specific reason (e.g. the exchange's code APIKEY_REVOKED). */
  reason?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  fields?: Record<string, string[]>;
}

export type ErrorExtra = Omit<ErrorBody, "code" | "message"> & {
  /** What fills the key's {placeholders}; a value may itself be a MessageRef (a quoted message). */
  values?: MessageValues;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason?: string;
  readonly retryAfterSeconds?: number;
  readonly fields?: Record<string, string[]>;
  /**
   * The text's catalogue key, looked up in the reader's language where the error is shown (a
   * route's or an action's answer, a widget for an error made in the browser). None on an error
   * the browser rebuilt from an answer: its message is already in the reader's language. Never sent.
   */
  readonly messageKey?: MessageKey;
  readonly values?: MessageValues;
  requestId?: string;

  /** `message`: a catalogue key, or `{ text }` already in the reader's language (a rebuilt answer). */
  constructor(code: ErrorCode, message: MessageKey | { text: string }, extra: ErrorExtra = {}) {
    // The key is the message for logs: stable, and never a secret.
    super(typeof message === "string" ? message : message.text);
    if (typeof message === "string") this.messageKey = message;
    this.values = extra.values;
    this.name = "AppError";
    this.code = code;
    this.reason = extra.reason;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.fields = extra.fields;
    this.requestId = extra.requestId;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The JSON answer's error, with its text in the reader's language (lib/i18n/error-text.ts). */
  toBody(message: string = this.message): ErrorBody {
    return {
      code: this.code,
      message,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.requestId ? { requestId: this.requestId } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      ...(this.fields ? { fields: this.fields } : {}),
    };
  }

  /** Rebuild an AppError from a JSON body (the SWR fetcher does this). */
  static fromBody(body: unknown, fallbackStatus = 500): AppError {
    const b = (body as { error?: Partial<ErrorBody> } | null)?.error;
    if (b && typeof b.code === "string" && b.code in ERROR_STATUS && typeof b.message === "string") {
      const { reason, requestId, retryAfterSeconds, fields } = b;
      return new AppError(b.code as ErrorCode, { text: b.message }, { reason, requestId, retryAfterSeconds, fields });
    }
    const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === fallbackStatus)?.[0] ?? "internal") as ErrorCode;
    return new AppError(code, "states.unexpectedResponse");
  }
}

const DB_DOWN_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "P1001",
  "P1002",
  "P1017",
]);
const DB_DOWN_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|Client has encountered a connection error|connection is closed/i;

/** True when an error (or its cause) says the database can't be reached, not that a query was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === "string" && (DB_DOWN_CODES.has(code) || code.startsWith("08"))) return true;
    if (name === "PrismaClientInitializationError") return true;
    if (typeof message === "string" && DB_DOWN_MESSAGES.test(message)) return true;
  }
  return false;
}
