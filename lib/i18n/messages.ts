// Dashboard strings by language: English in ./messages/en.ts (the keys), German in ./messages/de.ts.
import { en, type MessageKey } from "./messages/en";
import { de } from "./messages/de";

export type { MessageKey };
export const MESSAGES: Record<"en" | "de", Record<MessageKey, string>> = { en, de };
