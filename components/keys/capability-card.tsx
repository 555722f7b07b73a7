import Link from "next/link";
import type { KeyView } from "@/lib/keys/view";
import { scopeInfo, sortScopes } from "@/lib/keys/scope-info";
import { Alert } from "@/components/ui/alert";
import { TimeAgo } from "@/components/ui/time-ago";
import { KeyStatusBadge } from "./key-status";

export type EgressVerdict = { state: "unrestricted" | "allowed" | "blocked" | "unknown"; ip: string | null };

function EgressLine({ egress, ips }: { egress: EgressVerdict; ips: string[] }) {
  if (ips.length === 0) return <p>No IP restriction: the exchange accepts this key from any address.</p>;
  switch (egress.state) {
    case "allowed":
      return <p className="text-emerald-800 dark:text-emerald-300">This server&apos;s address ({egress.ip}) is on the list.</p>;
    case "blocked":
      return (
        <p className="font-medium text-red-800 dark:text-red-300">
          This server&apos;s address ({egress.ip}) is not on the list, so the exchange will refuse Keydesk&apos;s requests.{" "}
          <Link href="/help/troubleshooting#ip-restriction" className="underline">What to do</Link>
        </p>
      );
    default:
      return <p>This server&apos;s public address is unknown, so Keydesk can&apos;t tell whether it is on the list. Set KEYDESK_EGRESS_IP to find out.</p>;
  }
}

export function CapabilityCard({ keyView, egress, children }: { keyView: KeyView; egress: EgressVerdict; children?: React.ReactNode }) {
  const scopes = sortScopes(keyView.scopes);
  const warnings = scopes.map(scopeInfo).filter((s) => s.warning);
  return (
    <section aria-labelledby={`cap-${keyView.id}`} className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`cap-${keyView.id}`} className="text-lg font-semibold">What this key may do</h2>
        <KeyStatusBadge status={keyView.status} />
      </header>
      {keyView.statusDetail && keyView.status !== "active" ? (
        <Alert tone="error">
          {keyView.statusDetail} <Link href="/help/troubleshooting" className="underline">Troubleshooting</Link>
        </Alert>
      ) : null}
      {warnings.map((w) => (
        <Alert key={w.scope} tone={w.risk === "critical" ? "error" : "warning"} title={`${w.name} permission`}>
          {w.warning}
        </Alert>
      ))}
      <dl className="grid gap-3 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium">Permissions</dt>
        <dd>
          <ul className="flex flex-col gap-1">
            {scopes.map((s) => {
              const info = scopeInfo(s);
              return (
                <li key={s}>
                  <strong>{info.name}</strong>: {info.summary}
                </li>
              );
            })}
          </ul>
          {!scopes.includes("READ_ONLY") ? <p className="mt-1 text-amber-800 dark:text-amber-300">Without Read, Keydesk can&apos;t show balances or history for this key, nor verify it with the exchange.</p> : null}
        </dd>
        <dt className="font-medium">IP allow-list</dt>
        <dd className="flex flex-col gap-1">
          {keyView.ips.length ? (
            <ul className="flex flex-wrap gap-1 font-mono text-xs">
              {keyView.ips.map((ip) => <li key={ip} className="rounded bg-slate-100 px-1.5 py-0.5 break-all dark:bg-slate-800">{ip}</li>)}
            </ul>
          ) : null}
          <EgressLine egress={egress} ips={keyView.ips} />
        </dd>
        <dt className="font-medium">Exchange account</dt>
        <dd className="font-mono text-xs break-all">{keyView.accountId}</dd>
        <dt className="font-medium">Key id</dt>
        <dd className="font-mono text-xs">{keyView.keyIdShort}…{keyView.fragment ? <span className="ml-2 text-slate-500">({keyView.fragment})</span> : null}</dd>
        <dt className="font-medium">Created at the exchange</dt>
        <dd>{keyView.issuedAt ? <time dateTime={keyView.issuedAt}>{keyView.issuedAt}</time> : "unknown"}</dd>
        <dt className="font-medium">Added to Keydesk</dt>
        <dd><time dateTime={keyView.createdAt}>{keyView.createdAt}</time> by {keyView.owner.name ?? keyView.owner.email}</dd>
        <dt className="font-medium">Last checked</dt>
        <dd><TimeAgo iso={keyView.lastCheckedAt} /></dd>
        <dt className="font-medium">Last successful call</dt>
        <dd><TimeAgo iso={keyView.lastSuccessAt} /></dd>
      </dl>
      {children}
    </section>
  );
}
