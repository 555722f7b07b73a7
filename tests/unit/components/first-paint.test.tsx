/** @jest-environment jsdom */
// Widgets the server rendered start from its value: no request at mount, no skeleton, and the
// first request once the value stops being fresh (fetchedAt + freshForMs).
import { MESSAGES } from "@/lib/i18n/messages";
import { act, render, screen } from "@testing-library/react";
import { SWRConfig } from "swr";
import { OverviewPanel } from "@/components/dashboard/overview-panel";
import { OrdersPanel } from "@/components/dashboard/orders-panel";
import { UsageMeter } from "@/components/dashboard/usage-meter";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import type { Valuation } from "@/lib/reads/valuation";

jest.mock(
  "next/dynamic",
  () => () =>
    function ChartStub() {
      return null;
    },
);
jest.mock("next/navigation", () => ({
  useSearchParams: () => new URLSearchParams(),
  useRouter: () => ({ replace: jest.fn() }),
  usePathname: () => "/keys/k1",
}));

const portfolio = (fetchedAt: string): Valuation => ({
  rows: [
    {
      currency: "BTC",
      available: "1",
      locked: "0",
      total: "1",
      priceEur: "50000",
      valueEur: "50000.00",
      source: { kind: "market", via: "BTC_EUR" },
      change24hPct: "1.00",
      sharePct: "100.0",
    },
  ],
  totalEur: "50000.00",
  change24hPct: "1.00",
  unpriced: [],
  fetchedAt,
  freshUntil: new Date(Date.parse(fetchedAt) + 5_000).toISOString(),
  source: "cache",
});

let fetchMock: jest.Mock;
beforeEach(() => {
  jest.useFakeTimers();
  fetchMock = jest.fn(async () => ({
    ok: true,
    status: 200,
    headers: { get: () => null },
    json: async () => portfolio(new Date().toISOString()),
  }));
  global.fetch = fetchMock as unknown as typeof fetch;
});
afterEach(() => jest.useRealTimers());

const wrap = (ui: React.ReactNode) =>
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LocaleProvider locale="en" messages={MESSAGES.en}>
        {ui}
      </LocaleProvider>
    </SWRConfig>,
  );

describe("first paint from the server's value", () => {
  it("shows the server's total at once and asks only when it is no longer fresh", async () => {
    wrap(<OverviewPanel keyId="k1" initial={{ value: portfolio(new Date().toISOString()), freshForMs: 5_000 }} />);
    expect(screen.getByTestId("total-eur")).toHaveTextContent("€50,000.00");
    expect(screen.queryByRole("status", { name: /Loading/ })).toBeNull();
    await act(async () => {
      jest.advanceTimersByTime(4_000);
    });
    expect(fetchMock).not.toHaveBeenCalled();
    await act(async () => {
      jest.advanceTimersByTime(1_500);
    });
    expect(fetchMock).toHaveBeenCalledWith("/api/keys/k1/portfolio", expect.anything());
  });

  it("asks at mount when the server had nothing to give (budget, slow exchange)", async () => {
    wrap(<OverviewPanel keyId="k1" />);
    await act(async () => {
      jest.advanceTimersByTime(10);
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("orders start from the server's first page while the filters match it", async () => {
    const page = {
      items: [
        {
          order: {
            order_id: "11111111-1111-4111-8111-111111111111",
            account_id: "a",
            instrument_code: "BTC_EUR",
            time: new Date().toISOString(),
            side: "BUY",
            price: "50000",
            amount: "0.5",
            filled_amount: "0.5",
            type: "LIMIT",
            status: "FILLED_FULLY",
          },
        },
      ],
      nextCursor: "c",
      fetchedAt: new Date().toISOString(),
      source: "cache" as const,
      window: null,
      windowDays: 100,
    };
    wrap(
      <OrdersPanel
        keyId="k1"
        initial={{ value: page as never, freshForMs: 15_000, query: "status=all&pageSize=50" }}
      />,
    );
    expect(screen.getByText("1 shown")).toBeInTheDocument();
    await act(async () => {
      jest.advanceTimersByTime(1_000);
    });
    // The filter form's instrument list is not the widget's data.
    const asked = fetchMock.mock.calls.map((c: unknown[]) => String(c[0]));
    expect(asked.filter((u) => u.startsWith("/api/keys/"))).toEqual([]);
  });

  it("Load more after the server's first page reads page 2 from its cursor, not page 1 again", async () => {
    const order = (id: string) => ({
      order: {
        order_id: id,
        account_id: "a",
        instrument_code: "BTC_EUR",
        time: new Date().toISOString(),
        side: "BUY",
        price: "50000",
        amount: "0.5",
        filled_amount: "0.5",
        type: "LIMIT",
        status: "FILLED_FULLY",
      },
    });
    const page = (ids: string[], nextCursor: string | null) => ({
      items: ids.map(order),
      nextCursor,
      fetchedAt: new Date().toISOString(),
      source: "cache" as const,
      window: null,
      windowDays: 100,
    });
    fetchMock.mockImplementation(async () => ({
      ok: true,
      status: 200,
      headers: { get: () => null },
      json: async () => page(["22222222-2222-4222-8222-222222222222"], null),
    }));
    wrap(
      <OrdersPanel
        keyId="k1"
        initial={{
          value: page(["11111111-1111-4111-8111-111111111111"], "page2cursor") as never,
          freshForMs: 15_000,
          query: "status=all&pageSize=50",
        }}
      />,
    );
    expect(screen.getByText("1 shown")).toBeInTheDocument();
    await act(async () => {
      screen.getByRole("button", { name: "Load more" }).click();
      await jest.advanceTimersByTimeAsync(100);
    });
    const asked = fetchMock.mock.calls.map((c: unknown[]) => String(c[0])).filter((u) => u.includes("/orders"));
    expect(asked).toEqual(["/api/keys/k1/orders?status=all&pageSize=50&cursor=page2cursor"]);
    expect(screen.getByText("2 shown")).toBeInTheDocument();
    expect(screen.getByText("End of the list.")).toBeInTheDocument();
  });

  it("the usage meter starts from the server's value and speaks only when a limit is near", async () => {
    const calm = { usedThisWindow: 3, pointsPerWindow: 10, windowSeconds: 2 };
    const near = { usedThisWindow: 9, pointsPerWindow: 10, windowSeconds: 2 };
    const view = wrap(
      <UsageMeter
        accountId="acc"
        initial={{ mode: "memory", ip: { ...calm, blockedForMs: 0 }, user: calm, accounts: [] }}
      />,
    );
    expect(screen.queryByTestId("usage-meter")).toBeNull();
    view.unmount();
    wrap(
      <UsageMeter
        accountId="acc"
        initial={{ mode: "memory", ip: { ...calm, blockedForMs: 0 }, user: near, accounts: [] }}
      />,
    );
    expect(screen.getByTestId("usage-meter")).toHaveTextContent("You: 9 of 10 exchange requests used in the last 2 s");
    await act(async () => {
      jest.advanceTimersByTime(1_000);
    });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
