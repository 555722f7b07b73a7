// Next.js start-up hook: refuse to serve if stored keys need a master key the keyring lacks.
// If the database is unreachable the check is deferred (decrypting still names a missing version).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertKeyringCoversStoredKeys } = await import("@/lib/keys/rotate");
  const { CryptoError } = await import("@/lib/crypto/errors");
  const { logger } = await import("@/lib/log");
  try {
    await assertKeyringCoversStoredKeys();
  } catch (err) {
    if (err instanceof CryptoError) {
      logger.fatal({ version: err.version }, err.message);
      console.error(err.message);
      process.exit(1);
    }
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, "could not check stored keys against the keyring at start-up (database unreachable?)");
  }
}
