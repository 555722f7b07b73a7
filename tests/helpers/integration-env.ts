// Runs in every integration test worker: point lib/env at the test database and secrets.
import { TEST_SECRETS } from "./test-secrets";

if (process.env.KEYDESK_TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.KEYDESK_TEST_DATABASE_URL;
Object.assign(process.env, TEST_SECRETS);
process.env.LOG_LEVEL ??= "silent";
// Most suites add Trade/Withdraw demo keys for users without 2FA; the rule itself is tested
// with this on in tests/integration/auth/two-factor.test.ts.
process.env.KEYDESK_REQUIRE_2FA_FOR_TRADE ??= "false";
