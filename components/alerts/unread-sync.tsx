"use client";
// The bell's count and the notifications page agree: the dashboard layout (which holds the bell)
// is kept across navigations, so its count can be older than the page's list. The layout
// provides the count it rendered; the notifications page reports the count it read, and when
// they differ the route is refreshed once for that count, which re-renders the layout's bell.
import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";
import { useRouter } from "next/navigation";

const UnreadContext = createContext<number | null>(null);

export function UnreadProvider({ count, children }: { count: number; children: ReactNode }) {
  return <UnreadContext.Provider value={count}>{children}</UnreadContext.Provider>;
}

export function UnreadSync({ count }: { count: number }) {
  const shown = useContext(UnreadContext);
  const router = useRouter();
  const refreshedFor = useRef<number | null>(null);
  useEffect(() => {
    if (shown === null || shown === count || refreshedFor.current === count) return;
    refreshedFor.current = count;
    router.refresh();
  }, [shown, count, router]);
  return null;
}
