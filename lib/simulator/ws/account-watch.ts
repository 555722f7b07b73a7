// What changed in an account since the last look, for the private channels (Fast TRADING,
// Bitpanda Pro ACCOUNT_HISTORY): new orders, new trades, orders that closed. It compares the
// ledger with what it saw before, so every road that changes an account (REST orders, fills of
// resting orders when the market crosses them, deposits) reaches the socket the same way.
import { ACTIVE_STATUSES, type Account, type OrderStatus, type SimOrder, type SimTrade } from "../ledger";

export type AccountChange =
  | { kind: "created"; order: SimOrder }
  | { kind: "trade"; order: SimOrder; trade: SimTrade }
  | { kind: "closed"; order: SimOrder }
  | { kind: "balances" };

interface Seen {
  status: OrderStatus;
  trades: number;
}

export class AccountWatch {
  private readonly seen = new Map<string, Seen>();
  private orderCount: number;
  private balanceStamp: string;

  constructor(private readonly acct: Account) {
    this.orderCount = acct.orders.length;
    for (const o of acct.orders) if (ACTIVE_STATUSES.has(o.status)) this.remember(o);
    this.balanceStamp = this.stamp();
  }

  private remember(o: SimOrder) {
    this.seen.set(o.order_id, { status: o.status, trades: o.tradeIds.length });
  }

  private stamp(): string {
    let s = "";
    for (const [c, b] of this.acct.balances) s += `${c}:${b.sequence};`;
    return s;
  }

  /** The changes since the last call, in the order they happened. */
  changes(): AccountChange[] {
    const out: AccountChange[] = [];
    const step = (o: SimOrder, before: Seen | undefined) => {
      if (!before) out.push({ kind: "created", order: o });
      for (let i = before?.trades ?? 0; i < o.tradeIds.length; i++) {
        const trade = this.acct.tradesById.get(o.tradeIds[i]!);
        if (trade) out.push({ kind: "trade", order: o, trade });
      }
      if (!ACTIVE_STATUSES.has(o.status) && o.filled_amount.lt(o.amount)) out.push({ kind: "closed", order: o });
      if (ACTIVE_STATUSES.has(o.status)) this.remember(o);
      else this.seen.delete(o.order_id);
    };
    for (const [id, before] of [...this.seen]) {
      const o = this.acct.ordersById.get(id);
      if (o && (o.status !== before.status || o.tradeIds.length !== before.trades)) step(o, before);
    }
    for (let i = this.orderCount; i < this.acct.orders.length; i++) step(this.acct.orders[i]!, undefined);
    this.orderCount = this.acct.orders.length;
    const stamp = this.stamp();
    if (stamp !== this.balanceStamp && !out.length) out.push({ kind: "balances" });
    this.balanceStamp = stamp;
    return out;
  }
}
