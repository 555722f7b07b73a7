// Fixed, test-only secrets (never used outside tests).
export const TEST_SECRETS = {
  AUTH_SECRET: "test-auth-secret-test-auth-secret-0123456789",
  KEYDESK_MASTER_KEYS: `v1:${Buffer.alloc(32, 7).toString("base64")}`,
  KEYDESK_MASTER_KEY_CURRENT: "v1",
};
