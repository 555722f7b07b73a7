import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/sessions/session";
import { listNotifications } from "@/lib/alerts/notifications";
import { alertText } from "@/lib/alerts/deliver";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { LocalTime } from "@/components/ui/local-time";
import { MarkRead } from "@/components/alerts/notification-forms";
import { UnreadSync } from "@/components/alerts/unread-sync";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("alerts.pageTitle") };
}

export default async function NotificationsPage() {
  const user = await requirePageUser();
  const [items, locale] = await Promise.all([listNotifications(user.id), getLocale()]);
  const t = translator(locale);
  const unreadCount = items.filter((n) => !n.readAt).length;
  const unread = unreadCount > 0;
  return (
    <div className="flex flex-col gap-4">
      {/* The bell counts every unread one; this list shows the newest 100, so it reports its own count only when it shows them all. */}
      {items.length < 100 ? <UnreadSync count={unreadCount} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("alerts.pageTitle")}</h1>
        {unread ? <MarkRead /> : null}
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("alerts.empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="notifications">
          {items.map((n) => {
            const text = alertText(locale, n.kind, n.detail);
            return (
              <li
                key={n.id}
                className={`flex flex-col gap-1 rounded-lg border p-3 ${n.readAt ? "border-slate-200 dark:border-slate-800" : "border-sky-400 dark:border-sky-600"}`}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="font-semibold break-words">
                    {!n.readAt ? <span className="sr-only">{t("alerts.unread")}: </span> : null}
                    {n.keyRef ? (
                      <Link className="underline" href={`/keys/${n.keyRef}`}>
                        {text.title}
                      </Link>
                    ) : (
                      text.title
                    )}
                  </h2>
                  <LocalTime iso={n.createdAt.toISOString()} />
                </div>
                <p className="text-sm break-words">{text.body}</p>
                {!n.readAt ? <MarkRead id={n.id} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
