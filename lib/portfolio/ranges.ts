// The value chart's ranges. Its own module (no decimal.js) so client pages can import it cheaply.
export const RANGES = ["24h", "7d", "30d", "1y", "all"] as const;
export type Range = (typeof RANGES)[number];

export function parseRange(raw: string | null | undefined): Range {
  return (RANGES as readonly string[]).includes(raw ?? "") ? (raw as Range) : "30d";
}
