"use client";
// The invitation link an invite action answers with, shown once next to the invite form.
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import { useI18n } from "@/components/i18n/locale-provider";

export function InviteLink({ message, link, expiresAt }: { message?: string; link: string; expiresAt?: string }) {
  const { t } = useI18n();
  return (
    <Alert tone="success" title={message}>
      <p className="mt-1 break-all font-mono text-xs" data-testid="invite-link">
        {link}
      </p>
      <p className="mt-1 text-xs">
        {t("team.inviteLinkOnce")}
        {expiresAt ? (
          <>
            {" "}
            {t("team.inviteLinkExpires")} <LocalTime iso={expiresAt} />.
          </>
        ) : null}
      </p>
    </Alert>
  );
}
