// The one Prisma client of the process (a singleton survives dev hot reloads), created on
// first use so that building the app needs no database. Secret columns are omitted by
// default: only lib/keys/credentials.ts opts in to read them.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

function createClient() {
  const adapter = new PrismaPg({ connectionString: getEnv().DATABASE_URL, max: 10 });
  return new PrismaClient({
    adapter,
    omit: { apiKey: { secretCiphertext: true, secretWrappedKey: true }, user: { totpCiphertext: true, totpWrappedKey: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { keydeskDb?: Db };

function getDb(): Db {
  globalForDb.keydeskDb ??= createClient();
  return globalForDb.keydeskDb;
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

/** Close the client (tests and CLIs). */
export async function disconnectDb(): Promise<void> {
  if (globalForDb.keydeskDb) {
    await globalForDb.keydeskDb.$disconnect();
    globalForDb.keydeskDb = undefined;
  }
}
