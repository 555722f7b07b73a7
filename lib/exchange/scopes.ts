// The exchange's key permissions, in the order Keydesk shows them (least to most dangerous).
// The one list: key claims, the key view and the permission texts build on it. Safe on the client.
export const KNOWN_SCOPES = ["READ_ONLY", "TRADE", "WITHDRAW"] as const;
export type KnownScope = (typeof KNOWN_SCOPES)[number];
