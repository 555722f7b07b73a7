// The browser-safe view of a stored key: labels, decoded claims and status only.
// Built from rows that never include the secret columns.
import type { KeyStatus } from "@/lib/generated/prisma/client";

export interface KeyView {
  id: string;
  label: string;
  keyIdShort: string;
  fragment: string;
  accountId: string;
  scopes: string[];
  ips: string[];
  issuedAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  lastSuccessAt: string | null;
  lastCheckedAt: string | null;
  lastValueEur: string | null;
  lastValuedAt: string | null;
  /** Emergency stop: when (null unless stopped). */
  stoppedAt: string | null;
  status: KeyStatus;
  statusDetail: string | null;
  owner: { email: string; name: string | null };
  role: "owner" | "member";
  /** Members: the teams through which the key is shared with them, and what the shares allow. */
  sharedVia: string[];
  hideAmounts: boolean;
  allowExport: boolean;
}

interface KeyRow {
  id: string;
  label: string;
  keyId: string;
  fragment: string;
  accountId: string;
  scopes: string[];
  ips: string[];
  issuedAt: Date | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastSuccessAt: Date | null;
  lastCheckedAt: Date | null;
  lastValueEur: string | null;
  lastValuedAt: Date | null;
  stoppedAt?: Date | null;
  status: KeyStatus;
  statusDetail: string | null;
  owner: { email: string; name: string | null };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toKeyView(
  row: KeyRow,
  ctx: { role: "owner" | "member"; sharedVia?: string[]; hideAmounts?: boolean; allowExport?: boolean },
): KeyView {
  return {
    id: row.id,
    label: row.label,
    keyIdShort: row.keyId.slice(0, 8),
    // Members see the short key id only, never the fragment.
    fragment: ctx.role === "owner" ? row.fragment : "",
    accountId: row.accountId,
    scopes: row.scopes,
    ips: row.ips,
    issuedAt: iso(row.issuedAt),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    lastSuccessAt: iso(row.lastSuccessAt),
    lastCheckedAt: iso(row.lastCheckedAt),
    lastValueEur: row.lastValueEur,
    lastValuedAt: iso(row.lastValuedAt),
    stoppedAt: row.status === "stopped" ? iso(row.stoppedAt ?? null) : null,
    status: row.status,
    statusDetail: row.statusDetail,
    owner: row.owner,
    role: ctx.role,
    sharedVia: ctx.sharedVia ?? [],
    hideAmounts: ctx.role === "member" && Boolean(ctx.hideAmounts),
    allowExport: ctx.role === "owner" || Boolean(ctx.allowExport),
    // Members never learn the account's value when amounts are hidden.
    ...(ctx.role === "member" && ctx.hideAmounts ? { lastValueEur: null, lastValuedAt: null } : {}),
  };
}
