// The SWR fetcher: JSON on success; on failure the server's AppError rebuilt with its
// code, message, reason, request id and Retry-After, so widgets can say exactly what happened.
import { AppError } from "@/lib/errors";

export async function fetchJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" });
  } catch {
    throw new AppError("upstream_unavailable", "states.network", { reason: "NETWORK" });
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const err = AppError.fromBody(body, res.status);
    const retry = Number(res.headers.get("retry-after"));
    if (err.retryAfterSeconds === undefined && Number.isFinite(retry) && retry > 0)
      throw new AppError(err.code, { text: err.message }, { ...err.toBody(), retryAfterSeconds: retry });
    throw err;
  }
  // A success that isn't JSON: the same "unexpected response" an unreadable error answer gets (502).
  if (body === null) throw AppError.fromBody(null, 502);
  return body as T;
}

/** SWR options shared by exchange-backed widgets: keep the last data on error, retry after Retry-After. */
export const exchangeSWR = {
  keepPreviousData: true,
  revalidateOnFocus: true,
  shouldRetryOnError: true,
  onErrorRetry: (
    err: unknown,
    _key: string,
    _config: unknown,
    revalidate: (o: { retryCount: number }) => void,
    { retryCount }: { retryCount: number },
  ) => {
    if (!(err instanceof AppError)) return;
    if (["not_found", "forbidden", "unauthorized", "bad_request", "unprocessable"].includes(err.code)) return;
    if (retryCount >= 5) return;
    const wait =
      err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : Math.min(30_000, 2_000 * 2 ** retryCount);
    setTimeout(() => revalidate({ retryCount }), wait);
  },
};
