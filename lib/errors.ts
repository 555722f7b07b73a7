// One error type that travels from server to client. Server code throws AppError; route
// wrappers and actions turn it into { error: { code, message, requestId, retryAfterSeconds } }.
// Safe to import on the client: no server-only dependencies.

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
  requestId?: string;

  constructor(code: ErrorCode, message: string, extra: Omit<ErrorBody, "code" | "message"> = {}) {
    super(message);
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
    return new AppError(code, "The server answered with an unexpected response.");
  }
}
