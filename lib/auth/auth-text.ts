// The viewer's language for auth messages in server actions (English outside a request).
import "server-only";
import { translator, type Translate } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";

export async function authTranslator(): Promise<Translate> {
  try {
    return translator(await getLocale());
  } catch {
    return translator("en");
  }
}
