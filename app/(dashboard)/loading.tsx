export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-3">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-24 w-full animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-24 w-full animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
