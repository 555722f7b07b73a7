import { setThemeAction } from "@/lib/theme/actions";
import { THEMES, type Theme } from "@/lib/theme";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

export function ThemeToggle({ current }: { current: Theme }) {
  return (
    <form action={setThemeAction} className="flex items-center gap-1" aria-label="Colour theme">
      {THEMES.map((t) => (
        <button
          key={t}
          type="submit"
          name="theme"
          value={t}
          aria-pressed={current === t}
          className="min-h-11 rounded-md px-2 text-xs font-medium text-slate-700 hover:bg-slate-100 aria-pressed:bg-slate-200 aria-pressed:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-pressed:bg-slate-700 dark:aria-pressed:text-white"
        >
          {LABELS[t]}
        </button>
      ))}
    </form>
  );
}
