// Every error the exchange documents, mapped to a kind and a plain-English message; plus
// our own codes for transport failures. Messages never include the key or the raw body
// (a short human sentence the exchange sends, Fast's style, is quoted after sanitising).
import type { Dialect } from "./dialect";
import { EXCHANGE_CODES, TRANSPORT, type ExchangeErrorKind } from "./error-codes";

export { EXCHANGE_CODES, type ExchangeErrorKind } from "./error-codes";

/**
 * The exchange doesn't know the key's account (`sub`): on a platform with two APIs, that is a
 * key whose account lives on the other one (REFERENCE.md §2.2 `sub`, §7.3; the simulator answers
 * exactly this way).
 */
const OTHER_DIALECT_ACCOUNT: Record<Dialect, string> = {
  "onetrading-fast":
    "One Trading Fast doesn't know this key's account (INVALID_SUBJECT): it looks like a key for the older Bitpanda Pro API (/public/v1). Create a key at One Trading for your Fast account, or ask whoever runs Keydesk to connect it to Bitpanda Pro.",
  "bitpanda-pro":
    "The Bitpanda Pro API (/public/v1) doesn't know this key's account (INVALID_SUBJECT): it looks like a key for One Trading Fast. Use a Bitpanda Pro key here, or ask whoever runs Keydesk to connect it to One Trading Fast (EXCHANGE_BASE_URL=https://api.onetrading.com/fast/v1).",
};

/**
 * Fast answers some errors with a human sentence instead of a CODE (REFERENCE.md §7.1), e.g.
 * {"error":"Order not found."}; the known ones map to the code they mean.
 */
const SENTENCES: [RegExp, string][] = [
  [/^order not found\.?$/i, "ORDER_NOT_FOUND"],
  [/^trade not found\.?$/i, "NOT_FOUND"],
  [/^(unauthori[sz]ed|invalid (api )?key|invalid token)\.?$/i, "INVALID_APIKEY"],
  [/^forbidden\.?$/i, "upstream_forbidden"],
  [/^too many requests\.?$/i, "RATELIMIT"],
];

/** A sentence safe to quote to the person: printable, no token-like runs, at most 160 characters. */
function quotable(text: string): string | null {
  const t = text.trim().replace(/\s+/g, " ");
  if (!t || t.length > 160 || !/^[\p{L}\p{N} .,:;'"()\-/%]+$/u.test(t) || /[A-Za-z0-9_-]{40,}/.test(t) || /eyJ/.test(t))
    return null;
  return t;
}

/**
 * Marks an ExchangeError whichever copy of this module made it. npm start's fast path loads each
 * route's own server bundle, and the gate (one per process) hands every route the client of the
 * bundle that made it first, so an error can come from another copy of this class than the one a
 * route tests against: `instanceof` looks for the mark, not for this copy's prototype.
 */
const EXCHANGE_ERROR = Symbol.for("keydesk.ExchangeError");

export class ExchangeError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[EXCHANGE_ERROR] === true;
  }
  readonly [EXCHANGE_ERROR] = true;
  readonly kind: ExchangeErrorKind;
  readonly userMessage: string;
  constructor(
    public readonly code: string,
    public readonly status: number | null,
    opts: { retryAfterMs?: number; endpoint?: string; said?: string; dialect?: Dialect } = {},
  ) {
    const known = EXCHANGE_CODES[code] ?? TRANSPORT[code];
    let info = known ?? {
      kind: status && status >= 500 ? "unavailable" : "bad_request",
      message: `The exchange answered with an error (${code}).`,
    };
    if (code === "INVALID_SUBJECT" && opts.dialect)
      info = { kind: "auth", message: OTHER_DIALECT_ACCOUNT[opts.dialect] };
    if (code === "upstream_message" && opts.said) {
      info = {
        kind:
          status === 401 || status === 403
            ? "auth"
            : status === 404
              ? "not_found"
              : status && status >= 500
                ? "unavailable"
                : "bad_request",
        message: `The exchange refused the request: \u201c${opts.said}\u201d (HTTP ${status ?? "?"}).`,
      };
    }
    super(`exchange ${opts.endpoint ?? ""} ${status ?? "-"} ${code}`.replace(/\s+/g, " ").trim());
    this.name = "ExchangeError";
    this.kind = info.kind;
    this.userMessage = info.message;
    this.retryAfterMs =
      opts.retryAfterMs ?? (code === "RATELIMIT" ? 60_000 : info.kind === "ip_blocked" ? 3_600_000 : undefined);
    this.dialect = opts.dialect;
    this.said = code === "upstream_message" ? opts.said : undefined;
  }
  /** The exchange's own sentence, already made quotable (only for upstream_message). */
  readonly said: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** The dialect that answered, when known (messages about old lookups depend on it). */
  readonly dialect: Dialect | undefined;

  get retryable(): boolean {
    return (
      this.kind === "unavailable" ||
      this.kind === "rate_limited" ||
      this.kind === "bad_response" ||
      this.kind === "ip_blocked"
    );
  }
}

/**
 * Maps a non-2xx answer to an ExchangeError: {"error":CODE}; Fast's {"error":"<sentence>"} and
 * {"message":"Forbidden"} (REFERENCE.md §7.1); or anything else by HTTP status.
 */
export function mapUpstreamError(
  status: number,
  bodyText: string,
  endpoint?: string,
  dialect?: Dialect,
): ExchangeError {
  let code: string | null = null;
  let said: string | undefined;
  try {
    const body = JSON.parse(bodyText) as unknown;
    if (body && typeof body === "object") {
      const b = body as { error?: unknown; message?: unknown };
      const text = typeof b.error === "string" ? b.error : typeof b.message === "string" ? b.message : null;
      if (typeof b.error === "string" && /^[A-Z0-9_]{2,64}$/.test(b.error)) code = b.error;
      else if (text !== null) {
        code = SENTENCES.find(([re]) => re.test(text.trim()))?.[1] ?? null;
        if (code === "upstream_forbidden" && status === 401) code = "upstream_unauthorized";
        if (!code) {
          const q = quotable(text);
          if (q) {
            code = "upstream_message";
            said = q;
          }
        }
      }
    }
  } catch {
    code = null;
  }
  if (!code) {
    if (status === 429) code = "RATELIMIT";
    else if (status === 401) code = "INVALID_CREDENTIALS";
    else if (status === 403) code = "upstream_forbidden";
    else if (status === 404) code = "NOT_FOUND";
    else if (status === 503) code = "SERVICE_UNAVAILABLE";
    else if (status === 504) code = "GATEWAY_TIMEOUT";
    else code = "upstream_http_error";
  }
  return new ExchangeError(code, status, { endpoint, said, dialect });
}
