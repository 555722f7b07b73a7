// The key page's sections, shared by the server page (which validates ?tab=) and the tab strip.
export const TABS = ["overview", "balances", "orders", "trades", "fees", "export"] as const;
export type Tab = (typeof TABS)[number];
