import { setThemeAction } from "@/lib/preferences/actions";
import { THEMES, type Theme } from "@/lib/preferences/theme";
import { translator, type Locale } from "@/lib/i18n";

export function ThemeToggle({ current, locale = "en" }: { current: Theme; locale?: Locale }) {
  const t = translator(locale);
  return (
    <form action={setThemeAction} className="flex items-center gap-1" aria-label={t("shell.theme")}>
      {THEMES.map((theme) => (
        <button
          key={theme}
          type="submit"
          name="theme"
          value={theme}
          aria-pressed={current === theme}
          className="min-h-11 rounded-md px-2 text-xs font-medium text-slate-700 hover:bg-slate-100 aria-pressed:bg-slate-200 aria-pressed:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-pressed:bg-slate-700 dark:aria-pressed:text-white"
        >
          {t(`shell.theme.${theme}`)}
        </button>
      ))}
    </form>
  );
}
