import { randomBytes } from "node:crypto";

export function randomEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.test`;
}
