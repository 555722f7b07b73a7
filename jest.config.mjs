// Two projects: fast pure-logic unit tests, and integration tests that talk to
// real PostgreSQL / Redis / the simulator over HTTP (run in band).
import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

const shared = {
  moduleNameMapper: {
    "^@/(.*)$": "<rootDir>/$1",
    // Jest cannot load Prisma's ESM wasm loader; the runtime ships a CommonJS twin.
    "^(.*)query_compiler_bg\\.postgresql(\\.wasm-base64)?\\.mjs$": "$1query_compiler_bg.postgresql$2.js",
    "^server-only$": "<rootDir>/tests/helpers/empty-module.js",
  },
  testEnvironment: "node",
  // Jest 30's "soft" cleanup turns leftover globals into accessors whose setter calls itself:
  // a process-wide singleton whose timer fires after a test file ends (lib/audit/member-reads.ts
  // flushes 2 s after the last read) then overflows the stack and fails the run.
  testEnvironmentOptions: { globalsCleanup: "off" },
};

const config = async () => {
  const unit = await createJestConfig({
    ...shared,
    displayName: "unit",
    testMatch: ["<rootDir>/tests/unit/**/*.test.ts?(x)"],
    setupFilesAfterEach: undefined,
    setupFilesAfterEnv: ["<rootDir>/tests/helpers/jest-setup.ts"],
  })();
  const integration = await createJestConfig({
    ...shared,
    displayName: "integration",
    testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
    globalSetup: "<rootDir>/tests/helpers/global-setup.ts",
    setupFiles: ["<rootDir>/tests/helpers/integration-env.ts"],
    // (testTimeout is not a per-project option in Jest 30.)
    setupFilesAfterEnv: ["<rootDir>/tests/helpers/integration-timeout.ts"],
  })();
  for (const p of [unit, integration]) {
    // next/jest ignores node_modules transforms; ESM-only deps need to be transformed.
    p.transformIgnorePatterns = [
      "/node_modules/(?!(jose|@panva|otplib|@otplib|@noble|@scure|next-auth|@auth|oauth4webapi|preact|preact-render-to-string)/)",
    ];
    delete p.setupFilesAfterEach;
  }
  return { projects: [unit, integration] };
};

export default config;
