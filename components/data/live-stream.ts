"use client";
// One Server-Sent Events stream per tab (GET /api/live?keys=…) for every key on screen: widgets
// register the keys they show and hear each key's valuations as the server pushes them. The
// stream is reopened when the set of keys changes, and closed for good when the server ends it
// (access ended, signed out): the widgets then poll as before.
import type { Valuation } from "@/lib/reads/valuation";

type Listener = (p: Valuation) => void;
type EndListener = (reason: string) => void;

const listeners = new Map<string, Set<Listener>>();
const endListeners = new Set<EndListener>();
let source: EventSource | null = null;
let openFor = "";
let pending = false;
/** Keys whose access ended: not asked for again in this tab. */
const ended = new Set<string>();

function wanted(): string {
  return [...listeners.keys()]
    .filter((k) => !ended.has(k))
    .sort()
    .join(",");
}

function reopen() {
  pending = false;
  const keys = wanted();
  if (keys === openFor && source) return;
  source?.close();
  source = null;
  openFor = keys;
  if (!keys || typeof EventSource === "undefined") return;
  const es = new EventSource(`/api/live?keys=${encodeURIComponent(keys)}`);
  source = es;
  es.addEventListener("portfolio", (e) => {
    try {
      const m = JSON.parse((e as MessageEvent<string>).data) as { keyId: string; portfolio: Valuation };
      for (const l of listeners.get(m.keyId) ?? []) l(m.portfolio);
    } catch {
      // a malformed push is skipped; the next carries the whole state
    }
  });
  es.addEventListener("end", (e) => {
    let reason = "access_ended";
    try {
      reason = (JSON.parse((e as MessageEvent<string>).data) as { reason: string }).reason;
    } catch {
      // keep the default
    }
    es.close();
    if (source === es) source = null;
    for (const k of keys.split(",")) ended.add(k);
    openFor = "";
    for (const l of endListeners) l(reason);
  });
}

function scheduleReopen() {
  if (pending) return;
  pending = true;
  queueMicrotask(reopen);
}

/** Hears `keyId`'s live valuations; returns the unsubscribe. */
export function followKey(keyId: string, onPortfolio: Listener, onEnd?: EndListener): () => void {
  let set = listeners.get(keyId);
  if (!set) {
    set = new Set();
    listeners.set(keyId, set);
  }
  set.add(onPortfolio);
  if (onEnd) endListeners.add(onEnd);
  scheduleReopen();
  return () => {
    set.delete(onPortfolio);
    if (!set.size) listeners.delete(keyId);
    if (onEnd) endListeners.delete(onEnd);
    scheduleReopen();
  };
}
