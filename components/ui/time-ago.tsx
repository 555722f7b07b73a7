import { ageText } from "@/lib/ui/freshness";
import type { Translate } from "@/lib/i18n";
// Renders a UTC timestamp as an absolute ISO time (for machines and tooltips) with a
// human "3 min ago" text computed on the server at render time.
export function formatAgo(iso: string, now = Date.now()): string {
  const s = Math.round((now - new Date(iso).getTime()) / 1000);
  if (s < 5) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function TimeAgo({ iso, never = "never", t }: { iso: string | null; never?: string; t?: Translate }) {
  if (!iso) return <span>{never}</span>;
  return <time dateTime={iso} title={iso}>{t ? ageText(iso, Date.now(), t) : formatAgo(iso)}</time>;
}
