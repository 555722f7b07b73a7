// Meldungen der Schlüssel-Aktionen (hinzufügen, löschen, erneut prüfen), Deutsch.
import type { actionsEn } from "./actions-en";

export const actionsDe: Record<keyof typeof actionsEn, string> = {
  "keyAction.wrongPassword": "Dieses Passwort ist nicht korrekt.",
  "keyAction.incomplete": "Das Formular war unvollständig. Laden Sie die Seite neu und versuchen Sie es erneut.",
  "keyAction.passwordToDelete": "Geben Sie Ihr Passwort ein, um einen Schlüssel zu löschen.",
  "keyAction.notKeyId": "Keine gültige Schlüssel-ID.",
};
