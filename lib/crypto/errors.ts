// Crypto failures. Messages name versions and settings, never key material or plaintext.
export type CryptoErrorCode = "keyring_invalid" | "master_key_version_missing" | "decrypt_failed" | "format_invalid";

export class CryptoError extends Error {
  constructor(
    public readonly code: CryptoErrorCode,
    message: string,
    public readonly version?: string,
  ) {
    super(message);
    this.name = "CryptoError";
  }
}
