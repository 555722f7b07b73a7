// Shown on every dashboard page of a session that began after failed sign-ins, until dismissed.
import { cookies } from "next/headers";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { SIGN_IN_REPORT_SEEN_COOKIE, signInReportFor } from "@/lib/sign-in/sign-in-report";
import { dismissSignInReportAction } from "@/lib/sign-in/sign-in-report-actions";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Translate } from "@/lib/i18n";

export async function SignInReportBanner({ user, t }: { user: CurrentUser; t: Translate }) {
  if ((await cookies()).get(SIGN_IN_REPORT_SEEN_COOKIE)?.value === user.sessionId) return null;
  const report = await signInReportFor(user.id, user.sessionId);
  if (!report) return null;
  return (
    <div className="mx-auto w-full max-w-6xl px-4 pt-4" data-testid="sign-in-report">
      <Alert tone="warning" title={t("alert.sign_in_failures.title")}>
        <p>
          {t("alert.sign_in_failures.body", {
            failures: String(report.failures),
            addresses: String(report.addresses),
          })}
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <Link href="/settings" className="underline">
            {t("signInReport.settings")}
          </Link>
          <form action={dismissSignInReportAction}>
            <button type="submit" className="underline">
              {t("signInReport.dismiss")}
            </button>
          </form>
        </div>
      </Alert>
    </div>
  );
}
