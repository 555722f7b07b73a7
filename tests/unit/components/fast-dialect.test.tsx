/** @jest-environment jsdom */
// The dashboard pieces that show dialect facts: Fast's fee groups and the missing trading
// volume said in words (EN/DE), and an order older than Fast's 30-day lookup shown from the list.
import { fireEvent, render, screen, within } from "@testing-library/react";
import { SWRConfig } from "swr";
import { FeesPanel } from "@/components/dashboard/fees-panel";
import { OrderDialog } from "@/components/dashboard/order-dialog";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { MESSAGES } from "@/lib/i18n/messages";
import type { AccountFees } from "@/lib/exchange/model";
import type { Locale } from "@/lib/i18n";

// Panels refresh the page once when the exchange refuses their key (use-key-refusal.ts).
jest.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

const now = new Date().toISOString();
const fastFees: AccountFees = {
  account_id: "a",
  combined_across_subaccounts: true,
  groups: [
    {
      fee_group_id: "SPOT",
      running_volume: "349.68",
      volume_currency: "EUR",
      active_tier: { volume: "0", maker_fee: "0.1000", taker_fee: "0.2000" },
      tiers: [],
    },
    {
      fee_group_id: "FUTURES",
      running_volume: "0",
      volume_currency: "EUR",
      active_tier: { volume: "0", maker_fee: "0.0200", taker_fee: "0.0500" },
      tiers: [],
    },
  ],
};

// The Fees tab's "fees paid" line reads its own route (lib/reads/fees-paid.ts).
const feesPaid = {
  range: "30d",
  from: now,
  to: now,
  trades: 2,
  complete: true,
  byCurrency: [{ currency: "EUR", amount: "1.25", valueEur: "1.25" }],
  totalEur: "1.25",
  fetchedAt: now,
  source: "live",
};

function mockRoutes(routes: Record<string, { status?: number; body: unknown }>) {
  global.fetch = jest.fn(async (url: string) => {
    const hit = Object.entries(routes).find(([p]) => String(url).includes(p))?.[1] ?? {
      status: 404,
      body: { error: { code: "not_found", message: "no" } },
    };
    const status = hit.status ?? 200;
    return { ok: status < 400, status, headers: { get: () => null }, json: async () => hit.body };
  }) as unknown as typeof fetch;
}
const wrap = (ui: React.ReactNode, locale: Locale = "en") =>
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LocaleProvider locale={locale} messages={MESSAGES[locale]}>
        {ui}
      </LocaleProvider>
    </SWRConfig>,
  );

describe("fees panel under One Trading Fast", () => {
  it("shows each fee group, that volumes are combined, and says plainly there is no trading volume", async () => {
    mockRoutes({
      "/fees-paid": { body: feesPaid },
      "/fees": { body: { data: fastFees, fetchedAt: now, source: "live" } },
      "/trading-volume": {
        body: { data: null, unsupported: true, exchange: "One Trading Fast", fetchedAt: now, source: "live" },
      },
    });
    wrap(<FeesPanel keyId="k1" />);
    const tiers = await screen.findByTestId("fee-tier");
    // Fee groups in words, the exchange's code on hover; the volume with its currency.
    expect(within(tiers).getByText("Spot trading")).toHaveAttribute("title", "SPOT");
    expect(within(tiers).getByText("Futures")).toHaveAttribute("title", "FUTURES");
    expect(within(tiers).getByText("€349.68")).toBeInTheDocument();
    // Fees paid: read only once a range is chosen, then per currency and in EUR.
    expect(screen.getByTestId("fees-paid")).toHaveTextContent("Choose a range");
    fireEvent.click(screen.getByRole("button", { name: "30 days" }));
    expect(await screen.findByTestId("fees-paid-total")).toHaveTextContent("€1.25");
    expect(screen.getByText("Volumes and tiers are combined across all subaccounts.")).toBeInTheDocument();
    expect(await screen.findByText(/One Trading Fast has no separate trading-volume figure/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("in German too", async () => {
    mockRoutes({
      "/fees-paid": { body: feesPaid },
      "/fees": { body: { data: fastFees, fetchedAt: now, source: "live" } },
      "/trading-volume": { body: { data: null, unsupported: true, fetchedAt: now, source: "live" } },
    });
    wrap(<FeesPanel keyId="k1" />, "de");
    expect(await screen.findByText(/One Trading Fast weist kein eigenes Handelsvolumen aus/)).toBeInTheDocument();
  });
});

describe("order dialog", () => {
  const order = {
    order_id: "d453ca12-c650-46dd-9dee-66910d96bfc0",
    account_id: "a",
    instrument_code: "BTC_EUR",
    time: "2024-01-02T03:04:05.000Z",
    side: "SELL" as const,
    type: "LIMIT",
    amount: "0.2",
    filled_amount: "0.2",
    price: "10159.76",
    status: "FILLED_FULLY",
    exchange_status: "DONE",
  };
  const trades = [
    {
      trade: {
        trade_id: "ec82896f-fd1b-4cbb-89df-a9da85ccbb4b",
        order_id: order.order_id,
        account_id: "a",
        amount: "0.2",
        side: "SELL" as const,
        instrument_code: "BTC_EUR",
        price: "10159.76",
        time: order.time,
      },
      fee: { fee_amount: "2.03", fee_currency: "EUR", fee_type: "MAKER" as const },
    },
  ];
  const tooOld = {
    status: 404,
    body: {
      error: {
        code: "not_found",
        message: "The exchange has no such order in the last 30 days…",
        reason: "ORDER_LOOKUP_OUT_OF_RANGE",
      },
    },
  };
  beforeAll(() => {
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute("open", "");
    };
  });

  it("an order older than the exchange's lookup is shown from the list, with its trades and a note in words", async () => {
    mockRoutes({ [`/orders/${order.order_id}/trades`]: tooOld, [`/orders/${order.order_id}`]: tooOld });
    wrap(<OrderDialog keyId="k1" orderId={order.order_id} listed={{ order, trades }} onClose={() => {}} />, "de");
    expect(await screen.findByTestId("order-too-old", {}, { timeout: 3000 })).toHaveTextContent(
      /nur aus den letzten 30 Tagen/,
    );
    const status = within(screen.getByTestId("order-detail")).getByText("Ausgeführt");
    expect(status).toHaveAttribute("title", "FILLED_FULLY (DONE)");
    expect(within(screen.getByTestId("order-detail")).getByText("Verkauf")).toHaveAttribute("title", "SELL");
    expect(screen.getByTestId("order-detail")).not.toHaveTextContent(/FILLED_FULLY|SELL|LIMIT/);
    // Every value with its currency, German number format.
    expect(screen.getByTestId("order-trades")).toHaveTextContent(/0,2 BTC zu 10\.159,76\s€ = 2\.031,95\s€/);
    expect(screen.getByTestId("order-trades")).toHaveTextContent(/Gebühr 2,03\s€ · Maker/);
    expect(within(screen.getByTestId("order-trades")).getAllByRole("listitem")).toHaveLength(1);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
