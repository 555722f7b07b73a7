// One Keydesk instance for bench:live: the app's own route handlers (GET /api/live and
// GET /api/keys/:id/portfolio, exactly as Next runs them) behind a plain HTTP server, so two of
// them fit on this machine beside the simulator and 1,000 clients. GET /__bench reports what the
// benchmark reads (leader, health, memory after a GC, open streams, upgrades).
import http from "node:http";
import { Readable } from "node:stream";

async function main() {
  const port = Number(process.argv[2]);
  const { GET: api } = await import("@/app/api/[...path]/route");
  const { getMarketStream } = await import("@/lib/market/instance");
  const { getLiveHub } = await import("@/lib/live/route");
  const { metrics } = await import("@/lib/metrics/registry");
  const stream = getMarketStream();
  /** This instance's exchange calls by endpoint (the gate counts every one). */
  const exchangeCalls = async () => {
    const out: Record<string, number> = {};
    for (const v of (await metrics().exchangeCalls.get()).values) {
      const e = String(v.labels.endpoint);
      out[e] = (out[e] ?? 0) + v.value;
    }
    return out;
  };
  let requests = 0;
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
      if (url.pathname === "/__bench") {
        (globalThis as { gc?: () => void }).gc?.();
        const calls = await exchangeCalls();
        const m = process.memoryUsage();
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            leader: Boolean(stream?.isLeader),
            healthy: Boolean(stream?.healthy()),
            heapUsed: m.heapUsed,
            external: m.external,
            rss: m.rss,
            streams: getLiveHub().size,
            pushes: getLiveHub().pushes,
            upgrades: stream?.totalUpgrades() ?? 0,
            refusals: stream?.refusals ?? 0,
            requests,
            calls,
            cpu: process.cpuUsage(),
          }),
        );
        return;
      }
      requests++;
      const controller = new AbortController();
      req.on("close", () => controller.abort());
      const request = new Request(url, { headers: req.headers as Record<string, string>, signal: controller.signal });
      const m = /^\/api\/keys\/([^/]+)\/portfolio$/.exec(url.pathname);
      const answer =
        url.pathname === "/api/live" || m ? await api(request) : new Response("not found", { status: 404 });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      if (!answer.body) return res.end();
      Readable.fromWeb(answer.body as import("node:stream/web").ReadableStream).pipe(res);
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  server.maxConnections = 5_000;
  server.listen(port, "127.0.0.1", () => process.stdout.write(`ready ${port}\n`));
}

void main();
