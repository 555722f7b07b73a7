// The designed states every exchange-backed widget shares: loading, empty, error.
import Link from "next/link";
import type { AppError } from "@/lib/errors";

export function Skeleton({ rows = 4, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-label={`Loading ${label}`} className="flex flex-col gap-2">
      {Array.from({ length: rows }, (_, i) => <div key={i} className="h-8 animate-pulse rounded bg-slate-200 motion-reduce:animate-none dark:bg-slate-800" />)}
      <span className="sr-only">Loading {label}…</span>
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">{children}</p>;
}

const TROUBLESHOOT: Record<string, string> = {
  APIKEY_REVOKED: "revoked", INVALID_IP_RESTRICTION: "ip-restriction", INVALID_APIKEY: "lost-key", MISSING_PERMISSION: "permissions",
  RATELIMIT: "rate-limit", CF_RATELIMIT: "rate-limit", rate_limited: "rate-limit", upstream_unavailable: "unreachable",
};

export function ErrorState({ error, stale }: { error: AppError; stale?: boolean }) {
  const anchor = (error.reason ? TROUBLESHOOT[error.reason] : undefined) ?? TROUBLESHOOT[error.code];
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p>{stale ? "Showing the last data Keydesk has. " : ""}{error.message}</p>
      <p className="mt-1 text-xs">
        <Link className="underline" href={`/help/troubleshooting${anchor ? `#${anchor}` : ""}`}>Troubleshooting</Link>
        {error.requestId ? <span> · request id <span className="font-mono">{error.requestId}</span></span> : null}
      </p>
    </div>
  );
}
