"use client";
// An exchange code shown as a word in the reader's language, the code itself on hover.
import { codeWord, type CodeKind } from "@/lib/format/exchange-words";
import { useI18n } from "@/components/i18n/locale-provider";

export function CodeWord({
  kind,
  code,
  className,
  title,
}: {
  kind: CodeKind;
  code: string;
  className?: string;
  /** The hover text when it should say more than the code (default: the code). */
  title?: string;
}) {
  const { t } = useI18n();
  return (
    <abbr title={title ?? code} className={`no-underline ${className ?? ""}`} data-code={code}>
      {codeWord(t, kind, code)}
    </abbr>
  );
}
