// The key page's age and status timeline (owner view): how long the key in use has been around,
// a reminder to Replace it past the configured age, and its status changes from the audit log.
import { Alert } from "@/components/ui/alert";
import type { Translate } from "@/lib/i18n";
import type { KeyAge, TimelineEntry } from "@/lib/keys/age";

export function KeyLifecycle({ age, timeline, t }: { age: KeyAge; timeline: TimelineEntry[]; t: Translate }) {
  return (
    <section
      aria-labelledby="key-age"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <h2 id="key-age" className="text-lg font-semibold">
        {t("age.title")}
      </h2>
      <p className="text-sm">{t("age.age", { days: age.days, since: age.since.slice(0, 10) })}</p>
      {age.rotateDue ? (
        <Alert tone="warning">
          {t("age.rotateDue", { days: age.days, limit: age.rotateAfterDays })}{" "}
          <a className="underline" href="#replace">
            {t("age.rotateLink")}
          </a>
        </Alert>
      ) : null}
      <h3 className="text-sm font-semibold">{t("age.timeline")}</h3>
      {timeline.length ? (
        <ol className="flex flex-col gap-1 text-sm">
          {timeline.map((e) => (
            <li key={`${e.at}-${e.action}`}>
              <time dateTime={e.at}>{e.at.replace("T", " ").slice(0, 19)} UTC</time> · {t(`age.action.${e.action}`)}
              {e.outcome !== "success" ? ` (${t("age.failed")})` : ""}
              {e.status ? ` · ${t("age.status", { status: e.status })}` : ""}
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("age.empty")}</p>
      )}
    </section>
  );
}
