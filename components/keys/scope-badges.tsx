import { scopeInfo, sortScopes } from "@/lib/keys/scope-info";
import { translator, type Translate } from "@/lib/i18n";

const STYLE = {
  low: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  high: "border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  critical: "border-red-400 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
} as const;

export function ScopeBadges({ scopes, t = translator("en") }: { scopes: string[]; t?: Translate }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={t("scope.label")}>
      {sortScopes(scopes).map((s) => {
        const info = scopeInfo(s, t);
        return (
          <li key={s} className={`rounded border px-2 py-0.5 text-xs font-semibold ${STYLE[info.risk]}`}>
            {info.risk !== "low" ? <span aria-hidden="true">⚠ </span> : null}
            {info.name}
          </li>
        );
      })}
    </ul>
  );
}
