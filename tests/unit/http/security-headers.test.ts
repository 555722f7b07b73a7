import { contentSecurityPolicy, hostProblem, originProblem, securityHeaders } from "@/lib/http/security-headers";
import { describeDevice } from "@/lib/http/user-agent";
import HEADER_VALUES from "@/lib/http/security-headers.json";

jest.mock("@/lib/db", () => ({ db: {} }));

describe("security headers", () => {
  it("allows scripts only by nonce, never inline, and forbids framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", production: true, https: true });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(script).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", production: false, https: false })).toContain("'unsafe-eval'");
  });
  it("sends HSTS only in production over HTTPS, and the other headers always", () => {
    expect(securityHeaders({ nonce: "n", production: true, https: true })["Strict-Transport-Security"]).toBe(
      HEADER_VALUES.hsts,
    );
    expect(HEADER_VALUES.hsts).toMatch(/max-age=\d+/);
    const plain = securityHeaders({ nonce: "n", production: true, https: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain).toMatchObject(HEADER_VALUES.everyAnswer);
    expect(plain).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY" });
    expect(plain["Permissions-Policy"]).toContain("camera=()");
  });
});

describe("origin check", () => {
  const req = (method: string, h: Record<string, string>) => ({
    method,
    url: "http://localhost:3000/teams/x",
    headers: new Headers({ host: "keydesk.example", ...h }),
  });
  it("lets safe methods through and same-origin writes", () => {
    expect(originProblem(req("GET", { origin: "https://evil.example" }), [])).toBeNull();
    expect(originProblem(req("POST", { origin: "https://keydesk.example" }), [])).toBeNull();
    expect(originProblem(req("POST", { "sec-fetch-site": "same-origin" }), [])).toBeNull();
    expect(originProblem(req("POST", { origin: "https://public.example" }), ["https://public.example"])).toBeNull();
  });
  it("refuses cross-site writes and writes with no provenance", () => {
    expect(originProblem(req("POST", { origin: "https://evil.example" }), [])).toMatch(/evil\.example/);
    expect(originProblem(req("DELETE", { origin: "null" }), [])).toMatch(/not accepted/);
    expect(originProblem(req("POST", { "sec-fetch-site": "cross-site" }), [])).toMatch(/did not come from/);
    expect(originProblem(req("POST", {}), [])).toMatch(/did not come from/);
  });
});

describe("session devices", () => {
  it("names browsers and systems", () => {
    expect(
      describeDevice(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari on iOS");
    expect(
      describeDevice(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
      ),
    ).toBe("Chrome on Linux");
    expect(describeDevice(null)).toBe("Unknown device");
  });
});

describe("host check", () => {
  it("accepts host names, IPs and ports, refuses anything else", () => {
    for (const ok of ["localhost:3000", "127.0.0.1:3100", "keydesk.example.com", "[::1]:3000"])
      expect(hostProblem(new Headers({ host: ok }))).toBeNull();
    expect(hostProblem(new Headers({ host: "a b" }))).toMatch(/host header/);
    expect(hostProblem(new Headers({ host: "ok.example", "x-forwarded-host": "2141-06-04T06:09:12.703Z" }))).toMatch(
      /x-forwarded-host/,
    );
    expect(hostProblem(new Headers({ host: "ok.example", "x-forwarded-host": "evil.example/path" }))).toMatch(
      /x-forwarded-host/,
    );
    expect(hostProblem(new Headers({ host: "1.2.3.4.5" }))).toMatch(/host header/);
  });
});
