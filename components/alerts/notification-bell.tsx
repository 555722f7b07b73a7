// The header's bell: a link to the notifications page with the unread count (no fetching here;
// the layout passes the count). Its accessible name is its own content ("Notifications 2 unread"),
// so the visible count is part of the name, as speech input users need (axe's
// label-content-name-mismatch).
import Link from "next/link";
import type { Translate } from "@/lib/i18n";

export function NotificationBell({ unread, t }: { unread: number; t: Translate }) {
  const label = unread ? t("alerts.bellUnread", { count: unread }) : t("alerts.bell");
  const shown = unread > 99 ? "99+" : String(unread);
  return (
    <Link
      href="/notifications"
      title={label}
      data-testid="notification-bell"
      className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-md hover:bg-slate-100 dark:hover:bg-slate-800"
    >
      <span className="sr-only">{`${t("alerts.bell")} `}</span>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread ? (
        <span
          data-testid="notification-count"
          className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-bold text-white"
        >
          {shown}
        </span>
      ) : null}
      {unread ? <span className="sr-only"> {t("alerts.bellUnreadSuffix")}</span> : null}
    </Link>
  );
}
