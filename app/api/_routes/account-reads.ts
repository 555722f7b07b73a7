// The reads that aren't one key's: the budget, the market, the portfolio home, live prices, health.
import { NextResponse } from "next/server";
import type { RouteHandler } from "@/lib/http/route";
import { requireUser } from "@/lib/sessions/session";
import { readMarketEndpoint } from "@/lib/reads/endpoints";
import { readUsage } from "@/lib/reads/usage";
import { readPortfolioHome } from "@/lib/portfolio/home";
import { parseRange } from "@/lib/portfolio/series";
import { openLiveStream } from "@/lib/live/route";
import { checkHealth, presentsHealthToken, summarizeHealth } from "@/lib/health";

type Plain = RouteHandler<unknown>;

/** The upstream budget as this user may see it: the egress IP, their accounts, their own share. */
export const usage: Plain = async () => readUsage(await requireUser());

export const market =
  (endpoint: "tickers" | "instruments" | "currencies"): Plain =>
  async () =>
    readMarketEndpoint(await requireUser(), endpoint);

/** ?range=…: the signed-in person's portfolio across every key they can see, from stored snapshots; keys with hidden amounts contribute no amount. */
export const portfolioHome: Plain = async ({ req }) => {
  const user = await requireUser();
  return readPortfolioHome(user, parseRange(new URL(req.url).searchParams.get("range")));
};

/** ?keys=…: Server-Sent Events with the valuations of the keys on screen (authorized like the data routes, ends when access ends). */
export const live: Plain = async ({ req }) => openLiveStream(req);

/**
 * 200 when the database answers (degraded parts are reported), 503 when it doesn't. Anyone gets
 * ok/degraded per dependency; an operator with KEYDESK_HEALTH_TOKEN (Authorization: Bearer …)
 * gets timings and error text. The exchange is probed at most once per instance per 30 s,
 * through the upstream gate.
 */
export const health: Plain = async ({ req, requestId }) => {
  const result = await checkHealth();
  const body = presentsHealthToken(req.headers.get("authorization")) ? result : summarizeHealth(result);
  return NextResponse.json(body, {
    status: result.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store", "x-request-id": requestId },
  });
};
