// The client IP for sign-in limits: the socket's address unless trusted proxies are named,
// then the right-most X-Forwarded-For entry that is not one of them.
import { resolveClientIp } from "@/lib/http/client-ip";
import { normalizeIp } from "@/lib/http/peer-address";

describe("resolveClientIp", () => {
  it("without trusted proxies, a spoofed X-Forwarded-For changes nothing", () => {
    for (const xff of [null, "6.6.6.6", "1.2.3.4, 5.6.7.8", "garbage", "127.0.0.1"]) {
      expect(resolveClientIp({ peer: "198.51.100.7", forwardedFor: xff, trustedProxies: [] })).toBe("198.51.100.7");
    }
  });

  it("with trusted proxies, takes the right-most untrusted entry", () => {
    const trustedProxies = ["127.0.0.1", "10.0.0.0/8"];
    expect(resolveClientIp({ peer: "127.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.5", trustedProxies })).toBe(
      "203.0.113.5",
    );
    expect(resolveClientIp({ peer: "127.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.5, 10.1.2.3", trustedProxies })).toBe(
      "203.0.113.5",
    );
    // A client's own forged entries sit left of the one the proxy appended: never chosen.
    expect(resolveClientIp({ peer: "10.0.0.9", forwardedFor: "10.0.0.1, 203.0.113.6", trustedProxies })).toBe(
      "203.0.113.6",
    );
  });

  it("ignores X-Forwarded-For when the connection does not come from a trusted proxy", () => {
    expect(resolveClientIp({ peer: "198.51.100.8", forwardedFor: "203.0.113.5", trustedProxies: ["127.0.0.1"] })).toBe(
      "198.51.100.8",
    );
  });

  it("stops at a malformed hop and copes with an all-trusted chain", () => {
    expect(
      resolveClientIp({ peer: "127.0.0.1", forwardedFor: "1.1.1.1, not-an-ip", trustedProxies: ["127.0.0.1"] }),
    ).toBe("not-an-ip");
    expect(
      resolveClientIp({
        peer: "127.0.0.1",
        forwardedFor: "10.0.0.2, 10.0.0.3",
        trustedProxies: ["127.0.0.1", "10.0.0.0/8"],
      }),
    ).toBe("10.0.0.2");
    expect(resolveClientIp({ peer: "127.0.0.1", forwardedFor: null, trustedProxies: ["127.0.0.1"] })).toBe("127.0.0.1");
  });

  it("treats IPv4-mapped IPv6 as the IPv4 address and handles IPv6 ranges", () => {
    expect(normalizeIp("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(
      resolveClientIp({ peer: "::ffff:127.0.0.1", forwardedFor: "2001:db8::1", trustedProxies: ["127.0.0.1"] }),
    ).toBe("2001:db8::1");
    expect(resolveClientIp({ peer: "fd00::1", forwardedFor: "2001:db8::2", trustedProxies: ["fd00::/8"] })).toBe(
      "2001:db8::2",
    );
  });
});
