"use client";
// The request id behind an error, small, for support, labelled in the reader's language.
import { useI18n } from "@/components/i18n/locale-provider";

/** Nothing when there is no id. */
export function ErrorReference({ id, className = "mt-1" }: { id?: string; className?: string }) {
  const { t } = useI18n();
  if (!id) return null;
  return (
    <p className={`${className} break-all text-xs opacity-80`}>
      {t("pages.reference")} <code data-testid="error-reference">{id}</code>
    </p>
  );
}
