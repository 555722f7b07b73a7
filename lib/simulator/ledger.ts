// Accounts and their ledger. Invariant (checked by a property test): for every currency,
// available + locked == deposits - withdrawals + received - spent - fees.
import Decimal from "decimal.js";
import type { Dialect } from "./dialect";

export type Side = "BUY" | "SELL";
export type OrderType = "LIMIT" | "MARKET" | "STOP";
export type OrderStatus =
  | "OPEN"
  | "STOP_TRIGGERED"
  | "FILLED"
  | "FILLED_FULLY"
  | "FILLED_CLOSED"
  | "FILLED_REJECTED"
  | "REJECTED"
  | "CLOSED"
  | "FAILED";
export const ACTIVE_STATUSES: ReadonlySet<OrderStatus> = new Set(["OPEN", "FILLED", "STOP_TRIGGERED"]);

export interface SimOrder {
  order_id: string;
  client_id?: string;
  account_id: string;
  instrument_code: string;
  time: number;
  time_last_updated: number;
  side: Side;
  type: OrderType;
  amount: Decimal;
  filled_amount: Decimal;
  price?: Decimal;
  trigger_price?: Decimal;
  average_price?: Decimal;
  time_in_force: string;
  expire_after?: number;
  time_triggered?: number;
  is_post_only: boolean;
  status: OrderStatus;
  reason?: string;
  sequence: number;
  /** What is still locked for this order (quote for BUY, base for SELL). */
  locked: Decimal;
  lockedCurrency: string;
  tradeIds: string[];
}

export interface SimTrade {
  trade_id: string;
  order_id: string;
  account_id: string;
  amount: Decimal;
  side: Side;
  instrument_code: string;
  price: Decimal;
  time: number;
  sequence: number;
  fee: {
    fee_amount: Decimal;
    fee_currency: string;
    fee_percentage: string;
    fee_type: "MAKER" | "TAKER";
    running_trading_volume: Decimal;
  };
}

export interface SimTransaction {
  transaction_id: string;
  account_id: string;
  amount: Decimal;
  type: "CRYPTO" | "FIAT";
  funds_source: "INTERNAL" | "EXTERNAL";
  time: number;
  currency: string;
  fee_amount: Decimal;
  fee_currency: string;
  blockchain_transaction_id?: string;
}

export interface Balance {
  available: Decimal;
  locked: Decimal;
  change: Decimal;
  sequence: number;
  time: number;
}

export class Account {
  readonly balances = new Map<string, Balance>();
  orders: SimOrder[] = []; // ascending by time
  readonly ordersById = new Map<string, SimOrder>();
  trades: SimTrade[] = []; // ascending by time
  readonly tradesById = new Map<string, SimTrade>();
  deposits: SimTransaction[] = [];
  withdrawals: SimTransaction[] = [];
  volume = new Decimal(0);
  /** Net external flow per currency (deposits - withdrawals), for the invariant. */
  readonly external = new Map<string, Decimal>();
  sequence = 1;
  historyLoaded = true;

  /** The main account when this is a subaccount (One Trading manages keys per (sub)account). */
  parentId?: string;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly dialect: Dialect = "bitpanda",
  ) {}

  balance(currency: string): Balance {
    let b = this.balances.get(currency);
    if (!b) {
      b = { available: new Decimal(0), locked: new Decimal(0), change: new Decimal(0), sequence: 0, time: 0 };
      this.balances.set(currency, b);
    }
    return b;
  }

  private touch(b: Balance, change: Decimal, time: number) {
    b.change = change;
    b.sequence = this.sequence++;
    b.time = time;
  }

  credit(currency: string, amount: Decimal, time: number) {
    const b = this.balance(currency);
    b.available = b.available.add(amount);
    this.touch(b, amount, time);
  }

  deposit(tx: SimTransaction) {
    this.deposits.push(tx);
    this.external.set(tx.currency, (this.external.get(tx.currency) ?? new Decimal(0)).add(tx.amount));
    this.credit(tx.currency, tx.amount, tx.time);
  }

  /** Moves available → locked; false when funds are short. */
  lock(currency: string, amount: Decimal, time: number): boolean {
    const b = this.balance(currency);
    if (b.available.lt(amount)) return false;
    b.available = b.available.sub(amount);
    b.locked = b.locked.add(amount);
    this.touch(b, amount.neg(), time);
    return true;
  }

  unlock(currency: string, amount: Decimal, time: number) {
    const b = this.balance(currency);
    b.locked = b.locked.sub(amount);
    b.available = b.available.add(amount);
    this.touch(b, amount, time);
  }

  /** Spends from locked funds (a fill of a resting order). */
  spendLocked(currency: string, amount: Decimal, time: number) {
    const b = this.balance(currency);
    b.locked = b.locked.sub(amount);
    this.touch(b, amount.neg(), time);
  }

  addOrder(o: SimOrder) {
    this.orders.push(o);
    this.ordersById.set(o.order_id, o);
  }

  addTrade(t: SimTrade) {
    this.trades.push(t);
    this.tradesById.set(t.trade_id, t);
  }

  openOrderCount(): number {
    let n = 0;
    for (let i = this.orders.length - 1; i >= 0 && n <= 200; i--) if (ACTIVE_STATUSES.has(this.orders[i]!.status)) n++;
    return n;
  }
}
