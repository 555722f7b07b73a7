// `npm run simulator -- --port 4100 --control-port 4101 --ws-port 4102 --seed demo [--account-limit 200]
//  [--tick-ms 10000] [--heartbeat-ms 5000]
//  [--ip-limit 240] [--ip-block-ms 3600000] [--trust-client-ip-header] [--auth-style fast]
//  [--key-file .data/simulator-keypair.json] [--dialect bitpanda|fast] [--host 127.0.0.1]`
// --dialect fast serves One Trading Fast's demo accounts under /fast/v1 (default: Bitpanda Pro, /public/v1).
import { startSimulator } from "@/lib/simulator";
import { parseDialect } from "@/lib/simulator/dialect";
import { runProgram } from "./program";

runProgram({ name: "simulator" }, async ({ arg, flag, log, settings }) => {
  const num = (name: string) => (arg(name) === undefined ? undefined : Number(arg(name)));
  const dialect = parseDialect(arg("dialect") ?? "bitpanda");
  if (!dialect) throw new Error(`--dialect must be "bitpanda" or "fast", not "${arg("dialect")}"`);
  const sim = await startSimulator({
    dialect,
    // --host 0.0.0.0: reachable from other containers (npm run check:container); the control API stays on loopback.
    host: arg("host"),
    port: num("port") ?? 4100,
    controlPort: num("control-port") ?? 4101,
    // SIMULATOR_WS_PORT (default 4102) is also where a loopback Keydesk looks for the stream.
    wsPort: num("ws-port") ?? settings.SIMULATOR_WS_PORT,
    tickMs: num("tick-ms"),
    heartbeatMs: num("heartbeat-ms"),
    seed: arg("seed") ?? "demo",
    accountLimitPerMinute: num("account-limit"),
    ipLimitPerMinute: num("ip-limit"),
    ipBlockMs: num("ip-block-ms"),
    trustClientIpHeader: flag("trust-client-ip-header"),
    authFailureStyle:
      arg("auth-style") === "fast"
        ? "fast"
        : arg("auth-style") === "bitpanda"
          ? "bitpanda"
          : arg("auth-style") === "gateway"
            ? "gateway"
            : undefined,
    keyFile: arg("key-file"),
    // Every demo account answers its first request at once (the busy one's history takes seconds).
    warm: "all",
  });
  log(
    `exchange API ${sim.url} (${sim.dialect === "fast" ? "One Trading Fast" : "Bitpanda Pro"}; the other dialect answers at ${sim.urls[sim.dialect === "fast" ? "bitpanda" : "fast"]})`,
  );
  log(`WebSocket ${sim.wsUrl} (the other dialect: ${sim.wsUrls[sim.dialect === "fast" ? "bitpanda" : "fast"]})`);
  log(`control API ${sim.controlUrl} (loopback only)`);
  log(`demo accounts: ${Object.keys(sim.demoKeys).join(", ")} (keys: GET ${sim.controlUrl}/demo-keys)`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
});
