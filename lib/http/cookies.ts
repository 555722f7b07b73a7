// A request's cookies from its own Cookie header, in the shape the session check reads
// (lib/request-context.ts's CookieReader). Parsed as browsers send them and as Next's own
// request cookies read them: `name=value` pairs split on `;`, values percent-decoded, and the
// last of two equal names wins. A value that doesn't decode is left out.
import type { CookieReader } from "@/lib/request-context";

export function requestCookies(headers: Headers): CookieReader {
  const jar = new Map<string, string>();
  for (const pair of (headers.get("cookie") ?? "").split(/; */)) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    if (at === -1) {
      jar.set(pair, "true");
      continue;
    }
    try {
      jar.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      // a malformed escape: not a cookie we could have set
    }
  }
  return {
    get: (name) => {
      const value = jar.get(name);
      return value === undefined ? undefined : { value };
    },
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  };
}
