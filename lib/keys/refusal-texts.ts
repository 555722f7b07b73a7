// The two refusals every key read can meet, in their own module: credentials.ts and the checks
// need the texts without pulling in access.ts's session code (next/navigation), which plain
// programs such as bin/seed.ts cannot load outside Next.
export const KEY_NOT_FOUND = "This key doesn't exist or isn't shared with you.";
export const KEY_STOPPED =
  "This key was stopped because it may be compromised. Its owner can bring it back only by replacing it with a new key.";
