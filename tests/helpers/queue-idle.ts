// A pg-boss queue with nothing left to do: no job waiting, retrying or running. After the
// code under test has sent its jobs, an idle queue means nothing more will be delivered, a
// state to wait for instead of a time.
import { db } from "@/lib/db";

export async function unfinishedJobs(queue: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pgboss.job WHERE name = ${queue} AND state IN ('created', 'retry', 'active')`;
  return Number(row?.n ?? 0);
}
