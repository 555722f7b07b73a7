/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { SWRConfig } from "swr";
import { BalancesPanel } from "@/components/dashboard/balances-panel";
import { OverviewPanel } from "@/components/dashboard/overview-panel";
import { Freshness } from "@/components/data/freshness";
import { HistoryFiltersForm } from "@/components/dashboard/history-filters-form";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { MESSAGES } from "@/lib/i18n/messages";
import { AppError } from "@/lib/errors";
import { EMPTY_FILTERS } from "@/lib/format/history-filters";
import type { Locale } from "@/lib/i18n";

// Panels refresh the page once when the exchange refuses their key (use-key-refusal.ts).
jest.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

jest.mock(
  "next/dynamic",
  () => () =>
    function ChartStub() {
      return null;
    },
);

const portfolio = {
  rows: [
    {
      currency: "BTC",
      available: "0.5",
      locked: "0.25",
      total: "0.75",
      priceEur: "50000",
      valueEur: "37500.00",
      source: { kind: "market", via: "BTC_EUR" },
      change24hPct: "2.00",
    },
    {
      currency: "EUR",
      available: "100.10",
      locked: "0",
      total: "100.1",
      priceEur: "1",
      valueEur: "100.10",
      source: { kind: "eur", via: null },
      change24hPct: "0.00",
    },
    {
      currency: "DUST",
      available: "0.0001",
      locked: "0",
      total: "0.0001",
      priceEur: "1",
      valueEur: "0.00",
      source: { kind: "market", via: "DUST_EUR" },
      change24hPct: null,
    },
    {
      currency: "XYZ",
      available: "7",
      locked: "0",
      total: "7",
      priceEur: null,
      valueEur: null,
      source: { kind: "none", via: null },
      change24hPct: null,
    },
  ],
  totalEur: "37600.10",
  change24hPct: "1.99",
  unpriced: ["XYZ"],
  fetchedAt: new Date().toISOString(),
  source: "live",
};

function mockFetch(body: unknown, status = 200) {
  // jsdom has no fetch/Response: a minimal stand-in with what fetchJson reads.
  global.fetch = jest.fn(async () => ({
    ok: status < 400,
    status,
    headers: { get: () => null },
    json: async () => body,
  })) as unknown as typeof fetch;
}

function wrap(ui: React.ReactNode, locale: Locale = "en") {
  return render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LocaleProvider locale={locale} messages={MESSAGES[locale]}>
        {ui}
      </LocaleProvider>
    </SWRConfig>,
  );
}

const rowsOf = () =>
  within(screen.getByTestId("balances-table"))
    .getAllByRole("row")
    .slice(1)
    .map((r) => r.getAttribute("data-currency"));

describe("balances panel", () => {
  it("shows exact totals, sorts by value, hides small balances, marks no price", async () => {
    mockFetch(portfolio);
    wrap(<BalancesPanel keyId="k1" />);
    await screen.findByTestId("balances-table");
    expect(rowsOf()).toEqual(["BTC", "EUR", "XYZ"]); // DUST (< €1) hidden; no price sorts last
    expect(screen.getByTestId("total-BTC")).toHaveTextContent("0.75");
    expect(screen.getByText("1 small balances hidden.")).toBeInTheDocument();
    expect(within(screen.getByTestId("balances-table")).getByText("no price")).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText("Hide balances under €1"));
    expect(rowsOf()).toEqual(["BTC", "EUR", "DUST", "XYZ"]);
    fireEvent.click(screen.getByRole("button", { name: "Sort by Currency" }));
    expect(rowsOf()).toEqual(["BTC", "DUST", "EUR", "XYZ"]);
    expect(screen.getByRole("columnheader", { name: /Currency/ })).toHaveAttribute("aria-sort", "ascending");
    expect(screen.getByTestId("freshness-balances")).toHaveTextContent(/Updated (just now|\d s ago)/);
  });

  it("formats numbers per locale", async () => {
    mockFetch(portfolio);
    wrap(<OverviewPanel keyId="k1" />, "de");
    expect((await screen.findByTestId("total-eur")).textContent?.replace(/\u00a0/g, " ")).toBe("37.600,10 €");
    expect(screen.getByText(/Kein EUR-Preis für XYZ/)).toBeInTheDocument();
  });

  it("shows the specific error with the troubleshooting link when the key was revoked", async () => {
    mockFetch(
      {
        error: {
          code: "unprocessable",
          message: "This key was deleted at the exchange. Create a new one.",
          reason: "APIKEY_REVOKED",
          requestId: "req-1",
        },
      },
      422,
    );
    wrap(<BalancesPanel keyId="k1" />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This key was deleted at the exchange");
    expect(within(alert).getByRole("link", { name: "Troubleshooting" })).toHaveAttribute(
      "href",
      "/help/troubleshooting#revoked",
    );
    expect(alert).toHaveTextContent("req-1");
  });

  it("with amounts hidden, sizes balances by their share and names no euro value anywhere", async () => {
    const shares: Record<string, string | null> = { BTC: "99.7", EUR: "0.3", DUST: "0.0", XYZ: null };
    mockFetch({
      ...portfolio,
      amountsHidden: true,
      totalEur: "",
      rows: portfolio.rows.map((r) => ({
        ...r,
        available: "",
        locked: "",
        total: "",
        valueEur: "",
        sharePct: shares[r.currency],
      })),
    });
    const { container } = wrap(<BalancesPanel keyId="k1" />);
    await screen.findByTestId("balances-table");
    expect(rowsOf()).toEqual(["BTC", "EUR", "XYZ"]); // DUST (< 0.1 %) hidden
    expect(screen.getByLabelText("Hide balances under 0.1 % of the total")).toBeChecked();
    expect(container.textContent).not.toMatch(/€|\d\s?EUR\b/);
  });

  it("shows the empty state", async () => {
    mockFetch({ ...portfolio, rows: [], totalEur: "0.00", unpriced: [] });
    wrap(<OverviewPanel keyId="k1" />);
    expect(await screen.findByText("This account holds no balances yet.")).toBeInTheDocument();
  });
});

