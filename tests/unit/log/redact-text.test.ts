// Anything shaped like an exchange key is cut from log text: whole JWTs, partial pastes, encoded
// dots, a token split across two writes; ordinary text is left alone.
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pino from "pino";
import { buildLogger } from "@/lib/log";
import { REDACTED_KEY, redactingLines, redactKeyLike } from "@/lib/redact-text";
import { fakeKey } from "../../helpers/fake-keys";

const key = fakeKey().key;

it("redacts keys in paths, query strings, encoded forms and truncated pastes", () => {
  expect(key.startsWith("eyJ")).toBe(true);
  const parts = key.split(".");
  const lines = [
    `GET /keys/${key} 404 in 12ms`,
    `GET /sign-in?key=${key}&x=1 200`,
    `GET /keys/${parts.join("%2E")} 404`,
    `GET /keys/${parts.join("%252E")} 404`,
    `GET /keys/${parts[0]}${parts[1]!.slice(0, 20)} 404`,
  ];
  for (const line of lines) {
    const out = redactKeyLike(line);
    expect(out).toContain(REDACTED_KEY);
    for (const p of parts) expect(out).not.toContain(p.slice(3, 40));
  }
  expect(redactKeyLike(`/keys/${key}?x=1`)).toBe(`/keys/${REDACTED_KEY}?x=1`);
  expect(redactKeyLike("GET /keys/cmx8bvvzt005bhw7dkwkjmbfj 200 in 4ms")).toBe(
    "GET /keys/cmx8bvvzt005bhw7dkwkjmbfj 200 in 4ms",
  );
});

async function throughLines(chunks: string[]): Promise<string> {
  let out = "";
  const sink = new Writable({
    write(c: Buffer, _e, done) {
      out += c.toString();
      done();
    },
  });
  await pipeline(Readable.from(chunks), redactingLines(), sink);
  return out;
}

it("redacts a key split across two chunks of a child's output", async () => {
  const line = `GET /keys/${key} 404\nnext line\n`;
  const cut = line.indexOf(key) + 25;
  const out = await throughLines([line.slice(0, cut), line.slice(cut), "tail without newline"]);
  expect(out).toBe(`GET /keys/${REDACTED_KEY} 404\nnext line\ntail without newline`);
});

it("the logger cuts key-shaped text from any field, whatever its name", () => {
  const lines: string[] = [];
  const log = buildLogger(
    new Writable({
      write(c: Buffer, _e, done) {
        lines.push(c.toString());
        done();
      },
    }) as unknown as pino.DestinationStream,
  );
  log.warn({ url: `/api/keys/${key}/balances`, err: { message: `bad ${key}` } }, `request ${key}`);
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toContain(key.slice(0, 30));
  expect(lines[0]!.match(/eyJ…\[redacted\]/g)).toHaveLength(3);
});
