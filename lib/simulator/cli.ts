// `npm run simulator -- --port 4100 --control-port 4101 --seed demo [--account-limit 200]
//  [--ip-limit 240] [--ip-block-ms 3600000] [--trust-client-ip-header] [--auth-style fast]
//  [--key-file .data/simulator-keypair.json]`
import { startSimulator } from "./index";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string) => (arg(name) === undefined ? undefined : Number(arg(name)));

startSimulator({
  port: num("port") ?? 4100,
  controlPort: num("control-port") ?? 4101,
  seed: arg("seed") ?? "demo",
  accountLimitPerMinute: num("account-limit"),
  ipLimitPerMinute: num("ip-limit"),
  ipBlockMs: num("ip-block-ms"),
  trustClientIpHeader: process.argv.includes("--trust-client-ip-header"),
  authFailureStyle: arg("auth-style") === "fast" ? "fast" : "bitpanda",
  keyFile: arg("key-file"),
}).then((sim) => {
  console.log(`[simulator] exchange API ${sim.url}`);
  console.log(`[simulator] control API ${sim.controlUrl} (loopback only)`);
  console.log(`[simulator] demo accounts: ${Object.keys(sim.demoKeys).join(", ")} (keys: GET ${sim.controlUrl}/demo-keys)`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}).catch((err: unknown) => {
  console.error(`[simulator] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
