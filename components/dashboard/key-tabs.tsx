"use client";
// Key page sections as a tab strip of links (?tab=…): works without JavaScript, keeps the
// browser's back button, scrolls sideways on phones, arrow keys move between tabs. When tabs
// are off-screen, the strip's edge fades and an arrow button (a real button: keyboard and screen
// readers reach it) says there is more and scrolls to it; the open tab is scrolled into view.
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { LinkPending } from "@/components/ui/link-pending";
import { TABS, type Tab } from "@/lib/format/key-tabs";

export function KeyTabs({ keyId, current, tabs = TABS }: { keyId: string; current: Tab; tabs?: readonly Tab[] }) {
  const { t } = useI18n();
  const ref = useRef<HTMLUListElement>(null);
  const strip = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ before: false, after: false });
  const measure = useCallback(() => {
    const el = strip.current;
    if (!el) return;
    const before = el.scrollLeft > 1;
    const after = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setMore((m) => (m.before === before && m.after === after ? m : { before, after }));
  }, []);
  useEffect(() => {
    const el = strip.current;
    if (!el) return;
    el.querySelector<HTMLElement>('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
    measure();
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(measure);
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [measure, current]);
  const scrollBy = (dir: 1 | -1) => {
    const el = strip.current;
    if (el) el.scrollBy({ left: dir * Math.max(120, el.clientWidth * 0.6), behavior: "smooth" });
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const links = [...(ref.current?.querySelectorAll("a") ?? [])];
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    e.preventDefault();
    links[(i + (e.key === "ArrowRight" ? 1 : links.length - 1)) % links.length]?.focus();
  };
  const arrow =
    "absolute top-0 z-10 flex h-11 w-9 items-center justify-center text-lg text-slate-700 dark:text-slate-200";
  return (
    <nav aria-label={t("tabs.label")} className="relative -mx-4" onKeyDown={onKeyDown} data-testid="key-tabs">
      <div ref={strip} className="overflow-x-auto px-4" onScroll={measure}>
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
      </div>
      {more.before ? (
        <button
          type="button"
          className={`${arrow} left-0 bg-gradient-to-r from-white via-white/90 to-transparent dark:from-slate-950 dark:via-slate-950/90`}
          aria-label={t("tabs.scrollPrev")}
          data-testid="tabs-scroll-prev"
          onClick={() => scrollBy(-1)}
        >
          <span aria-hidden="true">‹</span>
        </button>
      ) : null}
      {more.after ? (
        <button
          type="button"
          className={`${arrow} right-0 bg-gradient-to-l from-white via-white/90 to-transparent dark:from-slate-950 dark:via-slate-950/90`}
          aria-label={t("tabs.scrollNext")}
          title={t("tabs.more")}
          data-testid="tabs-scroll-next"
          onClick={() => scrollBy(1)}
        >
          <span aria-hidden="true">›</span>
        </button>
      ) : null}
    </nav>
  );
}
