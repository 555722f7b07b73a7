"use client";
// How many decimals each currency and each instrument's price has, from the exchange's
// /currencies and /instruments (market data, shared by every key and cached by the server;
// SWR shares one request per page). Until they are here, figures show exactly as the exchange
// sent them, still with their currency.
import useSWR from "swr";
import { useCallback, useMemo } from "react";
import { fetchJson } from "@/components/data/fetcher";
import { formatMoney } from "@/lib/format/format";
import { useI18n } from "@/components/i18n/locale-provider";

type InstrumentRow = {
  code?: string;
  base?: { code: string; precision: number };
  quote?: { code: string; precision: number };
  market_precision?: number;
};
type CurrencyRow = { code: string; precision: number };

/** `BTC_EUR` → its quote ("EUR"); a futures code (`BTC_EUR_P`) quotes in its second part too. */
export const quoteOf = (instrument: string) => instrument.split("_")[1] ?? "";
export const baseOf = (instrument: string) => instrument.split("_")[0] ?? instrument;

export function usePrecision() {
  const { locale } = useI18n();
  const opts = { revalidateOnFocus: false, revalidateIfStale: false };
  const currencies = useSWR<{ data: CurrencyRow[] }>("/api/market/currencies", fetchJson, opts);
  const instruments = useSWR<{ data: InstrumentRow[] }>("/api/market/instruments", fetchJson, opts);
  const byCurrency = useMemo(
    () => new Map((currencies.data?.data ?? []).map((c) => [c.code, c.precision] as const)),
    [currencies.data],
  );
  const byInstrument = useMemo(
    () =>
      new Map(
        (instruments.data?.data ?? []).map((i) => [
          i.code ?? (i.base && i.quote ? `${i.base.code}_${i.quote.code}` : ""),
          i.market_precision,
        ]),
      ),
    [instruments.data],
  );
  /** An amount of `currency`, to that currency's precision. */
  const amount = useCallback(
    (v: string, currency: string) => formatMoney(v, currency, locale, byCurrency.get(currency)),
    [byCurrency, locale],
  );
  /** A price of `instrument`, to its price precision, in its quote currency. */
  const price = useCallback(
    (v: string, instrument: string) => formatMoney(v, quoteOf(instrument), locale, byInstrument.get(instrument)),
    [byInstrument, locale],
  );
  /** A value in the instrument's quote currency (trade value, order total): EUR to 2 decimals, others to their precision. */
  const value = useCallback(
    (v: string, instrument: string) => {
      const q = quoteOf(instrument);
      return formatMoney(v, q, locale, q === "EUR" ? 2 : byCurrency.get(q));
    },
    [byCurrency, locale],
  );
  return { amount, price, value };
}
