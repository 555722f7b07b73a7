import { setLocaleAction } from "@/lib/preferences/actions";
import { translator, type Locale } from "@/lib/i18n";

const LABELS: Record<Locale, { short: string; name: string }> = {
  en: { short: "EN", name: "English" },
  de: { short: "DE", name: "Deutsch" },
};

export function LocaleToggle({ current }: { current: Locale }) {
  return (
    <form
      action={setLocaleAction}
      className="flex items-center gap-1"
      aria-label={translator(current)("shell.language")}
    >
      {(["en", "de"] as const).map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          aria-pressed={current === l}
          lang={l}
          title={LABELS[l].name}
          className="min-h-11 min-w-11 rounded-md px-2 text-xs font-medium text-slate-700 hover:bg-slate-100 aria-pressed:bg-slate-200 aria-pressed:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-pressed:bg-slate-700 dark:aria-pressed:text-white"
        >
          {LABELS[l].short}
        </button>
      ))}
    </form>
  );
}
