// `npm start`: the production server. Next.js serves the pages, server actions, Auth.js and
// anything odd; well-formed GETs of the API table's routes go straight to the API router
// (lib/http/api.ts, served by @hono/node-server: the same router Next's catch-all runs, without
// Next's per-request machinery in front). Run after `npm run build`, like `next start`.
//   npm start [-- --port 3000] [--hostname 0.0.0.0]   (or PORT)
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { getEnv, runAsProduction } from "@/lib/env";
import { enablePeerHeader, stampPeer } from "@/lib/http/peer-address";
import { directListener, openDirectApi } from "@/lib/http/direct-api";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { observeRequest, routeMatcher, type RoutesManifest } from "@/lib/metrics/http";
import { runProgram } from "./program";
import { redactProcessOutput } from "@/lib/redact-text";

runProgram({ name: "keydesk" }, async ({ root, arg, log }) => {
  // Whatever Next or a library prints: nothing shaped like an exchange key reaches the log.
  redactProcessOutput();
  runAsProduction();
  // Refuse to start on bad settings (e.g. an http exchange) before anything is served.
  const env = getEnv();
  const rp = relyingParty(env);
  if (!rp.ok) log(rp.problem);
  enablePeerHeader();
  const port = Number(arg("port") ?? env.PORT);
  const hostname = arg("hostname");
  const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port, customServer: true });
  const handle = app.getRequestHandler();
  const handedOver = openDirectApi();
  await app.prepare();
  // The API router Next's build compiled (handed over by instrumentation.ts while Next starts).
  const api = await handedOver;
  const serve = directListener(api, (req, res) => void handle(req, res));
  // Latency per route pattern for /metrics: the API table's patterns, then the build's own route list.
  const pageOf = routeMatcher(
    JSON.parse(readFileSync(path.join(root, ".next", "routes-manifest.json"), "utf8")) as RoutesManifest,
  );
  const routeOf = (pathname: string) => api.routeOf(pathname) ?? pageOf(pathname);

  const server = createServer((req, res) => {
    // The socket's address reaches every handler (Next's and the API router's) under a header no client can name.
    stampPeer(req);
    observeRequest(req, res, routeOf);
    serve(req, res);
  });
  // Idle keep-alive connections stay open 65 s instead of Node's 5 s: longer than the browser's
  // polling intervals (5–30 s) and the usual 60 s idle timeout of a proxy in front, so the
  // client side closes first. Otherwise a poll every ~5 s races the server's close and now and
  // then meets a reset connection (bench:proxy saw one in 70,000 requests).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Without --hostname, every interface (IPv4 and IPv6), as `next start`.
  server.listen(port, hostname, () => console.log(`▲ Keydesk ready on http://${hostname ?? "localhost"}:${port}`));

  const stop = () => {
    server.close();
    server.closeIdleConnections();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
});
