// The key page's exchange-backed widgets as server components: each reads its first view
// through lib/reads (the API routes' own read path) and hands it to its client panel, which
// renders it into the HTML and lets SWR take over from it. The page starts the reads before
// its own database reads (startKeyReads), so they run side by side. A widget whose first view
// is there by the time the page renders (or within INLINE_WAIT_MS) goes into the page's HTML
// inline (no boundary of its own to stream and reveal later); one still reading gets its own
// Suspense boundary, so the frame paints and a slow widget holds up nothing else.
import "server-only";
import { Suspense, type ReactNode } from "react";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Tab } from "@/lib/format/key-tabs";
import { readFirstUsage, readFirstViewOfTab } from "@/lib/reads/first-paint";
import { KeySection } from "./key-sections";
import { LazyUsageMeter as UsageMeter } from "./lazy-usage-meter";

type SectionRead = ReturnType<typeof readFirstViewOfTab>;
type UsageRead = ReturnType<typeof readFirstUsage>;

/** The key page's reads, started together; each settles on its own (a failure is a missing first view). */
export interface KeyReads {
  tab: Tab;
  section: SectionRead;
  usage: UsageRead;
}

/** Starts the first views of a key page's open tab and of the usage meter (both authorize themselves). */
export function startKeyReads(user: CurrentUser, keyId: string, tab: Tab, search: URLSearchParams): KeyReads {
  const section = readFirstViewOfTab(user, keyId, tab, search);
  const usage = readFirstUsage(user);
  // Awaited when rendered; a page that renders neither (a stopped key) must not leave them unhandled.
  section.catch(() => undefined);
  usage.catch(() => undefined);
  return { tab, section, usage };
}

/**
 * How long the page's content waits for a widget's first view before streaming it instead.
 * The reads start before the page's own database reads, so a cached one is in by then; a read
 * that goes to the exchange (its value older than its freshness) usually answers within this.
 * Inline, the widget shows with the page; streamed, React reveals its boundary at least 300 ms
 * after the page's (its reveal throttle), so a short wait here shows the data sooner.
 */
export const INLINE_WAIT_MS = 150;

/** The promise's value if it settles within `waitMs`, else null (a failure is a missing value: null too). */
async function ifSettled<T>(p: Promise<T>, waitMs = INLINE_WAIT_MS): Promise<{ value: T } | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  try {
    return await Promise.race([
      p.then(
        (value) => ({ value }),
        () => null,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function KeySectionWithData({
  keyId,
  tab,
  read,
  ordersPushed,
}: {
  keyId: string;
  tab: Tab;
  read: SectionRead;
  ordersPushed?: boolean;
}) {
  const initial = await read.catch(() => undefined);
  return <KeySection keyId={keyId} tab={tab} initial={initial} ordersPushed={ordersPushed} />;
}

/** The open tab's widget: inline when its first view is here, else streamed in its own boundary. */
export async function KeySectionSlot({
  keyId,
  reads,
  fallback,
  ordersPushed,
}: {
  keyId: string;
  reads: KeyReads;
  fallback: ReactNode;
  /** The key's order events come on the live stream (a Trade key's TRADING connection). */
  ordersPushed?: boolean;
}) {
  const ready = await ifSettled(reads.section);
  if (ready)
    return (
      <KeySection key={reads.tab} keyId={keyId} tab={reads.tab} initial={ready.value} ordersPushed={ordersPushed} />
    );
  return (
    <Suspense key={reads.tab} fallback={fallback}>
      <KeySectionWithData keyId={keyId} tab={reads.tab} read={reads.section} ordersPushed={ordersPushed} />
    </Suspense>
  );
}

async function UsageMeterWithData({ accountId, read }: { accountId: string; read: UsageRead }) {
  const usage = await read.catch(() => undefined);
  return <UsageMeter accountId={accountId} initial={usage?.value} />;
}

/** The usage meter: inline when its first reading is here, else streamed (nothing shown until then). */
export async function UsageMeterSlot({ accountId, reads }: { accountId: string; reads: KeyReads }) {
  const ready = await ifSettled(reads.usage);
  if (ready) return <UsageMeter accountId={accountId} initial={ready.value?.value} />;
  return (
    <Suspense fallback={null}>
      <UsageMeterWithData accountId={accountId} read={reads.usage} />
    </Suspense>
  );
}
