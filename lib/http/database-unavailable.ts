// The answer when the database isn't answering (lib/errors.ts's isDatabaseUnavailable tells):
// nothing was lost, try again shortly. Server code only, so its text's key stays out of the
// browser's catalogue.
import { AppError } from "@/lib/errors";

export function databaseUnavailableError(): AppError {
  return new AppError("upstream_unavailable", "error.dbDown", { reason: "DATABASE_UNAVAILABLE", retryAfterSeconds: 5 });
}
