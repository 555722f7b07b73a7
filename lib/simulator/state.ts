// The simulator's world: accounts (demo ones seeded from the seed), the key authority,
// limits, faults and the clock. Demo history is generated on an account's first use.
import Decimal from "decimal.js";
import { Account } from "./ledger";
import { KeyAuthority, type Scope } from "./keys";
import { Limits, type LimitOptions } from "./limits";
import { Faults } from "./faults";
import { generateHistory, HISTORY_INSTRUMENTS } from "./history";
import type { Dialect } from "./dialect";
import { seededUuid } from "./rng";
import { settle } from "./engine";
import { LiveMarket } from "./live-market";

export interface DemoKey {
  name: string;
  key: string;
  jti: string;
  accountId: string;
  scopes: Scope[];
  ips: string[];
}

export interface DemoAccount {
  name: string;
  orders: number;
  scopes: Scope[];
  ips?: string[];
  fastOnly?: boolean;
  instruments?: string[];
  subaccountOf?: string;
  /** What the account was funded with before its history (its portfolio's shape). */
  deposits: Record<string, string>;
}

// Each demo account a distinct, plausible portfolio (at the base prices): a small saver in the
// low thousands of euros, a busy trader with six figures spread over every market, a long-term
// holder, a Trade key's account, an all-permissions key's, a small IP-restricted one.
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    name: "demo-small",
    orders: 40,
    scopes: ["READ_ONLY"],
    instruments: ["BTC_EUR", "ETH_EUR"],
    deposits: { EUR: "900", BTC: "0.025", ETH: "0.35" },
  },
  {
    name: "demo-busy",
    orders: 50_000,
    scopes: ["READ_ONLY"],
    deposits: { EUR: "60000", USDT: "15000", BTC: "1.6", ETH: "22", XRP: "45000", BEST: "150000" },
  },
  {
    name: "demo-read",
    orders: 300,
    scopes: ["READ_ONLY"],
    instruments: ["BTC_EUR", "ETH_EUR", "ETH_BTC"],
    deposits: { EUR: "4000", BTC: "0.9", ETH: "7.5" },
  },
  {
    name: "demo-trade",
    orders: 300,
    scopes: ["READ_ONLY", "TRADE"],
    deposits: { EUR: "18000", BTC: "0.35", ETH: "5", XRP: "12000" },
  },
  {
    name: "demo-all",
    orders: 300,
    scopes: ["READ_ONLY", "TRADE", "WITHDRAW"],
    deposits: { EUR: "9000", USDT: "3000", BTC: "0.2", BEST: "40000" },
  },
  {
    name: "demo-iprestricted",
    orders: 100,
    scopes: ["READ_ONLY"],
    ips: ["203.0.113.10", "2001:db8::10"],
    instruments: ["ETH_EUR", "XRP_EUR"],
    deposits: { EUR: "2500", ETH: "1.2", XRP: "3000" },
  },
  // One Trading Fast only: spot and perpetual (BTC_EUR_P, ETH_EUR_P) history, so the account
  // holds futures balances next to its spot ones. A subaccount of demo-trade: Fast's fees
  // combine the two accounts' volumes.
  {
    name: "demo-futures",
    orders: 300,
    scopes: ["READ_ONLY", "TRADE"],
    fastOnly: true,
    instruments: [...HISTORY_INSTRUMENTS, "BTC_EUR_P", "ETH_EUR_P", "BTC_EUR_P"],
    subaccountOf: "demo-trade",
    deposits: { EUR: "20000", BTC: "0.1" },
  },
];

export class SimState {
  readonly accounts = new Map<string, Account>();
  private readonly pendingHistory = new Map<
    string,
    { orders: number; instruments?: string[]; deposits?: Record<string, string> }
  >();
  readonly demoKeys: Record<string, DemoKey> = {};
  readonly faults = new Faults();
  readonly limits: Limits;
  /** The market every price comes from (REST, fills, candles, WebSocket). */
  readonly market: LiveMarket;
  private readonly accountListeners = new Set<(accountId: string) => void>();

