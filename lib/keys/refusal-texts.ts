// The two refusals every key read can meet, in their own module: credentials.ts and the checks
// need them without pulling in access.ts's session code (next/navigation), which plain
// programs such as bin/seed.ts cannot load outside Next. Catalogue keys (lib/i18n/messages).
import type { MessageKey } from "@/lib/i18n/messages";

export const KEY_NOT_FOUND = "error.keyNotFound" satisfies MessageKey;
export const KEY_STOPPED = "error.keyStopped" satisfies MessageKey;
