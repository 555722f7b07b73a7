"use client";
// Inside a Link: a small pulsing dot while the page it leads to is on its way. The dashboard has
// no page-wide loading screen (it would hold each page's server-rendered data back: React reveals
// a streamed boundary no sooner than 300 ms after the first paint), so the link that was followed
// says that something is happening. It appears only after 150 ms, so a quick navigation doesn't flash.
import { useLinkStatus } from "next/link";

export function LinkPending() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden="true"
      data-pending={pending || undefined}
      className="ml-1.5 inline-block size-1.5 shrink-0 rounded-full bg-current opacity-0 data-[pending]:animate-link-pending"
    />
  );
}
