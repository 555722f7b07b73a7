import type { KeyView } from "@/lib/keys/view";
import { translator, type Translate } from "@/lib/i18n";

const LABELS: Record<KeyView["status"], { text: string; style: string }> = {
  active: { text: "Active", style: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" },
  revoked: { text: "Revoked at the exchange", style: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100" },
  ip_blocked: { text: "IP blocked", style: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100" },
  invalid: { text: "Invalid", style: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100" },
  unchecked: { text: "Not verified", style: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200" },
  stopped: { text: "Stopped", style: "bg-red-200 text-red-950 dark:bg-red-950 dark:text-red-100" },
};

export function KeyStatusBadge({ status, t = translator("en") }: { status: KeyView["status"]; t?: Translate }) {
  const s = LABELS[status];
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${s.style}`}>{t(`status.${status}`)}</span>
  );
}
