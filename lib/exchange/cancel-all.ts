// THE ONLY EXCHANGE WRITE Keydesk makes: cancel all open orders of a key's account
// (`DELETE /account/orders`, REFERENCE.md §5.1 #9, the same path and answer in both dialects: a
// JSON array of the order ids submitted for cancellation). Kept apart from the read-only
// client (./client.ts) so nothing else can reach a non-GET call. Callers go through the
// upstream gate (lib/keys/cancel-all-orders.ts); the key goes only into the Authorization header.
import "server-only";
import { request } from "undici";
import { z } from "zod";
import { ExchangeError, mapUpstreamError } from "./errors";
import type { Dialect } from "./dialect";

const cancelledIds = z.array(z.string().max(64)).max(10_000);

export async function cancelAllOpenOrders(
  opts: { baseUrl: string; dialect: Dialect; timeoutMs: number },
  key: string,
): Promise<string[]> {
  const url = `${opts.baseUrl.replace(/\/$/, "")}/account/orders`;
  const label = "/account/orders";
  let status: number;
  let text: string;
  try {
    const res = await request(url, {
      method: "DELETE",
      headers: { Accept: "application/json", Authorization: `Bearer ${key.trim()}` },
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch {
    throw new ExchangeError("upstream_unreachable", null, { endpoint: label });
  }
  if (status < 200 || status > 299) throw mapUpstreamError(status, text, label, opts.dialect);
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : [];
  } catch {
    throw new ExchangeError("upstream_bad_response", status, { endpoint: label });
  }
  const parsed = cancelledIds.safeParse(json);
  if (!parsed.success) throw new ExchangeError("upstream_bad_response", status, { endpoint: label });
  return parsed.data;
}
