// A stored value's age, shown only when it is older than the page promises ("17 h old").
import type { Translate } from "@/lib/i18n";

export function valueAgeWords(minutes: number, t: Translate): string {
  if (minutes < 120) return t("valueAge.minutes", { n: minutes });
  if (minutes < 48 * 60) return t("valueAge.hours", { n: Math.floor(minutes / 60) });
  return t("valueAge.days", { n: Math.floor(minutes / 1440) });
}

export function ValueAge({ minutes, t }: { minutes: number | null; t: Translate }) {
  if (minutes === null) return null;
  return (
    <span
      className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100"
      data-testid="value-age"
    >
      {valueAgeWords(minutes, t)}
    </span>
  );
}
