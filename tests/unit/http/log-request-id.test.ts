// Every log line written while a request is served carries its id; redaction still applies.
import { Writable } from "node:stream";
import { buildLogger } from "@/lib/log";
import { currentRequestId, withJob, withRequestId } from "@/lib/request-context";
import { countingFailures } from "@/lib/metrics/hooks";
import { appLogLines, requestLinesWithoutId } from "../../helpers/log-lines";

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

// A turn of the event loop: the context must survive it (the order of turns is fixed, not timed).
const turn = () => new Promise<void>((r) => setImmediate(r));

describe("request id on log lines", () => {
  it("tags lines written inside a request, including after awaits and in work the request started", async () => {
    const { lines, logger } = capture();
    await withRequestId("req-1", async () => {
      logger.info("first");
      await turn();
      logger.warn({ keyRef: "k1" }, "after an await");
      void turn().then(() => logger.info("background revalidation"));
    });
    await turn();
    await turn();
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
          await turn();
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

  it("marks a background job's lines with its queue, never a request's id, even when a request started it", async () => {
    const { lines, logger } = capture();
    const handler = countingFailures("alert-scan", async () => {
      logger.error({ keyRowId: "k1" }, "key decryption failed");
      await turn();
      logger.info("after an await in the job");
    });
    // The worker loop may have been started while serving a request: the job is still no request's.
    await withRequestId("req-started-the-worker", () => handler());
    await withJob("invite-mail", async () => logger.info("mail sent"));
    expect(lines.map((l) => [l.msg, l.job, l.requestId])).toEqual([
      ["key decryption failed", "alert-scan", undefined],
      ["after an await in the job", "alert-scan", undefined],
      ["mail sent", "invite-mail", undefined],
    ]);
  });

  it("the log rule (canary and fault drill alike) counts a request's line without an id, and no job's or start-up's", () => {
    const text = [
      '{"app":"keydesk","phase":"startup","msg":"ready"}',
      '{"app":"keydesk","job":"alert-scan","msg":"key decryption failed"}',
      '{"app":"keydesk","requestId":"r1","msg":"unhandled route error"}',
      '{"app":"keydesk","msg":"lost its id"}',
      '{"app":"other","msg":"not ours"}',
      "plain text",
    ].join("\n");
    expect(requestLinesWithoutId(appLogLines(text)).map((l) => l.msg)).toEqual(["lost its id"]);
  });
});
