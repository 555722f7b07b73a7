// bench:proxy with snapshots on: the app instances run their real portfolio worker
// (pg-boss, the hourly schedule) and record snapshots on reads; this driver makes the scheduled
// job run every few seconds instead of once an hour, so several runs happen under the load. Each
// cycle, once the previous run is done, it counts the snapshots taken (by source), then clears
// the hour's snapshots and the period's run guard, so the next run reads every key again (the
// worst case for the upstream budget: no read has recorded the hour yet), and sends the job to
// the instances' queue; whichever instance takes it runs it at background priority through its
// own gate. Bench-only: it deletes snapshot rows of the bench database.
import PgBoss from "pg-boss";
import pg from "pg";

const SNAPSHOT_QUEUE = "portfolio-snapshot"; // lib/portfolio/jobs.ts

export interface SnapshotTally {
  /** Jobs sent to the instances' queue. */
  sent: number;
  /** Job runs that completed (during the load, or within 30 s after it). */
  jobRuns: number;
  /** Job runs that failed. */
  failedRuns: number;
  /** Snapshots the job stored (each one a background read of balances and tickers). */
  jobSnapshots: number;
  /** Snapshots recorded by viewers' reads (at most one per key per hour and process). */
  readSnapshots: number;
  /** Job runs still unfinished when last checked (what they stored later is not counted). */
  unfinished: number;
}

export function startSnapshotDriver(databaseUrl: string, everyMs: number, until: number) {
  const tally: SnapshotTally = { sent: 0, jobRuns: 0, failedRuns: 0, jobSnapshots: 0, readSnapshots: 0, unfinished: 0 };
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
  const client = new pg.Client({ connectionString: databaseUrl });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const count = async () => {
    const { rows } = await client.query<{ source: string; n: string }>(
      `SELECT source, count(*)::text AS n FROM "KeySnapshot" GROUP BY source`,
    );
    for (const r of rows)
      if (r.source === "job") tally.jobSnapshots += Number(r.n);
      else tally.readSnapshots += Number(r.n);
    // Counted: clear them and the run guard, so the next run finds every key without one.
    await client.query(`DELETE FROM "KeySnapshot"`);
    await client.query(`DELETE FROM "SnapshotRun"`);
  };
  /** The run's final state, or null when it has not finished by `by`. */
  const finished = async (id: string, by: number): Promise<string | null> => {
    while (Date.now() < by) {
      const job = await boss.getJobById(SNAPSHOT_QUEUE, id);
      if (job && ["completed", "failed", "cancelled"].includes(job.state)) return job.state;
      await sleep(500);
    }
    return null;
  };
  const settle = async (id: string | null, by: number): Promise<boolean> => {
    if (!id) return true;
    const state = await finished(id, by);
    if (state === "completed") tally.jobRuns++;
    else if (state) tally.failedRuns++;
    return state !== null;
  };
  const run = (async () => {
    await client.connect();
    await boss.start();
    // Snapshots already stored (the warm-up's reads) are not the run's.
    const { rows } = await client.query<{ job: string; read: string }>(
      `SELECT count(*) FILTER (WHERE source = 'job')::text AS job, count(*) FILTER (WHERE source <> 'job')::text AS read
       FROM "KeySnapshot"`,
    );
    tally.jobSnapshots -= Number(rows[0]?.job ?? 0);
    tally.readSnapshots -= Number(rows[0]?.read ?? 0);
    let id: string | null = null;
    while (Date.now() < until) {
      await sleep(Math.max(0, Math.min(Date.now() + everyMs, until) - Date.now()));
      if (Date.now() >= until) break;
      // The previous run first (it may wait for budget behind the viewers); then a new one.
      if (!(await settle(id, until))) {
        id = null;
        tally.unfinished++;
        break;
      }
      await count();
      id = await boss.send(SNAPSHOT_QUEUE, {});
      tally.sent++;
    }
    // The last run, if it finishes within a little time after the load.
    if (!(await settle(id, Date.now() + 30_000))) tally.unfinished++;
    await count();
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await client.end();
    return tally;
  })();
  return run;
}
