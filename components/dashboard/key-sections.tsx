"use client";
import { OverviewPanel, BalancesPanel } from "./portfolio-panels";
import { OrdersPanel, TradesPanel } from "./history-panels";
import { FeesPanel } from "./fees-panel";
import { ExportPanel } from "./export-panel";
import type { Tab } from "@/lib/ui/key-tabs";

/** The body of the selected tab; every panel reads through the budgeted proxy routes. */
export function KeySection({ keyId, tab }: { keyId: string; tab: Tab }) {
  switch (tab) {
    case "overview": return <OverviewPanel keyId={keyId} />;
    case "balances": return <BalancesPanel keyId={keyId} />;
    case "orders": return <OrdersPanel keyId={keyId} />;
    case "trades": return <TradesPanel keyId={keyId} />;
    case "fees": return <FeesPanel keyId={keyId} />;
    case "export": return <ExportPanel keyId={keyId} />;
  }
}
