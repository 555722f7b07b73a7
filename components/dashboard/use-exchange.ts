"use client";
// SWR for exchange-backed reads: the shared fetcher, the last data kept through errors, and a
// refresh that asks the server to bypass its cache (still budgeted; a 429 keeps the data and
// says when the next try is).
import useSWR from "swr";
import { useCallback, useState } from "react";
import { fetchJson, exchangeSWR } from "@/components/data/fetcher";
import { AppError } from "@/lib/errors";

export function useExchange<T>(url: string | null, opts: { refreshInterval?: number } = {}) {
  const swr = useSWR<T, AppError>(url, fetchJson, { ...exchangeSWR, refreshInterval: opts.refreshInterval ?? 0 });
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<AppError | undefined>();
  const { mutate } = swr;
  const refresh = useCallback(async () => {
    if (!url) return;
    setRefreshing(true);
    setRefreshError(undefined);
    try {
      const fresh = await fetchJson<T>(`${url}${url.includes("?") ? "&" : "?"}refresh=1`);
      await mutate(fresh, { revalidate: false });
    } catch (err) {
      setRefreshError(err instanceof AppError ? err : new AppError("internal", "Refreshing failed."));
    } finally {
      setRefreshing(false);
    }
  }, [url, mutate]);
  return { data: swr.data, error: swr.error ?? refreshError, isLoading: swr.isLoading, isValidating: swr.isValidating || refreshing, refresh, mutate };
}
