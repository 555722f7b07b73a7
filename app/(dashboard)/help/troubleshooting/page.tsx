import type { Metadata } from "next";
import { Fragment } from "react";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("help.title") };
}

type SectionId =
  | "lostKey"
  | "createKey"
  | "confirmationEmail"
  | "permissions"
  | "ipRestriction"
  | "revoked"
  | "rateLimit"
  | "deleteKey"
  | "unreachable";

/** Each section: its anchor (kept stable: other pages link to them), its message prefix, its shape and paragraph count. */
const SECTIONS: { id: string; key: SectionId; kind: "p" | "ol" | "ul"; parts: number }[] = [
  { id: "lost-key", key: "lostKey", kind: "p", parts: 2 },
  { id: "create-key", key: "createKey", kind: "ol", parts: 7 },
  { id: "confirmation-email", key: "confirmationEmail", kind: "p", parts: 1 },
  { id: "permissions", key: "permissions", kind: "ul", parts: 3 },
  { id: "ip-restriction", key: "ipRestriction", kind: "p", parts: 2 },
  { id: "revoked", key: "revoked", kind: "p", parts: 1 },
  { id: "rate-limit", key: "rateLimit", kind: "p", parts: 2 },
  { id: "delete-key", key: "deleteKey", kind: "ol", parts: 3 },
  { id: "unreachable", key: "unreachable", kind: "p", parts: 1 },
];

/** Renders **bold** spans of a message; everything else stays text. */
function rich(text: string): React.ReactNode {
  return text
    .split(/\*\*(.+?)\*\*/g)
    .map((part, i) => (i % 2 ? <strong key={i}>{part}</strong> : <Fragment key={i}>{part}</Fragment>));
}

export default async function TroubleshootingPage() {
  const t = translator(await getLocale());
  const part = (key: SectionId, n: number) => rich(t(`help.${key}.${n}` as MessageKey));
  const title = (key: SectionId) => t(`help.${key}.title` as MessageKey);
  return (
    <article className="prose-sm flex max-w-3xl flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold">{t("help.title")}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("help.intro")}</p>
      </header>
      <nav aria-label={t("help.onThisPage")}>
        <ul className="flex flex-wrap gap-2 text-sm">
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a
                className="inline-flex min-h-11 items-center rounded-md px-2 text-sky-700 underline dark:text-sky-400"
                href={`#${s.id}`}
              >
                {title(s.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {SECTIONS.map((s) => {
        const nums = Array.from({ length: s.parts }, (_, i) => i + 1);
        return (
          <section
            key={s.id}
            id={s.id}
            aria-labelledby={`${s.id}-title`}
            className="scroll-mt-4 space-y-2 text-sm leading-6"
          >
            <h2 id={`${s.id}-title`} className="text-lg font-semibold">
              {title(s.key)}
            </h2>
            {s.kind === "p" ? (
              nums.map((n) => <p key={n}>{part(s.key, n)}</p>)
            ) : s.kind === "ol" ? (
              <ol className="list-decimal space-y-1 pl-5">
                {nums.map((n) => (
                  <li key={n}>{part(s.key, n)}</li>
                ))}
              </ol>
            ) : (
              <ul className="list-disc space-y-1 pl-5">
                {nums.map((n) => (
                  <li key={n}>{part(s.key, n)}</li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </article>
  );
}
