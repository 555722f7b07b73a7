// The client's IP for sign-in limits and the sessions list. Without KEYDESK_TRUSTED_PROXIES it
// is the connection's address, whatever X-Forwarded-For says. With it, the chain is read from
// the socket leftwards and the first address that is not a trusted proxy is the client: the
// right-most entry a client could not have written itself.
import { BlockList, isIP } from "node:net";
import { getEnv } from "@/lib/env";
import { normalizeIp, peerHeaderName } from "@/lib/http/peer-address";

function trustList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [addr = "", bits] = entry.split("/");
    const ip = normalizeIp(addr);
    const type = isIP(ip) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return list;
}

function isTrusted(list: BlockList, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 6 ? "ipv6" : "ipv4");
}

/** Pure: the client among the socket's peer and the X-Forwarded-For chain, given the trusted proxies. */
export function resolveClientIp(input: {
  peer: string;
  forwardedFor: string | null;
  trustedProxies: string[];
}): string {
  const peer = normalizeIp(input.peer);
  if (!input.trustedProxies.length) return peer;
  const list = trustList(input.trustedProxies);
  if (!isTrusted(list, peer)) return peer;
  const chain = (input.forwardedFor ?? "").split(",").map(normalizeIp).filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]!;
    // A malformed entry is where the trusted chain ends: everything left of it is the client's word.
    if (!isIP(hop)) return hop.slice(0, 64);
    if (!isTrusted(list, hop)) return hop;
  }
  // Every hop is a proxy we trust: the left-most is as far as we can see.
  return chain[0] ?? peer;
}

/**
 * The client IP of a request. Under Keydesk's server the peer comes from the socket (stamped
 * by bin/start.ts). Under `next dev` there is no such stamp: Next's own
 * X-Forwarded-For (the socket's address unless the client sent one) is used, development only.
 */
export function clientIpFromHeaders(headers: Headers): string {
  const env = getEnv();
  const name = peerHeaderName();
  const stamped = name ? headers.get(name) : null;
  let peer = stamped;
  if (!peer) {
    if (env.NODE_ENV === "production") return "unknown";
    peer =
      headers
        .get("x-forwarded-for")
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .pop() ?? "unknown";
    return normalizeIp(peer);
  }
  return resolveClientIp({
    peer,
    forwardedFor: headers.get("x-forwarded-for"),
    trustedProxies: env.KEYDESK_TRUSTED_PROXIES,
  });
}
