"use client";
import { Button } from "@/components/ui/button";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="mt-1 text-sm">Something went wrong on our side. Nothing you entered was lost. {error.digest ? <>Reference: <code>{error.digest}</code></> : null}</p>
      <Button className="mt-3" variant="secondary" onClick={reset}>Try again</Button>
    </div>
  );
}
