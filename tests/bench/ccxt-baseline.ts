// Baseline: one process with a CCXT-style per-process throttle (one request per 300 ms,
// no shared budget, no cache), replaying the viewers' workload straight at the exchange.
// Usage: tsx tests/bench/ccxt-baseline.ts <apiUrl> <durationMs> <keysJsonFile>
import { readFileSync } from "node:fs";
import { createClient } from "./http-client";

async function main() {
  const [url, durationMs, keysFile] = process.argv.slice(2) as [string, string, string];
  const keys = JSON.parse(readFileSync(keysFile, "utf8")) as string[];
  const get = createClient(4);
  const end = Date.now() + Number(durationMs);
  let sent = 0;
  let limited = 0;
  for (let i = 0; Date.now() < end; i++) {
    const tick = Date.now();
    const r = await get(`${url}/account/balances`, { authorization: `Bearer ${keys[i % keys.length]}` });
    sent++;
    if (r.status === 429) limited++;
    await new Promise((res) => setTimeout(res, Math.max(0, 300 - (Date.now() - tick))));
  }
  process.stdout.write(JSON.stringify({ sent, limited }));
}

void main();
