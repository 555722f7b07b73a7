// One error type that travels from server to client. Server code throws AppError; route
// wrappers and actions turn it into { error: { code, message, requestId, retryAfterSeconds } }.
// Safe to import on the client: no server-only dependencies.
import type { MessageKey } from "@/lib/i18n/messages";

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

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason?: string;
  readonly retryAfterSeconds?: number;
  readonly fields?: Record<string, string[]>;
  /**
   * For an error made in the browser (no connection, an answer that isn't JSON): its text's
   * catalogue key, which the page shows in the reader's language. The server's errors come
   * already in the reader's language and have none. Never sent.
   */
  readonly messageKey?: MessageKey;
  requestId?: string;

  constructor(
    code: ErrorCode,
    message: string,
    extra: Omit<ErrorBody, "code" | "message"> & { messageKey?: MessageKey } = {},
  ) {
    super(message);
    this.messageKey = extra.messageKey;
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

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
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
      return new AppError(b.code as ErrorCode, b.message, b);
    }
    const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === fallbackStatus)?.[0] ?? "internal") as ErrorCode;
    return new AppError(code, "The server answered with an unexpected response.", {
      messageKey: "states.unexpectedResponse",
    });
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

/** The answer when the database isn't answering: nothing was lost, try again shortly. */
export function databaseUnavailableError(): AppError {
  return new AppError(
    "upstream_unavailable",
    "Keydesk's database isn't answering right now. Nothing was lost; try again in a moment.",
    { reason: "DATABASE_UNAVAILABLE", retryAfterSeconds: 5 },
  );
}
