"use client";
// The value chart as its own chunk (recharts is large): the key page and the portfolio home
// load it only in the browser, after their first paint.
import dynamic from "next/dynamic";

export const LazyValueChart = dynamic(() => import("./value-chart"), {
  ssr: false,
  loading: () => <div className="h-56 w-full" />,
});
