// Start-up guard (Node runtime): stop the server when stored keys use a master key
// version the keyring lacks. If the database is unreachable, the check is deferred:
// decrypting a key still names the missing version.
import "server-only";
import { assertKeyringCoversStoredKeys } from "@/lib/keys/rotate";
import { CryptoError } from "@/lib/crypto/errors";
import { logger } from "@/lib/log";

export async function checkKeyringAtStartup(): Promise<void> {
  try {
    await assertKeyringCoversStoredKeys();
  } catch (err) {
    if (err instanceof CryptoError) {
      logger.fatal({ phase: "startup", version: err.version }, err.message);
      console.error(err.message);
      process.exit(1);
    }
    logger.warn(
      { phase: "startup", err: err instanceof Error ? err.message : String(err) },
      "could not check stored keys against the keyring at start-up (database unreachable?)",
    );
  }
}
