"use client";
// Mark notifications read, and the per-person alert settings.
import { ActionForm } from "@/components/ui/action-form";
import { markNotificationReadAction, saveAlertSettingsAction } from "@/lib/alerts/actions";
import { useI18n } from "@/components/i18n/locale-provider";

export function MarkRead({ id }: { id?: string }) {
  const { t } = useI18n();
  return (
    <ActionForm
      action={markNotificationReadAction}
      hidden={id ? { id } : {}}
      submit={id ? t("alerts.markRead") : t("alerts.markAllRead")}
      pending="…"
      variant="secondary"
    />
  );
}

export function AlertSettingsForm({ email, inApp, mail }: { email: boolean; inApp: boolean; mail: boolean }) {
  const { t } = useI18n();
  return (
    <ActionForm action={saveAlertSettingsAction} submit={t("alerts.settingsSave")} pending="…" variant="secondary">
      {() => (
        <fieldset className="flex flex-col gap-2 text-sm">
          <legend className="sr-only">{t("alerts.settingsTitle")}</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="inApp" defaultChecked={inApp} className="size-5" />
            {t("alerts.settingInApp")}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            {/* Without mail on this server the box is off (not checked-and-disabled): no e-mail can go out. */}
            <input
              type="checkbox"
              name="email"
              defaultChecked={mail && email}
              disabled={!mail}
              aria-describedby={mail ? undefined : "alert-email-off"}
              className="size-5"
              data-testid="alert-email"
            />
            {t("alerts.settingEmail")}
          </label>
          {!mail ? (
            <p id="alert-email-off" className="text-slate-600 dark:text-slate-400">
              {t("alerts.settingEmailOff")}
            </p>
          ) : null}
        </fieldset>
      )}
    </ActionForm>
  );
}
