// Fast's GET /account/fees: running volumes and active tiers per fee group (SPOT, FUTURES),
// volumes as JSON numbers, "combined across all subaccounts" (lib/exchange/REFERENCE.md §5.3): the main account's and
// every subaccount's fills count, whichever of them asks.
import Decimal from "decimal.js";
import { ANY_INSTRUMENT_BY_CODE } from "../market";
import type { Account } from "../ledger";
import { fastFeeTiers, FAST_FEE_GROUPS } from "./routes-public";

type Volumes = Record<(typeof FAST_FEE_GROUPS)[number], Decimal>;
// Trades are only ever appended, so a family's volumes change only when its trade count does.
const memo = new WeakMap<Account, { count: number; volumes: Volumes }>();

/** Running volume per group: the quote value of every fill, as the legacy running volume counts it. */
export function runningVolumes(family: readonly Account[]): Volumes {
  const root = family.find((a) => !a.parentId) ?? family[0];
  const count = family.reduce((n, a) => n + a.trades.length + 1, 0);
  const hit = root ? memo.get(root) : undefined;
  if (hit && hit.count === count) return hit.volumes;
  const out = { SPOT: new Decimal(0), FUTURES: new Decimal(0) };
  for (const t of family.flatMap((a) => a.trades)) {
    const perp = ANY_INSTRUMENT_BY_CODE.get(t.instrument_code)?.underlying !== undefined;
    const group = perp ? "FUTURES" : "SPOT";
    out[group] = out[group].add(t.amount.mul(t.price));
  }
  if (root) memo.set(root, { count, volumes: out });
  return out;
}

export function fastAccountFees(acct: Account, family: readonly Account[]) {
  const volumes = runningVolumes(family);
  return {
    account_id: acct.id,
    running_volumes: FAST_FEE_GROUPS.map((g) => ({
      fee_group_id: g,
      volume: Number(volumes[g].toFixed(2)),
      currency: "EUR",
    })),
    active_fee_tiers: FAST_FEE_GROUPS.map((g) => {
      let tier = fastFeeTiers(g)[0]!;
      for (const t of fastFeeTiers(g)) if (volumes[g].gte(t.volume)) tier = t;
      return { fee_group_id: g, volume: Number(tier.volume), maker_fee: tier.maker_fee, taker_fee: tier.taker_fee };
    }),
  };
}