  private constructor(
    readonly seed: string,
    readonly authority: KeyAuthority,
    limitOpts: LimitOptions,
    readonly now: () => number,
    readonly dialect: Dialect,
    tickMs?: number,
  ) {
    this.limits = new Limits(limitOpts);
    this.market = new LiveMarket(seed, now, tickMs);
  }

  /** Tells listeners (the WebSocket's private channels) that an account may have changed. */
  touched(accountId: string) {
    for (const l of this.accountListeners) l(accountId);
  }

  onAccountTouched(listener: (accountId: string) => void): () => void {
    this.accountListeners.add(listener);
    return () => this.accountListeners.delete(listener);
  }

  /** `dialect` is the platform the demo accounts (and keys minted without one) belong to. */
  static async create(
    seed: string,
    limitOpts: LimitOptions,
    now: () => number,
    keyFile?: string,
    dialect: Dialect = "bitpanda",
    tickMs?: number,
  ): Promise<SimState> {
    const state = new SimState(seed, await KeyAuthority.create(keyFile), limitOpts, now, dialect, tickMs);
    for (const demo of DEMO_ACCOUNTS) {
      if (demo.fastOnly && dialect !== "fast") continue;
      const acct = state.ensureAccount(demo.name, demo.orders, dialect, demo.instruments, demo.deposits);
      if (demo.subaccountOf) acct.parentId = SimState.accountIdFor(seed, demo.subaccountOf);
      const minted = await state.authority.mint({
        accountId: acct.id,
        scopes: demo.scopes,
        ips: demo.ips,
        issuedAt: new Date(now() - 30 * 86_400_000),
        jti: seededUuid(`${seed}:jti:${demo.name}`),
      });
      state.demoKeys[demo.name] = {
        name: demo.name,
        key: minted.key,
        jti: minted.jti,
        accountId: acct.id,
        scopes: demo.scopes,
        ips: demo.ips ?? [],
      };
    }
    return state;
  }

  static accountIdFor(seed: string, nameOrId: string): string {
    return /^[0-9a-f-]{36}$/i.test(nameOrId) ? nameOrId.toLowerCase() : seededUuid(`${seed}:account:${nameOrId}`);
  }

  /** Creates an account (with history generated lazily) if it does not exist yet. */
  ensureAccount(
    nameOrId: string,
    historyOrders = 20,
    dialect: Dialect = this.dialect,
    instruments?: string[],
    deposits?: Record<string, string>,
  ): Account {
    const id = SimState.accountIdFor(this.seed, nameOrId);
    let acct = this.accounts.get(id);
    if (!acct) {
      acct = new Account(id, nameOrId, dialect);
      acct.historyLoaded = false;
      this.pendingHistory.set(id, { orders: historyOrders, instruments, deposits });
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
      const pending = this.pendingHistory.get(id);
      generateHistory(this.seed, acct, pending?.orders ?? 0, this.now(), "1", pending?.instruments, pending?.deposits);
    }
    settle(this.market, acct, this.now());
    return acct;
  }

  /** The account, its main account and all their subaccounts (history loaded), for Fast's combined fees. */
  family(acct: Account): Account[] {
    const root = acct.parentId ?? acct.id;
    return [...this.accounts.values()].filter((a) => (a.parentId ?? a.id) === root).map((a) => this.account(a.id)!);
  }

  credit(accountId: string, currency: string, amount: string) {
    const acct = this.account(accountId);
    if (!acct) throw new Error("unknown account");
    acct.deposit({
      transaction_id: seededUuid(`${accountId}:credit:${acct.deposits.length}:${this.now()}`),
      account_id: acct.id,
      amount: new Decimal(amount),
      type: currency === "EUR" ? "FIAT" : "CRYPTO",
      funds_source: "EXTERNAL",
      time: this.now(),
      currency,
      fee_amount: new Decimal(0),
      fee_currency: currency,
    });
    this.touched(acct.id);
  }
}
