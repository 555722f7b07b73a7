"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/components/i18n/locale-provider";
import { LinkPending } from "@/components/ui/link-pending";

export const NAV_ITEMS = [
  { href: "/portfolio", label: "nav.portfolio" },
  { href: "/keys", label: "nav.keys" },
  { href: "/teams", label: "nav.teams" },
  { href: "/activity", label: "nav.activity" },
  { href: "/settings", label: "nav.settings" },
] as const;

export function NavLinks({ orientation }: { orientation: "row" | "column" }) {
  const pathname = usePathname();
  const { t } = useI18n();
  return (
    <ul className={orientation === "row" ? "flex items-center gap-1" : "flex flex-col gap-1"}>
      {NAV_ITEMS.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`flex min-h-11 items-center rounded-md px-3 text-sm font-medium ${active ? "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
            >
              {t(item.label)}
              <LinkPending />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
