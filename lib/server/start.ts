// `npm start`: the production server. Next.js serves the pages, server actions, Auth.js and
// every other route; the JSON data reads go through lib/server/fast-routes (the same handlers,
// without Next's router in front). Run after `npm run build`, like `next start`.
//   npm start [-- --port 3000] [--hostname 0.0.0.0]   (or PORT)
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { readRawEnv, runAsProduction } from "@/lib/env";
import { builtRouteLoader, createFastPath, serveFast } from "./fast-routes";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main() {
  runAsProduction();
  const port = Number(arg("port") ?? readRawEnv().PORT ?? 3000);
  const hostname = arg("hostname");
  const root = path.resolve(__dirname, "..", "..");
  const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port, customServer: true });
  const handle = app.getRequestHandler();
  await app.prepare();
  // The data reads' handlers, from the build Next itself runs (loaded once Next has set up its
  // server environment, which the built modules expect).
  const fast = await createFastPath(builtRouteLoader(path.join(root, ".next")));

  const server = createServer((req, res) => {
    const match = fast.match(req.method, req.url);
    // serveFast answers every failure of the handler and the adapter itself; this guards only
    // writing the answer (the connection gone, a header Node refuses), so no request can
    // become an unhandled rejection that stops the process.
    if (match) serveFast(req, res, match, { production: true }).catch(() => res.destroy());
    else void handle(req, res);
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
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
