"use client";
// Order and trade history's data: the filters in the URL, and cursor pages through
// useSWRInfinite starting from the server's first page (the page's HTML) when its query matches.
import { useCallback, useEffect, useMemo, useRef } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useSWRConfig } from "swr";
import useSWRInfinite, { unstable_serialize } from "swr/infinite";
import type { HistoryPage } from "@/lib/reads/history";
import { filtersToQuery, filtersToSearch, parseFilters, type HistoryFilters } from "@/lib/format/history-filters";
import { fetchJson, exchangeSWR } from "@/components/data/fetcher";
import type { AppError } from "@/lib/errors";
import { useRevalidateWhenStale, type Initial } from "./use-exchange";

export type HistoryKind = "orders" | "trades";

/** The server's first page, for the query (`filtersToQuery`) it was read with: used only while the filters still match. */
export type InitialPage<T> = Initial<HistoryPage<T>> & { query: string };

function useFilters(kind: HistoryKind): [HistoryFilters, (f: HistoryFilters) => void] {
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseFilters(sp), [sp]);
  const set = useCallback(
    (f: HistoryFilters) => router.replace(`${pathname}${filtersToSearch(f, kind)}`, { scroll: false }),
    [router, pathname, kind],
  );
  return [filters, set];
}

export function useHistory<T>(
  keyId: string,
  kind: HistoryKind,
  initial?: InitialPage<T>,
  /** The live stream keeps this list current (a Trade key's order events): its first page's expiry asks nothing. */
  live = false,
) {
  const [filters, setFilters] = useFilters(kind);
  const query = filtersToQuery(filters, { kind }).toString();
  const base = `/api/keys/${keyId}/${kind}?${query}`;
  const start = initial && initial.query === query ? initial : undefined;
  const getKey = useCallback(
    (index: number, prev: HistoryPage<T> | null) => {
      if (prev && !prev.nextCursor) return null;
      return index === 0 ? base : `${base}&cursor=${encodeURIComponent(prev!.nextCursor!)}`;
    },
    [base],
  );
  const swr = useSWRInfinite<HistoryPage<T>, AppError>(getKey, fetchJson, {
    ...exchangeSWR,
    revalidateFirstPage: false,
    revalidateOnFocus: false,
    ...(start ? { fallbackData: [start.value], revalidateOnMount: false } : {}),
  });
  const { mutate, setSize } = swr;
  const { cache, mutate: mutateKey } = useSWRConfig();
  const revalidate = useCallback(() => mutate(), [mutate]);
  const liveRef = useRef(live);
  useEffect(() => {
    liveRef.current = live;
  }, [live]);
  const revalidateUnlessLive = useCallback(() => (liveRef.current ? undefined : mutate()), [mutate]);
  useRevalidateWhenStale(start?.value, start?.freshForMs, revalidateUnlessLive);
  /** Changes the pages in place from a pushed event (no request): from the server's first page when SWR holds none yet. */
  const startValue = start?.value;
  const applyPages = useCallback(
    (change: (pages: HistoryPage<T>[] | undefined) => HistoryPage<T>[] | undefined) =>
      mutate((pages) => change(pages ?? (startValue ? [startValue] : undefined)), { revalidate: false }),
    [mutate, startValue],
  );
  const more = useCallback(async () => {
    // The server's page is SWR's fallback, not in its cache: as it is, growing the list would
    // read page 1 again (and page 2 from that new read's cursor). Store it as the first page,
    // for the list and for its own key, so the next read continues from its cursor.
    if (start && cache.get(unstable_serialize(getKey))?.data === undefined) {
      if (cache.get(base)?.data === undefined) await mutateKey(base, start.value, { revalidate: false });
      await mutate([start.value], { revalidate: false });
    }
    await setSize((s) => s + 1);
  }, [start, cache, getKey, base, mutateKey, mutate, setSize]);
  const pages = swr.data ?? [];
  const items = pages.flatMap((p) => p.items);
  const last = pages[pages.length - 1];
  const done = Boolean(last && !last.nextCursor);
  const loadingMore = swr.isLoading || (swr.size > 0 && pages.length < swr.size && !swr.error);
  return {
    first: pages[0],
    items,
    done,
    loadingMore,
    more,
    filters,
    setFilters,
    error: swr.error,
    isLoading: swr.isLoading,
    isValidating: swr.isValidating,
    refresh: revalidate,
    applyPages,
    live,
  };
}

export type History<T> = ReturnType<typeof useHistory<T>>;
