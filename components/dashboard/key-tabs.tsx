"use client";
// Key page sections as a tab strip of links (?tab=…): works without JavaScript, keeps the
// browser's back button, scrolls sideways on phones, arrow keys move between tabs.
import Link from "next/link";
import { useRef } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { LinkPending } from "@/components/ui/link-pending";
import { TABS, type Tab } from "@/lib/ui/key-tabs";

export function KeyTabs({ keyId, current, tabs = TABS }: { keyId: string; current: Tab; tabs?: readonly Tab[] }) {
  const { t } = useI18n();
  const ref = useRef<HTMLUListElement>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const links = [...(ref.current?.querySelectorAll("a") ?? [])];
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    e.preventDefault();
    links[(i + (e.key === "ArrowRight" ? 1 : links.length - 1)) % links.length]?.focus();
  };
  return (
    <nav aria-label={t("tabs.label")} className="-mx-4 overflow-x-auto px-4" onKeyDown={onKeyDown}>
      <ul ref={ref} className="flex min-w-max gap-1 border-b border-slate-200 dark:border-slate-800">
        {tabs.map((tab) => (
          <li key={tab}>
            <Link
              href={`/keys/${keyId}?tab=${tab}`}
              scroll={false}
              aria-current={tab === current ? "page" : undefined}
              className="inline-flex min-h-11 items-center border-b-2 border-transparent px-3 text-sm font-medium text-slate-700 hover:text-slate-900 aria-[current=page]:border-sky-700 aria-[current=page]:text-sky-800 dark:text-slate-300 dark:aria-[current=page]:border-sky-400 dark:aria-[current=page]:text-sky-300"
            >
              {t(`tabs.${tab}`)}
              <LinkPending />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
