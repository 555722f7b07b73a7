// The two API generations the simulator serves from one engine and ledger: Bitpanda Pro
// (`/public/v1`, the legacy dialect) and One Trading Fast (`/fast/v1`). Every account
// lives on one of them; a key for an account on the other platform is refused there.
export type Dialect = "bitpanda" | "fast";

export const DIALECT_PREFIX: Record<Dialect, string> = { bitpanda: "/public/v1", fast: "/fast/v1" };

export function parseDialect(value: string | undefined): Dialect | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === "fast" || v === "onetrading-fast") return "fast";
  if (v === "bitpanda" || v === "public" || v === "legacy" || v === "bitpanda-pro") return "bitpanda";
  return undefined;
}

/** The dialect and the path below its prefix, or undefined for any other path. */
export function splitDialectPath(pathname: string): { dialect: Dialect; path: string } | undefined {
  for (const d of ["bitpanda", "fast"] as const) {
    const prefix = DIALECT_PREFIX[d];
    if (pathname.startsWith(`${prefix}/`)) return { dialect: d, path: pathname.slice(prefix.length) };
  }
  return undefined;
}
