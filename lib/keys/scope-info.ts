// What each exchange permission lets someone holding the key do, in plain words (from the
// exchange's own description). Shared by cards, forms and warnings; safe on the client.
import type { Translate } from "@/lib/i18n";
import { KNOWN_SCOPES, type KnownScope } from "@/lib/exchange/scopes";

export interface ScopeInfo {
  scope: string;
  name: string;
  summary: string;
  risk: "low" | "high" | "critical";
  warning?: string;
}

export const SCOPE_INFO: Record<string, ScopeInfo> = {
  READ_ONLY: {
    scope: "READ_ONLY",
    name: "Read",
    summary:
      "Can look at everything in the account: balances, market prices, order and trade history. Cannot change anything.",
    risk: "low",
  },
  TRADE: {
    scope: "TRADE",
    name: "Trade",
    summary: "Can place and cancel orders: anyone holding this key can buy and sell with the account's funds.",
    risk: "high",
    warning:
      "This key can trade. Keydesk never places orders, but anyone who obtained the key could. A Read-only key is enough for Keydesk.",
  },
  WITHDRAW: {
    scope: "WITHDRAW",
    name: "Withdraw",
    summary: "Can deposit and withdraw funds, including sending them to outside wallets.",
    risk: "critical",
    warning:
      "This key can move money out of the account. If it leaked, the funds could be sent away. Keydesk never withdraws; use a Read-only key unless you have a strong reason.",
  },
};

/** The scope's words, in the viewer's language when a translator is given (English otherwise). */
export function scopeInfo(scope: string, t?: Translate): ScopeInfo {
  const base = SCOPE_INFO[scope];
  if (!base)
    return {
      scope,
      name: scope,
      summary: t ? t("scope.unknown") : "A permission Keydesk doesn't know yet; check the exchange's documentation.",
      risk: "high",
    };
  if (!t) return base;
  const k = base.scope as KnownScope;
  return {
    ...base,
    name: t(`scope.${k}.name`),
    summary: t(`scope.${k}.summary`),
    ...(base.warning ? { warning: t(`scope.${k}.warning` as "scope.TRADE.warning") } : {}),
  };
}

const SCOPE_ORDER: readonly string[] = KNOWN_SCOPES;

export function sortScopes(scopes: readonly string[]): string[] {
  return [...scopes].sort((a, b) => (SCOPE_ORDER.indexOf(a) + 1 || 99) - (SCOPE_ORDER.indexOf(b) + 1 || 99));
}
