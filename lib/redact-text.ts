// Exchange keys are JWTs ("eyJ…"): anything that looks like one is cut out of every line
// Keydesk writes (its pino logger), or passes on (the dev server's and the production server's
// console output), so a key pasted into a URL (/keys/eyJ…, ?key=eyJ…) never reaches a log.
// No server-only: bin/dev.ts runs outside Next's module conditions.
import { Transform, type TransformCallback } from "node:stream";

/** A JWT or a long run of one: "eyJ" and base64url, with up to two more parts after (encoded) dots. */
const KEY_LIKE = /eyJ[A-Za-z0-9_-]{6,}(?:(?:\.|%(?:25)?2[eE])[A-Za-z0-9_-]*){0,2}/g;

export const REDACTED_KEY = "eyJ…[redacted]";

export function redactKeyLike(text: string): string {
  return text.replace(KEY_LIKE, REDACTED_KEY);
}

/** A stream of text in which each whole line is redacted (a token split across chunks still is). */
export function redactingLines(): Transform {
  let pending = "";
  return new Transform({
    transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback) {
      pending += chunk.toString();
      const cut = pending.lastIndexOf("\n");
      // A very long line without an end yet goes out redacted as it is (no unbounded buffer).
      if (cut < 0 && pending.length < 64 * 1024) return done();
      const out = cut < 0 ? pending : pending.slice(0, cut + 1);
      pending = cut < 0 ? "" : pending.slice(cut + 1);
      done(null, redactKeyLike(out));
    },
    flush(done: TransformCallback) {
      done(null, pending ? redactKeyLike(pending) : undefined);
    },
  });
}

/**
 * This process's own stdout and stderr, redacted (the production server: Next's console output
 * and anything else that writes there). Each write is redacted on its own: Node's console
 * writes whole lines.
 */
export function redactProcessOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(
        typeof chunk === "string" || Buffer.isBuffer(chunk) ? redactKeyLike(chunk.toString()) : chunk,
        ...rest,
      )) as typeof stream.write;
  }
}
