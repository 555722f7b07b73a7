// Which pg_dump a backup uses: the server's major version when there is one, else the oldest
// newer one (with a note), and a one-line refusal naming both versions when only older ones exist.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { libpqEnv, toolForServer } from "@/lib/backup/pg-tools";

function fakeTools(versions: string[]) {
  const root = mkdtempSync(path.join(os.tmpdir(), "kd-pgtools-"));
  const debianDir = path.join(root, "postgresql");
  for (const v of versions) {
    const bin = path.join(debianDir, v.split(".")[0]!, "bin");
    mkdirSync(bin, { recursive: true });
    for (const tool of ["pg_dump", "pg_restore"]) {
      writeFileSync(path.join(bin, tool), `#!/bin/sh\necho "${tool} (PostgreSQL) ${v} (Debian ${v}-1)"\n`);
      chmodSync(path.join(bin, tool), 0o755);
    }
  }
  return { root, debianDir, searchPath: "" };
}

it("takes the server's own major version", () => {
  const t = toolForServer("pg_dump", "15.20", fakeTools(["14.9", "15.20", "17.6"]));
  expect(t).toMatchObject({ version: "15.20", major: 15, note: null });
});

it("takes the oldest newer one when the server's is missing, and says the dump needs that pg_restore", () => {
  const t = toolForServer("pg_dump", "16.4", fakeTools(["15.20", "17.6", "18.1"]));
  expect(t.version).toBe("17.6");
  expect(t.note).toBe(
    "pg_dump 17.6 for a PostgreSQL 16.4 server (no 16.x pg_dump found): the dump needs pg_restore 17 or newer to load",
  );
});

it("refuses in one line, naming the server's version and every tool found, when all are older", () => {
  const search = fakeTools(["15.20"]);
  expect(() => toolForServer("pg_dump", "17.10", search)).toThrow(
    new RegExp(
      "^Cannot start: the database server is PostgreSQL 17\\.10, and pg_dump must be version 17 or newer; found: 15\\.20 \\(.*/15/bin/pg_dump\\)\\. " +
        "Fix: install PostgreSQL 17's client tools \\(Debian/Ubuntu: postgresql-client-17\\) or set KEYDESK_PG_BIN",
    ),
  );
  expect(() => toolForServer("pg_restore", "17.10", fakeTools([]))).toThrow(/found: none\./);
});

it("KEYDESK_PG_BIN is looked in first", () => {
  const search = fakeTools(["15.20"]);
  const own = fakeTools(["15.3"]);
  const t = toolForServer("pg_dump", "15.3", { ...search, pgBin: path.join(own.debianDir, "15", "bin") });
  expect(t.version).toBe("15.3");
});

it("hands the password to libpq in the environment, never on a command line", () => {
  expect(libpqEnv("postgresql://kd%40user:p%3Ass@db.example:6543/keydesk?sslmode=require")).toEqual({
    PGHOST: "db.example",
    PGPORT: "6543",
    PGDATABASE: "keydesk",
    PGUSER: "kd@user",
    PGPASSWORD: "p:ss",
    PGSSLMODE: "require",
  });
});
