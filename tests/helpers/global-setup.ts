// Jest integration global setup: a fresh, migrated test database (unless tests/run.ts
// already made one and passed it in KEYDESK_TEST_DATABASE_URL), plus test secrets.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { TEST_SECRETS } from "./test-secrets";

export default async function globalSetup(): Promise<void> {
  if (!process.env.KEYDESK_TEST_DATABASE_URL) {
    const root = path.resolve(__dirname, "..", "..");
    const out = execFileSync(path.join(root, "node_modules", ".bin", "tsx"), ["tests/helpers/prepare-db-cli.ts"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    process.env.KEYDESK_TEST_DATABASE_URL = out.trim().split("\n").pop();
  }
  process.env.DATABASE_URL = process.env.KEYDESK_TEST_DATABASE_URL;
  Object.assign(process.env, TEST_SECRETS);
}
