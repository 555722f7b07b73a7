"use client";
// SWR for exchange-backed reads: the shared fetcher, the last data kept through errors, and a
// refresh that asks the server to bypass its cache (still budgeted; a 429 keeps the data and
// says when the next try is). A widget the server rendered starts from the server's value
// (`initial`): no request at hydration, the first one when that value stops being fresh.
import useSWR from "swr";
import { useCallback, useEffect, useRef, useState } from "react";
import { fetchJson, exchangeSWR } from "@/components/data/fetcher";
import { AppError } from "@/lib/errors";
import { useRefreshOnKeyRefusal } from "./use-key-refusal";

/** The server's first view of a widget, and how long it counts as fresh (the endpoint's cache policy). */
export interface Initial<T> {
  value: T;
  freshForMs: number;
}

/**
 * Revalidates once when `fetchedAt + freshForMs` has passed: the data's own freshness, not
 * hydration (nor the window's first focus), starts SWR. Returns whether that time has come.
 */
export function useRevalidateWhenStale(
  initial: { fetchedAt: string } | undefined,
  freshForMs: number | undefined,
  revalidate: () => unknown,
): boolean {
  const fetchedAt = initial?.fetchedAt;
  const [stale, setStale] = useState(!fetchedAt || freshForMs === undefined);
  useEffect(() => {
    if (!fetchedAt || freshForMs === undefined) return;
    const due = Math.max(0, Date.parse(fetchedAt) + freshForMs - Date.now());
    const timer = setTimeout(() => {
      setStale(true);
      void revalidate();
    }, due);
    return () => clearTimeout(timer);
  }, [fetchedAt, freshForMs, revalidate]);
  return stale;
}

export function useExchange<T extends { fetchedAt: string }>(
  url: string | null,
  opts: {
    refreshInterval?: number;
    initial?: Initial<T>;
    /** Another source keeps the data current (the live stream): the served value's expiry asks nothing. */
    pushed?: boolean;
  } = {},
) {
  const initial = opts.initial;
  const [stale, setStale] = useState(!initial);
  const swr = useSWR<T, AppError>(url, fetchJson, {
    ...exchangeSWR,
    refreshInterval: opts.refreshInterval ?? 0,
    ...(initial ? { fallbackData: initial.value, revalidateOnMount: false } : {}),
    revalidateOnFocus: stale,
  });
  const { mutate } = swr;
  const pushed = opts.pushed ?? false;
  const pushedRef = useRef(pushed);
  useEffect(() => {
    pushedRef.current = pushed;
  }, [pushed]);
  const revalidate = useCallback(() => (pushedRef.current ? undefined : mutate()), [mutate]);
  const due = useRevalidateWhenStale(initial?.value, initial?.freshForMs, revalidate);
  if (due && !stale) setStale(true);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<AppError | undefined>();
  const refresh = useCallback(async () => {
    if (!url) return;
    setRefreshing(true);
    setRefreshError(undefined);
    try {
      const fresh = await fetchJson<T>(`${url}${url.includes("?") ? "&" : "?"}refresh=1`);
      await mutate(fresh, { revalidate: false });
    } catch (err) {
      setRefreshError(err instanceof AppError ? err : new AppError("internal", "states.refreshFailed"));
    } finally {
      setRefreshing(false);
    }
  }, [url, mutate]);
  // A key's read that says the exchange refused the key: the page's status follows at once.
  const keyRead = url?.startsWith("/api/keys/") ?? false;
  useRefreshOnKeyRefusal(keyRead ? swr.data : undefined, keyRead ? (swr.error ?? refreshError) : undefined);
  return {
    data: swr.data,
    error: swr.error ?? refreshError,
    isLoading: swr.isLoading,
    isValidating: swr.isValidating || refreshing,
    refresh,
    mutate,
  };
}
