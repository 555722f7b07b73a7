// The vault's use of envelope encryption: seal a key's plaintext bound to its row and
// owner. Opening is in lib/keys/credentials.ts, the only module allowed to decrypt.
import "server-only";
import { encryptSecret } from "@/lib/crypto/envelope";
import { getKeyring } from "@/lib/crypto/instance";
import { displayFragment } from "@/lib/crypto/fragment";

export interface SealedKey {
  ciphertext: Uint8Array<ArrayBuffer>;
  wrappedKey: Uint8Array<ArrayBuffer>;
  masterKeyVersion: string;
}

export function sealKeySecret(plaintext: string, binding: { rowId: string; ownerId: string }): SealedKey {
  const sealed = encryptSecret(plaintext, binding, getKeyring());
  return {
    ciphertext: new Uint8Array(sealed.ciphertext),
    wrappedKey: new Uint8Array(sealed.wrappedKey),
    masterKeyVersion: sealed.masterKeyVersion,
  };
}

export function keyFragment(plaintext: string): string {
  return displayFragment(plaintext);
}
