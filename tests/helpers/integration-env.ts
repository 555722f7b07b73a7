// Runs in every integration test worker: point lib/env at the test database and secrets.
import { TEST_SECRETS } from "./test-secrets";

if (process.env.KEYDESK_TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.KEYDESK_TEST_DATABASE_URL;
Object.assign(process.env, TEST_SECRETS);
process.env.LOG_LEVEL ??= "silent";
// Most suites add Trade/Withdraw demo keys for users without 2FA; the rule itself is tested
// with this on in tests/integration/auth/two-factor.test.ts.
process.env.KEYDESK_REQUIRE_2FA_FOR_TRADE ??= "false";
// The market stream is tested where it is pointed at the suite's own simulator's WebSocket
// (tests/integration/live/). Elsewhere a stream would take the loopback default URL
// (SIMULATOR_WS_PORT), which another process's simulator may be serving (npm run dev in the
// dev-server suites runs alongside): its prices are not the suite's simulator's.
process.env.MARKET_STREAM ??= "false";
// The same for the Trade keys' TRADING connections.
process.env.TRADING_STREAM ??= "false";