describe("freshness", () => {
  it("labels stale data with its reason and counts down a 429", async () => {
    const fetchedAt = new Date(Date.now() - 65_000).toISOString();
    const onRefresh = jest.fn();
    wrap(
      <Freshness
        label="orders"
        data={{ fetchedAt, source: "stale", staleReason: "rate_limited" }}
        error={new AppError("rate_limited", { text: "pacing" }, { retryAfterSeconds: 12 })}
        onRefresh={onRefresh}
      />,
    );
    expect(screen.getByTestId("freshness-orders")).toHaveTextContent("Stale: rate-limited · from 1 min ago");
    expect(screen.getByTestId("freshness-orders")).toHaveTextContent("Refreshing in 12 s");
    fireEvent.click(screen.getByRole("button", { name: "Refresh orders" }));
    expect(onRefresh).toHaveBeenCalled();
  });

  it("names the refresh button by its visible text while it refreshes", () => {
    wrap(
      <Freshness
        label="balances"
        data={{ fetchedAt: new Date().toISOString(), source: "live" }}
        validating
        onRefresh={() => undefined}
      />,
    );
    const button = screen.getByRole("button", { name: "Refreshing…" });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("aria-busy", "true");
  });
});

describe("history filters form", () => {
  it("applies the chosen filters and refuses a start after the end", async () => {
    mockFetch({
      data: [
        { base: { code: "BTC" }, quote: { code: "EUR" } },
        { base: { code: "ETH" }, quote: { code: "EUR" } },
      ],
      fetchedAt: new Date().toISOString(),
      source: "live",
    });
    const onChange = jest.fn();
    wrap(<HistoryFiltersForm kind="orders" value={EMPTY_FILTERS} onChange={onChange} />);
    await screen.findByRole("option", { name: "ETH_EUR" });
    fireEvent.change(screen.getByLabelText("Instrument"), { target: { value: "ETH_EUR" } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "cancelled" } });
    fireEvent.change(screen.getByLabelText("From (UTC)"), { target: { value: "2026-03-02" } });
    fireEvent.change(screen.getByLabelText("To (UTC)"), { target: { value: "2026-03-01" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Apply filters" }));
    });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText("The start must be on or before the end.")).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("To (UTC)"), { target: { value: "2026-03-31" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply filters" }));
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({
        instrument: "ETH_EUR",
        side: "",
        status: "cancelled",
        from: "2026-03-02",
        to: "2026-03-31",
      }),
    );
  });
});

describe("keys in German", () => {
  it("renders the key card and the capability card in the viewer's language", async () => {
    const { KeyCard } = await import("@/components/keys/key-card");
    const { CapabilityCard } = await import("@/components/keys/capability-card");
    const keyView = {
      id: "k1",
      label: "Sparkonto",
      keyIdShort: "3d0f8360",
      fragment: "…g50A",
      accountId: "acc",
      scopes: ["READ_ONLY", "WITHDRAW"],
      ips: [],
      issuedAt: null,
      createdAt: "2026-11-26T08:00:00.000Z",
      lastUsedAt: null,
      lastSuccessAt: null,
      lastCheckedAt: null,
      lastValueEur: "1234.5",
      lastValuedAt: new Date().toISOString(),
      stoppedAt: null,
      status: "active" as const,
      statusDetail: null,
      owner: { email: "o@example.test", name: null },
      role: "owner" as const,
      sharedVia: [],
      hideAmounts: false,
      allowExport: true,
    };
    const { container } = render(
      <>
        <KeyCard keyView={keyView} locale="de" />
        <CapabilityCard keyView={keyView} egress={{ state: "unrestricted", ip: null }} locale="de" />
      </>,
    );
    const text = (container.textContent ?? "").replace(/\u00a0/g, " ");
    for (const s of [
      "Schlüssel-ID",
      "Lesen",
      "Auszahlen",
      "Aktiv",
      "1.234,50 €",
      "Was dieser Schlüssel darf",
      "Keine IP-Beschränkung",
      "Berechtigung „Auszahlen“",
    ])
      expect(text).toContain(s);
    expect(text).not.toContain("What this key may do");
  });
});
