// A full text dump of a database for secret-canary searches: pg_dump when its major
// version matches the server, otherwise every row of every user table as text.
import { execFileSync } from "node:child_process";
import pg from "pg";

export async function dumpDatabase(url: string): Promise<{ text: string; method: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const serverMajor = Number(
      (await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v.slice(0, 2),
    );
    try {
      const clientMajor = Number(/(\d+)\./.exec(execFileSync("pg_dump", ["--version"], { encoding: "utf8" }))?.[1]);
      if (clientMajor === serverMajor)
        return {
          text: execFileSync("pg_dump", ["--data-only", url], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 }),
          method: "pg_dump",
        };
    } catch {
      // no pg_dump on PATH: fall through to the SQL dump
    }
    const tables = await client.query<{ s: string; t: string }>(
      "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    const parts: string[] = [];
    for (const { s, t } of tables.rows) {
      const rows = await client.query<{ r: string }>(`SELECT x::text AS r FROM "${s}"."${t}" x`);
      parts.push(`-- ${s}.${t}\n${rows.rows.map((r) => r.r).join("\n")}`);
    }
    return {
      text: parts.join("\n"),
      method: `SQL text dump of ${tables.rowCount} tables (pg_dump ${serverMajor} not available)`,
    };
  } finally {
    await client.end();
  }
}
