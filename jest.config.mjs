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
};

export default async () => {
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
    p.transformIgnorePatterns = ["/node_modules/(?!(jose|@panva|otplib|@otplib|@noble|@scure|next-auth|@auth)/)"];
    delete p.setupFilesAfterEach;
  }
  return { projects: [unit, integration] };
};
