import Link from "next/link";
import type { KeyView } from "@/lib/keys/view";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatEur } from "@/lib/ui/format";
import { ScopeBadges } from "./scope-badges";
import { KeyStatusBadge } from "./key-status";

export function KeyCard({ keyView }: { keyView: KeyView }) {
  return (
    <article className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <h2 className="min-w-0 text-base font-semibold break-words">
          <Link href={`/keys/${keyView.id}`} className="underline-offset-2 hover:underline">{keyView.label}</Link>
        </h2>
        <KeyStatusBadge status={keyView.status} />
      </header>
      <ScopeBadges scopes={keyView.scopes} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
        <dt>IP allow-list</dt>
        <dd>{keyView.ips.length ? `${keyView.ips.length} address${keyView.ips.length > 1 ? "es" : ""}` : "none (any address)"}</dd>
        <dt>Key id</dt>
        <dd className="font-mono">{keyView.keyIdShort}</dd>
        <dt>Owner</dt>
        <dd className="truncate">{keyView.role === "owner" ? "you" : keyView.owner.name ?? keyView.owner.email}</dd>
        {keyView.role === "member" ? (<><dt>Shared with you via</dt><dd className="truncate" data-testid="shared-via">{keyView.sharedVia.join(", ")}{keyView.hideAmounts ? " (amounts hidden)" : ""}</dd></>) : null}
        <dt>Last successful call</dt>
        <dd><TimeAgo iso={keyView.lastSuccessAt} /></dd>
        <dt>Total value</dt>
        <dd data-testid="key-card-value">
          {keyView.lastValueEur !== null && keyView.lastValuedAt ? (
            <><span className="font-medium tabular-nums">{formatEur(keyView.lastValueEur)}</span> <span className="text-slate-500">(<TimeAgo iso={keyView.lastValuedAt} />)</span></>
          ) : "not known yet"}
        </dd>
      </dl>
    </article>
  );
}
