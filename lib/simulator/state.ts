// The simulator's world: accounts (demo ones seeded from the seed), the key authority,
// limits, faults and the clock. Demo history is generated on an account's first use.
import Decimal from "decimal.js";
import { Account } from "./ledger";
import { KeyAuthority, type Scope } from "./keys";
import { Limits, type LimitOptions } from "./limits";
import { Faults } from "./faults";
import { generateHistory } from "./history";
import { seededUuid } from "./rng";
import { settle } from "./engine";

export interface DemoKey { name: string; key: string; jti: string; accountId: string; scopes: Scope[]; ips: string[] }

export const DEMO_ACCOUNTS: { name: string; orders: number; scopes: Scope[]; ips?: string[] }[] = [
  { name: "demo-small", orders: 40, scopes: ["READ_ONLY"] },
  { name: "demo-busy", orders: 50_000, scopes: ["READ_ONLY"] },
  { name: "demo-read", orders: 300, scopes: ["READ_ONLY"] },
  { name: "demo-trade", orders: 300, scopes: ["READ_ONLY", "TRADE"] },
  { name: "demo-all", orders: 300, scopes: ["READ_ONLY", "TRADE", "WITHDRAW"] },
  { name: "demo-iprestricted", orders: 100, scopes: ["READ_ONLY"], ips: ["203.0.113.10", "2001:db8::10"] },
];

export class SimState {
  readonly accounts = new Map<string, Account>();
  private readonly pendingHistory = new Map<string, number>();
  readonly demoKeys: Record<string, DemoKey> = {};
  readonly faults = new Faults();
  readonly limits: Limits;

  private constructor(readonly seed: string, readonly authority: KeyAuthority, limitOpts: LimitOptions, readonly now: () => number) {
    this.limits = new Limits(limitOpts);
  }

  static async create(seed: string, limitOpts: LimitOptions, now: () => number, keyFile?: string): Promise<SimState> {
    const state = new SimState(seed, await KeyAuthority.create(keyFile), limitOpts, now);
    for (const demo of DEMO_ACCOUNTS) {
      const acct = state.ensureAccount(demo.name, demo.orders);
      const minted = await state.authority.mint({ accountId: acct.id, scopes: demo.scopes, ips: demo.ips, issuedAt: new Date(now() - 30 * 86_400_000), jti: seededUuid(`${seed}:jti:${demo.name}`) });
      state.demoKeys[demo.name] = { name: demo.name, key: minted.key, jti: minted.jti, accountId: acct.id, scopes: demo.scopes, ips: demo.ips ?? [] };
    }
    return state;
  }

  static accountIdFor(seed: string, nameOrId: string): string {
    return /^[0-9a-f-]{36}$/i.test(nameOrId) ? nameOrId.toLowerCase() : seededUuid(`${seed}:account:${nameOrId}`);
  }

  /** Creates an account (with history generated lazily) if it does not exist yet. */
  ensureAccount(nameOrId: string, historyOrders = 20): Account {
    const id = SimState.accountIdFor(this.seed, nameOrId);
    let acct = this.accounts.get(id);
    if (!acct) {
      acct = new Account(id, nameOrId);
      acct.historyLoaded = false;
      this.pendingHistory.set(id, historyOrders);
      this.accounts.set(id, acct);
    }
    return acct;
  }

  /** The account, with its history loaded and resting orders settled to now. */
  account(id: string): Account | undefined {
    const acct = this.accounts.get(id);
    if (!acct) return undefined;
    if (!acct.historyLoaded) {
      acct.historyLoaded = true;
      generateHistory(this.seed, acct, this.pendingHistory.get(id) ?? 0, this.now());
    }
    settle(this.seed, acct, this.now());
    return acct;
  }

  credit(accountId: string, currency: string, amount: string) {
    const acct = this.account(accountId);
    if (!acct) throw new Error("unknown account");
    acct.deposit({
      transaction_id: seededUuid(`${accountId}:credit:${acct.deposits.length}:${this.now()}`), account_id: acct.id, amount: new Decimal(amount),
      type: currency === "EUR" ? "FIAT" : "CRYPTO", funds_source: "EXTERNAL", time: this.now(), currency, fee_amount: new Decimal(0), fee_currency: currency,
    });
  }
}
