// The one database pool of the process and the Prisma client on top of it (a singleton
// survives dev hot reloads), created on first use so that building the app needs no
// database. Secret columns are omitted by default: only lib/keys/credentials.ts opts in to
// read them.
//
// `hotRows` runs a named (prepared) statement straight on the same pool, for the three reads
// every data request makes (session, key access, key envelope). Through Prisma's query
// engine each cost about 1 ms of CPU; on the pool about 0.1 ms (tests/bench/proxy.ts shows
// the server phases). Everything else goes through Prisma.
import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";

function createPool() {
  // allowExitOnIdle: idle connections never keep a CLI or a test run alive (a server has its listener).
  const pool = new pg.Pool({
    connectionString: getEnv().DATABASE_URL,
    max: 10,
    connectionTimeoutMillis: 5_000,
    allowExitOnIdle: true,
  });
  // An idle connection dropped by the server (restart, network) must not crash the process:
  // the pool discards it and the next query opens a new one.
  pool.on("error", (err) =>
    logger.warn(
      { err: { message: err.message, code: (err as { code?: string }).code } },
      "database connection dropped",
    ),
  );
  return pool;
}

function createClient(pool: pg.Pool) {
  return new PrismaClient({
    adapter: new PrismaPg(pool),
    omit: {
      apiKey: { secretCiphertext: true, secretWrappedKey: true },
      user: { totpCiphertext: true, totpWrappedKey: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { keydeskDb?: Db; keydeskPool?: pg.Pool };

function getPool(): pg.Pool {
  globalForDb.keydeskPool ??= createPool();
  return globalForDb.keydeskPool;
}

function getDb(): Db {
  globalForDb.keydeskDb ??= createClient(getPool());
  return globalForDb.keydeskDb;
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

/**
 * A named, prepared statement on the shared pool. Only for hot-path reads with fixed SQL:
 * values are always parameters. Timestamps must be selected `AT TIME ZONE 'UTC'` (Prisma
 * stores them without a zone) and enums/arrays of enums cast to text.
 */
export async function hotRows<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
  const res = await getPool().query({ name, text, values });
  return res.rows as T[];
}

/** Close the client and the pool (tests and CLIs). */
export async function disconnectDb(): Promise<void> {
  const { keydeskDb, keydeskPool } = globalForDb;
  globalForDb.keydeskDb = undefined;
  globalForDb.keydeskPool = undefined;
  if (keydeskDb) await keydeskDb.$disconnect();
  if (keydeskPool) await keydeskPool.end().catch(() => undefined);
}
