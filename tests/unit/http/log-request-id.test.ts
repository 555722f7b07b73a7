// Every log line written while a request is served carries its id; redaction still applies.
import { Writable } from "node:stream";
import { buildLogger } from "@/lib/log";
import { currentRequestId, withRequestId } from "@/lib/request-context";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const dest = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split("\n").filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: buildLogger(dest) };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("request id on log lines", () => {
  it("tags lines written inside a request, including after awaits and in work the request started", async () => {
    const { lines, logger } = capture();
    await withRequestId("req-1", async () => {
      logger.info("first");
      await tick();
      logger.warn({ keyRef: "k1" }, "after an await");
      void tick().then(() => logger.info("background revalidation"));
    });
    await tick();
    await tick();
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ["first", "req-1"],
      ["after an await", "req-1"],
      ["background revalidation", "req-1"],
    ]);
  });

  it("keeps concurrent requests apart", async () => {
    const { lines, logger } = capture();
    await Promise.all(
      ["a", "b", "c"].map((id) =>
        withRequestId(id, async () => {
          await tick();
          logger.info({ who: id }, "line");
        }),
      ),
    );
    for (const l of lines) expect(l.requestId).toBe(l.who);
    expect(lines).toHaveLength(3);
  });

  it("writes no id outside a request and never lets a caller's secret fields through", () => {
    const { lines, logger } = capture();
    expect(currentRequestId()).toBeUndefined();
    logger.info({ headers: { authorization: "Bearer eyJhbGciOi.secret.part" }, apiKey: "plain" }, "start-up");
    expect(lines[0]!.requestId).toBeUndefined();
    expect(JSON.stringify(lines[0])).not.toMatch(/secret\.part|plain/);
  });
});
