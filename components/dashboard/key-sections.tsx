"use client";
// The body of the selected tab, each panel its own chunk: the page loads only what the open
// tab needs (the allocation chart, decimal maths and history tables come with their tabs).
// Every panel reads through the budgeted proxy routes, starting from the server's first view
// (`initial`, rendered into the page's HTML) when there is one.
import dynamic from "next/dynamic";
import type { Tab } from "@/lib/format/key-tabs";
import type { Valuation } from "@/lib/reads/valuation";
import type { TradeEntry } from "@/lib/exchange/schemas";
import type { OrderListItem } from "@/lib/reads/order-list";
import type { AccountFees } from "@/lib/exchange/model";
import { Skeleton } from "@/components/data/states";
import type { Initial } from "./use-exchange";
import type { InitialPage } from "./history-data";

type F<T> = { data: T; fetchedAt: string; source: "live" | "cache" | "stale"; staleReason?: string };

/** The server's first view of the open tab's widget; any part may be missing (then the client reads it). */
export interface SectionInitial {
  portfolio?: Initial<Valuation>;
  orders?: InitialPage<OrderListItem>;
  trades?: InitialPage<TradeEntry>;
  fees?: { fees?: Initial<F<AccountFees>>; volume?: Initial<F<{ volume: string } | null> & { unsupported?: boolean }> };
}

// No loading fallback for the server-rendered panels: with one, each panel is a Suspense
// boundary, and React streams a finished boundary over 12.8 kB (its progressive chunk size) as a
// hidden block revealed no sooner than 300 ms after the first paint, so the data already in the
// HTML waited behind a skeleton. Without one, a panel is part of the page's own HTML; in the
// browser a tab's chunk loads during the navigation, which keeps the old tab until it is there.
const OverviewPanel = dynamic(() => import("./overview-panel").then((m) => m.OverviewPanel));
const BalancesPanel = dynamic(() => import("./balances-panel").then((m) => m.BalancesPanel));
const OrdersPanel = dynamic(() => import("./orders-panel").then((m) => m.OrdersPanel));
const TradesPanel = dynamic(() => import("./trades-panel").then((m) => m.TradesPanel));
// Value over time: below the Overview, its chart in a chunk of its own.
const KeySeriesPanel = dynamic(() => import("@/components/portfolio/key-series-panel").then((m) => m.KeySeriesPanel));
const FeesPanel = dynamic(() => import("./fees-panel").then((m) => m.FeesPanel));
// Rendered only in the browser: a date typed into server-rendered inputs before hydration would be lost.
const ExportPanel = dynamic(() => import("./export-panel").then((m) => m.ExportPanel), {
  loading: () => <Skeleton rows={4} label="section" />,
  ssr: false,
});

export function KeySection({
  keyId,
  tab,
  initial,
  ordersPushed,
}: {
  keyId: string;
  tab: Tab;
  initial?: SectionInitial;
  /** A Trade key with its own TRADING connection: its order list follows the live stream. */
  ordersPushed?: boolean;
}) {
  switch (tab) {
    case "overview":
      return (
        <div className="flex flex-col gap-4">
          <OverviewPanel keyId={keyId} initial={initial?.portfolio} />
          <KeySeriesPanel keyId={keyId} />
        </div>
      );
    case "balances":
      return <BalancesPanel keyId={keyId} initial={initial?.portfolio} />;
    case "orders":
      return <OrdersPanel keyId={keyId} initial={initial?.orders} pushed={ordersPushed} />;
    case "trades":
      return <TradesPanel keyId={keyId} initial={initial?.trades} />;
    case "fees":
      return <FeesPanel keyId={keyId} initial={initial?.fees} />;
    case "export":
      return <ExportPanel keyId={keyId} />;
  }
}
