// GET /api/live?keys=a,b: one Server-Sent Events stream per tab, carrying the valuations of the
// keys on screen. Authorized exactly like the data routes before anything streams: a live
// session (401 otherwise) and read access to every key named (404 for a key the caller can't
// see, 403 for a stopped one). While open, access is decided again whenever the access epoch
// moves (lib/sessions/access-epoch.ts): sign-out, unshare, member removed or key stopped end the
// stream with an `end` event and nothing after it. Viewers with hidden amounts get percentages.
// A Trade key's order events (its TRADING connection) come as `order` events, amounts redacted alike.
import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { requireUser, type CurrentUser } from "@/lib/sessions/session";
import { loadSession } from "@/lib/sessions/session-check";
import { currentAccessEpoch } from "@/lib/sessions/access-epoch";
import { parseKeyId, requireKeyAccess, type KeyAccess } from "@/lib/keys/access";
import { readKeyEndpoint, readMarketEndpoint } from "@/lib/reads/endpoints";
import { getGate } from "@/lib/limiter/instance";
import { cacheKeyOf } from "@/lib/limiter/cache";
import { CACHE_POLICY } from "@/lib/limiter/policy";
import type { TickerLike } from "@/lib/money/valuation";
import { liveStreamClosed, liveStreamOpened } from "@/lib/metrics/hooks";
import { logger } from "@/lib/log";
import { getMarketStream } from "@/lib/market/instance";
import { getTradingStreams, tradingStreamsEnabled } from "@/lib/market/trading-instance";
import { LiveHub, type LiveViewer, type ViewerKeyAccess } from "./hub";

const globalForLive = globalThis as unknown as { keydeskLiveHub?: LiveHub };

export function getLiveHub(): LiveHub {
  globalForLive.keydeskLiveHub ??= new LiveHub({
    stream: getMarketStream(),
    trading: getTradingStreams(),
    epoch: currentAccessEpoch,
    lastRestTickers: async () =>
      ((await getGate().cache.get(cacheKeyOf("public", "tickers")))?.data as TickerLike[] | undefined) ?? null,
    balancesRefreshMs: getEnv().LIVE_BALANCES_REFRESH_SECONDS * 1_000,
    pollMs: CACHE_POLICY.tickers.ttlMs,
    logger,
  });
  return globalForLive.keydeskLiveHub;
}

/** The reason a stream ends, from the error a fresh access check gave. */
function endReason(err: unknown): string {
  if (err instanceof AppError) {
    if (err.code === "not_found") return "access_ended";
    if (err.code === "forbidden") return "key_stopped";
    if (err.code === "unauthorized") return "signed_out";
  }
  return "unavailable";
}

function parseKeys(url: string): string[] {
  const raw = new URL(url).searchParams.get("keys") ?? "";
  const ids = [
    ...new Set(
      raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (!ids.length) throw new AppError("bad_request", "error.liveNoKeys");
  if (ids.length > getEnv().LIVE_MAX_KEYS_PER_STREAM)
    throw new AppError("bad_request", "error.liveTooManyKeys", { values: { n: getEnv().LIVE_MAX_KEYS_PER_STREAM } });
  return ids.map(parseKeyId);
}

const encoder = new TextEncoder();

/** What a viewer may see of a key, and whether it has a TRADING connection (Trade, on One Trading Fast; never Read-only). */
function viewerAccess(a: KeyAccess): ViewerKeyAccess {
  return {
    hideAmounts: a.hideAmounts,
    ...(tradingStreamsEnabled() && a.scopes.includes("TRADE") ? { trading: true } : {}),
  };
}

export async function openLiveStream(req: Request): Promise<Response> {
  const user = await requireUser();
  const keyIds = parseKeys(req.url);
  const access = new Map<string, KeyAccess>();
  for (const id of keyIds) access.set(id, await requireKeyAccess(user, id, "read"));
  const hub = getLiveHub();
  if (hub.countFor(user.id) >= getEnv().LIVE_MAX_STREAMS_PER_USER)
    throw new AppError("rate_limited", "error.liveTooManyStreams", {
      retryAfterSeconds: 30,
    });
  return new Response(liveBody(req, user, access, hub), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

function liveBody(req: Request, user: CurrentUser, access: Map<string, KeyAccess>, hub: LiveHub) {
  let viewer: LiveViewer | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        liveStreamOpened();
        const finish = () => {
          if (done) return;
          done = true;
          liveStreamClosed();
          if (viewer) hub.close(viewer);
        };
        const write = (event: string, data: string): boolean => {
          if (done) return false;
          // A client that doesn't keep up skips pushes (each carries the whole state), so its queue stays small.
          if ((controller.desiredSize ?? 0) < 0 && event !== "end") return false;
          try {
            controller.enqueue(encoder.encode(`event: ${event}\ndata: ${data}\n\n`));
            return true;
          } catch {
            finish();
            return false;
          }
        };
        viewer = {
          id: randomUUID(),
          userId: user.id,
          keys: new Map([...access].map(([id, a]) => [id, viewerAccess(a)])),
          send: write,
          end(reason) {
            write("end", JSON.stringify({ reason }));
            finish();
            try {
              controller.close();
            } catch {
              // already closed by the client
            }
          },
          async recheck() {
            const live = await loadSession(user.sessionId, user.id);
            if (!live) return { ended: "signed_out" };
            const next = new Map<string, ViewerKeyAccess>();
            for (const id of access.keys()) {
              try {
                const a = await requireKeyAccess(user, id, "read");
                access.set(id, a);
                next.set(id, viewerAccess(a));
              } catch (err) {
                return { ended: endReason(err) };
              }
            }
            return { keys: next };
          },
          readBalances: (keyId, background) =>
            readKeyEndpoint(
              user,
              keyId,
              "balances",
              {},
              { raw: true, access: access.get(keyId), priority: background ? "background" : "interactive" },
            ),
          readTickers: () => readMarketEndpoint(user, "tickers"),
        };
        req.signal.addEventListener("abort", finish, { once: true });
        write("hello", JSON.stringify({ keys: [...access.keys()] }));
        void hub.open(viewer).catch((err: unknown) => logger.warn({ err: String(err) }, "live stream failed to open"));
      },
      cancel() {
        if (done) return;
        done = true;
        liveStreamClosed();
        if (viewer) hub.close(viewer);
      },
    },
    { highWaterMark: 16 * 1024, size: (chunk) => chunk.byteLength },
  );
}
