// Driver adapter for the Prisma CLI process only (migrate deploy/status/reset).
// The schema engine reads catalog columns of type `name` (OID 19) and `"char"` (OID 18),
// which @prisma/adapter-pg cannot map (prisma/orm#27403); we report them as text (OID 25).
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);

function withCatalogColumnsAsText(pool: pg.Pool): pg.Pool {
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const patched = (...args: unknown[]): unknown => {
    const result = original(...args);
    if (!(result instanceof Promise)) return result;
    return (result as Promise<pg.QueryResult>).then((r) => {
      for (const field of r.fields ?? []) {
        if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      }
      return r;
    });
  };
  pool.query = patched as unknown as pg.Pool["query"];
  return pool;
}

export function createCliAdapter(connectionString: string) {
  const pool = withCatalogColumnsAsText(new pg.Pool({ connectionString, max: 2 }));
  return new PrismaPg(pool, { disposeExternalPool: true });
}
