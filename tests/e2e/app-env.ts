// The browser tests' app environment: the build (tests/run.ts starts it early, beside the other
// suites; ./global-setup.ts otherwise) and the two servers get the same settings.
import { TEST_SECRETS } from "../helpers/test-secrets";

export const E2E_DB_NAME = "keydesk_e2e";

/** The app's environment. */
export function appEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...TEST_SECRETS,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // The vault flow adds a Withdraw key without 2FA; the rule is covered by
    // tests/integration/auth/two-factor.test.ts and the 2FA browser test.
    KEYDESK_REQUIRE_2FA_FOR_TRADE: "false",
    KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
    KEYDESK_SIGNUP: "open",
    KEYDESK_SIGNUPS_PER_IP_PER_HOUR: "100000",
    // No rebuilt history behind the browser tests' own seeded snapshots (they assert exact
    // figures and ranges): the backfill is covered by tests/integration/portfolio/backfill.test.ts
    // and tests/unit/components/backfill-status.test.tsx.
    KEYDESK_BACKFILL_DAYS: "0",
    REDIS_URL: "",
  };
}
