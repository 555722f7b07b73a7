// Which keys count in a reader's totals. Pure, so the portfolio home, the keys list and the tests
// decide it the same way:
// - a key that can't be read (stopped, revoked at the exchange, refused for its IP, invalid) adds
//   nothing: it is listed apart with its last value (when the reader may see it) and the reason;
// - a key whose amounts are hidden from the reader adds nothing (percentages only);
// - keys of one exchange account (the key's `sub` claim, ApiKey.accountId) count once: the one
//   with the freshest value the reader may see with amounts; the others say which key counts.

/** Why a key adds nothing to the headline though the reader may see its amounts. */
export type ExcludedReason = "stopped" | "revoked" | "ip_blocked" | "invalid";

const EXCLUDED: ReadonlySet<string> = new Set<ExcludedReason>(["stopped", "revoked", "ip_blocked", "invalid"]);

export function excludedReasonOf(status: string): ExcludedReason | null {
  return EXCLUDED.has(status) ? (status as ExcludedReason) : null;
}

export interface CountInput {
  id: string;
  accountId: string;
  status: string;
  hideAmounts: boolean;
  /** The key's newest stored value; null when none yet. */
  value: { at: Date; totalEur: string } | null;
}

export type CountDecision =
  | { kind: "counted" }
  /** Another key of the same account counts (its value is fresher). */
  | { kind: "same_account"; countedId: string }
  | { kind: "excluded"; reason: ExcludedReason }
  | { kind: "hidden" }
  | { kind: "no_value" };

/** Each key's decision, by id. Ties on freshness go to the first key listed (the newest added). */
export function decideCounting(keys: readonly CountInput[]): Map<string, CountDecision> {
  const out = new Map<string, CountDecision>();
  const best = new Map<string, CountInput>();
  for (const k of keys) {
    const reason = excludedReasonOf(k.status);
    if (reason) out.set(k.id, { kind: "excluded", reason });
    else if (k.hideAmounts) out.set(k.id, { kind: "hidden" });
    else if (!k.value) out.set(k.id, { kind: "no_value" });
    else {
      const b = best.get(k.accountId);
      if (!b || k.value.at.getTime() > b.value!.at.getTime()) best.set(k.accountId, k);
    }
  }
  for (const k of keys) {
    if (out.has(k.id)) continue;
    const counted = best.get(k.accountId)!;
    out.set(k.id, counted.id === k.id ? { kind: "counted" } : { kind: "same_account", countedId: counted.id });
  }
  return out;
}

/** Groups of two or more visible keys on one exchange account (by account id), in the keys' order. */
export function sharedAccountGroups<T extends { id: string; accountId: string }>(keys: readonly T[]): T[][] {
  const by = new Map<string, T[]>();
  for (const k of keys) by.set(k.accountId, [...(by.get(k.accountId) ?? []), k]);
  return [...by.values()].filter((g) => g.length > 1);
}
