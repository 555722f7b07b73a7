"use client";
import { ActionForm } from "@/components/ui/action-form";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/lib/sign-in/session-actions";
import { useI18n } from "@/components/i18n/locale-provider";

export function RevokeSession({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  return (
    <ActionForm
      action={revokeSessionAction}
      hidden={{ sessionId }}
      submit={t("settings.signOut")}
      pending={t("settings.signingOut")}
      variant="secondary"
    />
  );
}
export function RevokeOthers() {
  const { t } = useI18n();
  return (
    <ActionForm
      action={revokeOtherSessionsAction}
      submit={t("settings.signOutOthers")}
      pending={t("settings.signingOut")}
      variant="danger"
    />
  );
}
