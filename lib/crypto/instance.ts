// The process's keyring, parsed once from the validated settings.
import "server-only";
import { getEnv } from "@/lib/env";
import { parseKeyring, type Keyring } from "./keyring";

let keyring: Keyring | undefined;

export function getKeyring(): Keyring {
  if (!keyring) {
    const env = getEnv();
    keyring = parseKeyring(env.KEYDESK_MASTER_KEYS ?? "", env.KEYDESK_MASTER_KEY_CURRENT ?? "");
  }
  return keyring;
}
