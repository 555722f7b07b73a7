// The client's IP as our own HTTP server saw it. Next's server appends the socket address
// to x-forwarded-for, so the right-most entry is the one no client can forge.
export function clientIpFromHeaders(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last ?? headers.get("x-real-ip") ?? "unknown";
}
