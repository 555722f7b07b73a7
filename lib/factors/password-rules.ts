// Password rules, shared by the sign-up form (client hints) and the server (enforcement).
// Their sentences are the error.password* messages (EN/DE), in English unless a translator is given.
import { translator, type Translate } from "@/lib/i18n";

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-limits";

/** Every rule the password breaks, as sentences a person can act on. Empty when fine. */
export function passwordProblems(password: string, email?: string, t: Translate = translator("en")): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(t("error.passwordMin", { min: PASSWORD_MIN_LENGTH, length }));
  if (length > PASSWORD_MAX_LENGTH) problems.push(t("error.passwordMax", { max: PASSWORD_MAX_LENGTH }));
  if (length >= PASSWORD_MIN_LENGTH && new Set(password).size < 4) problems.push(t("error.passwordVariety"));
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) problems.push(t("error.passwordEmail"));
  return problems;
}
