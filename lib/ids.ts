// The one id pattern: database rows (cuid) are 20-40 letters and digits, written lower-case.
// Every schema, form check and route matcher builds on it. A key id in a URL is accepted in
// either case (KEY_ID_IN_URL), as it always was. proxy.ts's matcher must be a literal for Next,
// so it repeats the text; tests/unit/http/id-pattern.test.ts keeps it equal. Safe on the client.
import { z } from "zod";

export const ROW_ID = "[a-z0-9]{20,40}";
export const KEY_ID_IN_URL = "[A-Za-z0-9]{20,40}";

/** A row id, lower-case as the database writes it. */
export const rowId = (message?: string) => z.string().regex(new RegExp(`^${ROW_ID}$`), message);
