"use client";
// The body of the selected tab, each panel its own chunk: the page loads only what the open
// tab needs (the allocation chart, decimal maths and history tables come with their tabs).
// Every panel reads through the budgeted proxy routes.
import dynamic from "next/dynamic";
import type { Tab } from "@/lib/ui/key-tabs";
import { Skeleton } from "@/components/data/states";

const loading = () => <Skeleton rows={4} label="section" />;
const OverviewPanel = dynamic(() => import("./portfolio-panels").then((m) => m.OverviewPanel), { loading });
const BalancesPanel = dynamic(() => import("./portfolio-panels").then((m) => m.BalancesPanel), { loading });
const OrdersPanel = dynamic(() => import("./history-panels").then((m) => m.OrdersPanel), { loading });
const TradesPanel = dynamic(() => import("./history-panels").then((m) => m.TradesPanel), { loading });
const FeesPanel = dynamic(() => import("./fees-panel").then((m) => m.FeesPanel), { loading });
// Rendered only in the browser: a date typed into server-rendered inputs before hydration would be lost.
const ExportPanel = dynamic(() => import("./export-panel").then((m) => m.ExportPanel), { loading, ssr: false });

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
