// A new key's rebuilt value history (its progress under the value chart), German.
import type { backfillEn } from "./backfill-en";

export const backfillDe: Record<keyof typeof backfillEn, string> = {
  "backfill.title": "Frühere Werte",
  "backfill.queued":
    "Bis zu {days} Tage frühere Werte werden aus den Käufen und Verkäufen dieses Schlüssels nachgebildet: wartet auf den Start.",
  "backfill.running":
    "Frühere Werte werden aus den Käufen und Verkäufen dieses Schlüssels nachgebildet: {done} von {total} Tagen.",
  "backfill.progressLabel": "Nachgebildete Tage",
  "backfill.done":
    "Die Werte vom {from} bis {to} (ganze UTC-Tage) sind aus den Käufen und Verkäufen des Schlüssels und den täglichen Schlusskursen der Börse nachgebildet.",
  "backfill.doneNone":
    "Es gab keine früheren Tage nachzubilden: Das Diagramm beginnt mit dem ersten aufgezeichneten Wert.",
  "backfill.failed":
    "Das Nachbilden früherer Werte wurde nicht abgeschlossen. Keydesk versucht es im Hintergrund noch einige Male; gelingt es nicht, beginnt das Diagramm mit dem ersten aufgezeichneten Wert.",
  "backfill.noRead":
    "Dieser Schlüssel hat kein Leserecht: Frühere Werte lassen sich mit ihm nicht nachbilden. Das Diagramm beginnt mit dem ersten aufgezeichneten Wert.",
  "backfill.cancelled":
    "Das Nachbilden früherer Werte wurde angehalten, weil der Schlüssel gestoppt wurde. Nichts davon wurde gespeichert.",
  "backfill.blindSpot":
    "Näherungsweise: Ein Lese-Schlüssel sieht keine Ein- oder Auszahlungen vor dem ersten aufgezeichneten Wert ({first}). Die nachgebildeten Werte nehmen an, dass es keine gab; Handelsgebühren sind berücksichtigt.",
  "backfill.blindSpotNoFirst":
    "Näherungsweise: Ein Lese-Schlüssel sieht keine Ein- oder Auszahlungen vor dem ersten aufgezeichneten Wert. Die nachgebildeten Werte nehmen an, dass es keine gab; Handelsgebühren sind berücksichtigt.",
};
