// bench:paint's in-page probe: where the time goes between navigation and "data on screen".
// Runs before the document's first byte is parsed (an init script), so it sees streamed HTML
// and client renders alike; every stamp is performance.now(), whose zero is the navigation's start.
//   inDomAt   the data's element is in the document with text (maybe still in a streamed
//             boundary's hidden container, waiting for React's inline script to reveal it)
//   shownAt   the same element rendered and visible: what the benchmark reports
//   hydratedAt React has attached itself to that element (hydration reached it)
// plus the navigation's own timing: first byte, last byte, DOMContentLoaded.

import { writeFileSync } from "node:fs";

/** The phases of one navigation, in ms from its start. */
export interface PaintPhases {
  shownAt: number;
  inDomAt: number;
  hydratedAt: number | null;
  ttfb: number;
  responseEnd: number;
  domContentLoaded: number;
  htmlBytes: number;
}

/** The init script's source (a string: tsx's helpers such as __name don't exist in the page). */
export function probeScript(selector: string, all: boolean): string {
  return `(() => {
    const selector = ${JSON.stringify(selector)};
    const all = ${JSON.stringify(all)};
    const w = window;
    const enough = (els) => els.length > 0 &&
      (!all || els.length >= document.querySelectorAll('[data-testid="key-card-value"]').length);
    const check = () => {
      const els = [...document.querySelectorAll(selector)].filter((e) => e.textContent && e.textContent.trim());
      if (w.__inDomAt === undefined && enough(els)) w.__inDomAt = performance.now();
      if (w.__paintAt === undefined && enough(els.filter((e) => e.checkVisibility()))) w.__paintAt = performance.now();
      if (w.__hydratedAt === undefined && els.some((e) => Object.keys(e).some((k) => k.startsWith("__reactFiber"))))
        w.__hydratedAt = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    // A stylesheet arriving can show what was there already; hydration changes no DOM.
    const tick = () => { check(); if (w.__hydratedAt === undefined) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })();`;
}

/** Read in the page once the data is on screen and the document has loaded. */
export function readPhases(): PaintPhases {
  const w = window as unknown as { __paintAt: number; __inDomAt?: number; __hydratedAt?: number };
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  return {
    shownAt: w.__paintAt,
    inDomAt: w.__inDomAt ?? w.__paintAt,
    hydratedAt: w.__hydratedAt ?? null,
    ttfb: nav?.responseStart ?? NaN,
    responseEnd: nav?.responseEnd ?? NaN,
    domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
    htmlBytes: nav?.decodedBodySize ?? NaN,
  };
}

/** One streamed chunk of a page's HTML as the server sent it: when (ms after the request), how big, what it holds. */
export interface ServerChunk {
  atMs: number;
  bytes: number;
  /** Streamed boundaries this chunk completes (React's `$RC` calls) and segments it fills (`$RS`). */
  completes: number;
}

/** Fetches a page as the browser would (no browser work): when each part of its HTML arrived. */
export async function serverChunks(url: string, cookie: string, keepAs?: string): Promise<ServerChunk[]> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
  const chunks: ServerChunk[] = [{ atMs: performance.now() - started, bytes: 0, completes: 0 }];
  const decoder = new TextDecoder();
  let html = "";
  for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
    const text = decoder.decode(part, { stream: true });
    html += text;
    chunks.push({
      atMs: performance.now() - started,
      bytes: part.byteLength,
      completes: (text.match(/\$RC\(|\$RS\(|\$RR\(/g) ?? []).length,
    });
  }
  if (keepAs) writeFileSync(keepAs, html);
  return chunks;
}

/** "headers 12 ms · 3.1 kB at 15 · 40.2 kB at 80 (2 reveals)": a page's arrival, chunks merged per 5 ms. */
export function describeChunks(chunks: ServerChunk[]): string {
  const merged: ServerChunk[] = [];
  for (const c of chunks.slice(1)) {
    const last = merged[merged.length - 1];
    if (last && c.atMs - last.atMs < 5) {
      last.bytes += c.bytes;
      last.completes += c.completes;
    } else merged.push({ ...c });
  }
  const parts = merged.map(
    (c) => `${(c.bytes / 1024).toFixed(1)} kB at ${c.atMs.toFixed(0)}${c.completes ? ` (${c.completes} reveals)` : ""}`,
  );
  return [`headers ${chunks[0]!.atMs.toFixed(0)} ms`, ...parts].join(" · ");
}

export const PHASES_HEADER =
  "phases (median ms: first byte · data in HTML · shown · DOMContentLoaded · hydrated · HTML kB)";

/** One route's phases, each the median over its runs. */
export function phasesLine(runs: PaintPhases[], median: (v: number[]) => number): string {
  const med = (f: (p: PaintPhases) => number | null) => Math.round(median(runs.map((p) => f(p) ?? NaN)));
  const kb = Math.round(median(runs.map((p) => p.htmlBytes)) / 102.4) / 10;
  return [
    med((p) => p.ttfb),
    med((p) => p.inDomAt),
    med((p) => p.shownAt),
    med((p) => p.domContentLoaded),
    med((p) => p.hydratedAt),
    kb,
  ].join(" · ");
}
