// A team role's label in the reader's language.
import type { Translate } from "@/lib/i18n";

export function roleLabel(t: Translate, role: string): string {
  return role === "owner" ? t("teams.role.owner") : role === "admin" ? t("teams.role.admin") : t("teams.role.member");
}
