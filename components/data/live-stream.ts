"use client";
// One Server-Sent Events stream per tab (GET /api/live?keys=…) for every key on screen: widgets
// register the keys they show and hear each key's valuations (`portfolio`) and, for a Trade key
// with its own TRADING connection, its order events (`order`) as the server pushes them. The
// stream is reopened when the set of keys changes, and closed for good when the server ends it
// (access ended, signed out): the widgets then poll as before.
import type { Valuation } from "@/lib/reads/valuation";
import type { OrderPush } from "@/lib/live/order-push";

type Listener = (p: Valuation) => void;
type OrderListener = (o: OrderPush) => void;
type EndListener = (reason: string) => void;

const listeners = new Map<string, Set<Listener>>();
const orderListeners = new Map<string, Set<OrderListener>>();
const endListeners = new Set<EndListener>();
let source: EventSource | null = null;
let openFor = "";
let pending = false;
/** Keys whose access ended: not asked for again in this tab. */
const ended = new Set<string>();

function wanted(): string {
  return [...new Set([...listeners.keys(), ...orderListeners.keys()])]
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
  es.addEventListener("order", (e) => {
    try {
      const o = JSON.parse((e as MessageEvent<string>).data) as OrderPush;
      for (const l of orderListeners.get(o.keyId) ?? []) l(o);
    } catch {
      // a malformed push is skipped
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

function follow<L>(map: Map<string, Set<L>>, keyId: string, listener: L, onEnd?: EndListener): () => void {
  let set = map.get(keyId);
  if (!set) {
    set = new Set();
    map.set(keyId, set);
  }
  set.add(listener);
  if (onEnd) endListeners.add(onEnd);
  scheduleReopen();
  return () => {
    set.delete(listener);
    if (!set.size) map.delete(keyId);
    if (onEnd) endListeners.delete(onEnd);
    scheduleReopen();
  };
}

/** Hears `keyId`'s live valuations; returns the unsubscribe. */
export function followKey(keyId: string, onPortfolio: Listener, onEnd?: EndListener): () => void {
  return follow(listeners, keyId, onPortfolio, onEnd);
}

/** Hears `keyId`'s order events (a Trade key with its own TRADING connection); returns the unsubscribe. */
export function followOrders(keyId: string, onOrder: OrderListener, onEnd?: EndListener): () => void {
  return follow(orderListeners, keyId, onOrder, onEnd);
}
