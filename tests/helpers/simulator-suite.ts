// One integration suite's simulator: started before the file's tests with Keydesk's env pointed
// at it, closed (with the DB connection) after them, plus the control calls the suites share.
// Call at the top level of a test file; `env` may be a function for values known only in setup.
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb } from "@/lib/db";

export interface MintedKey {
  key: string;
  jti: string;
  accountId: string;
}

export interface SimulatorSuite {
  readonly sim: RunningSimulator;
  /** A new key at the simulator for `account` (a fresh one when omitted). */
  mint(account?: string, scopes?: string[]): Promise<MintedKey>;
  /** Revokes a key at the simulator, as the exchange's key page does. */
  revoke(jti: string): Promise<void>;
}

export function simulatorSuite(
  opts: Pick<SimulatorOptions, "seed" | "warm"> & {
    env?: Record<string, string> | (() => Record<string, string>);
    /** Runs before the simulator closes (stop queues, gates, servers the file started). */
    teardown?: () => Promise<void> | void;
  },
): SimulatorSuite {
  let sim: RunningSimulator | undefined;
  const running = () => {
    if (!sim) throw new Error("the simulator starts in beforeAll: use the suite inside tests");
    return sim;
  };
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, controlPort: 0, seed: opts.seed, warm: opts.warm });
    const env = typeof opts.env === "function" ? opts.env() : (opts.env ?? {});
    Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, ...env });
    resetEnvCache();
  });
  afterAll(async () => {
    await opts.teardown?.();
    await sim?.close();
    await disconnectDb();
  });
  return {
    get sim() {
      return running();
    },
    async mint(account, scopes = ["READ_ONLY"]) {
      const res = await fetch(`${running().controlUrl}/keys`, {
        method: "POST",
        body: JSON.stringify(account ? { scopes, account } : { scopes }),
      });
      if (!res.ok) throw new Error(`minting a key: ${res.status} ${await res.text()}`);
      return (await res.json()) as MintedKey;
    },
    async revoke(jti) {
      const res = await fetch(`${running().controlUrl}/keys/revoke`, { method: "POST", body: JSON.stringify({ jti }) });
      if (!res.ok) throw new Error(`revoking a key: ${res.status} ${await res.text()}`);
    },
  };
}
