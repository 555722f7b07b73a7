// bench:paint's demo user: the busy demo key (50,000 orders) and the small one, sealed through
// the vault. Import after the benchmark has set DATABASE_URL and the secrets.
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/factors/password";
import { seedViewer, storeSealedKey } from "./seed-viewer";

export async function seedPaintUser(keys: { busy: string; small: string }) {
  const busy = await seedViewer({
    email: "demo@keydesk.local",
    passwordHash: await hashPassword("bench demo password"),
    rowId: `paint${"0".repeat(19)}1`,
    label: "Demo: busy account",
    key: keys.busy,
  });
  const owner = await db.apiKey.findUniqueOrThrow({ where: { id: busy.keyRowId }, select: { ownerId: true } });
  const smallId = `paint${"0".repeat(19)}2`;
  await storeSealedKey({ rowId: smallId, ownerId: owner.ownerId, label: "Demo: small account", key: keys.small });
  return { busy, smallId };
}
