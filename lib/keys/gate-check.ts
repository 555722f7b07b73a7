// A key's one-off exchange call through the upstream gate: a key check (one balances read that
// confirms the key: a new key's live check, Check again, the share check) or the owner's
// cancel-all, the only write. Budgeted on the IP and the person, and on the key's account once
// the exchange has accepted the key; a key check also takes one of the person's key checks.
// A stored key is opened only inside the call (./credentials.ts); a new key's plaintext is
// never stored. Errors are the gate's and the exchange's, for the caller to word.
import "server-only";
import { cancelAllOpenOrders } from "@/lib/exchange/cancel-all";
import { exchangeClientConfig } from "@/lib/env";
import { egressKey, getGate } from "@/lib/limiter/instance";
import { withKeyCredentials } from "./credentials";

/** A stored key, as much of its row as the gate needs. */
export interface StoredKeyRef {
  id: string;
  accountId: string | null;
  lastSuccessAt: Date | null;
}

/** The key to check: a stored one, or a new key's plaintext (not stored yet, so no account). */
export type KeyUnderCheck = { stored: StoredKeyRef } | { plaintext: string };

/** A key check: resolves when the exchange accepts the key; throws BudgetExceededError or ExchangeError. */
export function checkKeyThroughGate(key: KeyUnderCheck, userId: string): Promise<void>;
/** The owner's cancel of all open orders on a stored key (even a stopped one): the cancelled order ids. */
export function checkKeyThroughGate(
  key: { stored: StoredKeyRef },
  userId: string,
  purpose: "cancel_all",
): Promise<string[]>;
export async function checkKeyThroughGate(
  key: KeyUnderCheck,
  userId: string,
  purpose: "key_check" | "cancel_all" = "key_check",
): Promise<void | string[]> {
  const stored = "stored" in key ? key.stored : null;
  const result = await getGate().call<unknown>({
    purpose,
    keyId: stored?.id ?? null,
    // An account counts only once the exchange has accepted a key for it.
    accountId: stored?.lastSuccessAt ? stored.accountId : null,
    userId,
    egressIp: egressKey(),
    priority: "interactive",
    fn: (exchange) => {
      if (!stored) return exchange().getBalances((key as { plaintext: string }).plaintext);
      if (purpose === "cancel_all")
        return withKeyCredentials(stored.id, (k) => cancelAllOpenOrders(exchangeClientConfig(), k), undefined, {
          allowStopped: true,
        });
      return withKeyCredentials(stored.id, (k) => exchange().getBalances(k));
    },
  });
  if (purpose === "cancel_all") return result as string[];
}
