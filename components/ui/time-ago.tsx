import { ageText } from "@/lib/format/freshness";
import { translator, type Translate } from "@/lib/i18n";
// Renders a UTC timestamp as an absolute ISO time (for machines and tooltips) with a
// human "3 min ago" text in the reader's language (fresh.* messages), computed on the server at render time.
export function TimeAgo({ iso, never, t = translator("en") }: { iso: string | null; never?: string; t?: Translate }) {
  if (!iso) return <span>{never ?? t("card.never")}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {/* eslint-disable-next-line react-hooks/purity -- a server component: "now" is the request's time, on purpose */}
      {ageText(iso, Date.now(), t)}
    </time>
  );
}
