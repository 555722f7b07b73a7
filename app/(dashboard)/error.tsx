"use client";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/components/i18n/locale-provider";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <h1 className="text-lg font-semibold">{t("pages.errorTitle")}</h1>
      <p className="mt-1 text-sm">
        {t("pages.errorText")}{" "}
        {error.digest ? (
          <>
            {t("pages.reference")} <code>{error.digest}</code>
          </>
        ) : null}
      </p>
      <Button className="mt-3" variant="secondary" onClick={reset}>
        {t("pages.tryAgain")}
      </Button>
    </div>
  );
}
