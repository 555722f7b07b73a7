// Hinweise der Schlüsselliste, Seite und Formular zum Hinzufügen, Dialog zum Löschen, Deutsch.
import type { keysEn } from "./keys-en";

export const keysDe: Record<keyof typeof keysEn, string> = {
  "addKey.title": "Schlüssel hinzufügen",
  "addKey.heading": "API-Schlüssel einer Börse hinzufügen",
  "addKey.useReadOnly": "Verwenden Sie einen Schlüssel mit reiner Leseberechtigung.",
  "addKey.whyReadOnly":
    "Keydesk liest nur Guthaben und Historie; dafür genügt „Lesen“. Schlüssel mit „Handeln“ oder „Auszahlen“ funktionieren auch, aber gerieten sie je in falsche Hände, könnte man damit handeln oder Ihr Geld bewegen.",
  "addKey.shownOnce": "Die Börse zeigt einen Schlüssel nur einmal an.",
  "addKey.howTo": "So erstellen Sie einen",
  "addKey.troubleshooting": "Fehlerbehebung",
  "addKey.openExisting": "Den bereits hinzugefügten Schlüssel öffnen",
  "addKey.name": "Name",
  "addKey.nameHint": "Damit Sie ihn wiedererkennen, z. B. „Hauptkonto, nur lesen“.",
  "addKey.key": "API-Schlüssel",
  "addKey.keyHint":
    "Fügen Sie den Schlüssel genau so ein, wie die Börse ihn angezeigt hat. Nach dem Hinzufügen zeigt Keydesk ihn nie wieder an, auch Ihnen nicht.",
  "addKey.mayDo": "Dieser Schlüssel darf:",
  "addKey.typeToConfirm": "Geben Sie zur Bestätigung {word} ein",
  "addKey.password": "Ihr Keydesk-Passwort",
  "addKey.passwordHint": "Für Schlüssel, die handeln oder abheben können, brauchen wir Ihr Passwort noch einmal.",
  "addKey.submit": "Schlüssel hinzufügen",
  "addKey.pending": "Der Schlüssel wird bei der Börse geprüft…",
  "deleteKey.open": "Schlüssel löschen…",
  "deleteKey.title": "„{label}“ aus Keydesk löschen?",
  "deleteKey.explain":
    "Keydesk löscht seine verschlüsselte Kopie des Schlüssels. Das lässt sich nicht rückgängig machen, und der Schlüssel selbst funktioniert an der Börse weiter, bis Sie ihn auch dort löschen.",
  "deleteKey.typeName": "Geben Sie zur Bestätigung den Namen des Schlüssels ({label}) ein",
  "deleteKey.password": "Ihr Keydesk-Passwort",
  "deleteKey.cancel": "Abbrechen",
  "deleteKey.submit": "Schlüssel löschen",
  "deleteKey.pending": "Wird gelöscht…",
  "deleted.title": "„{label}“ wurde aus Keydesk gelöscht.",
  "deleted.noLonger": "Keydesk speichert ihn nicht mehr.",
  "deleted.stillExists": "Der Schlüssel besteht an der Börse weiter",
  "deleted.worksForAnyone": "und funktioniert für jeden, der ihn hat.",
  "deleted.howTo":
    "So löschen Sie ihn dort: Melden Sie sich an der Börse an, öffnen Sie {api} unter Ihrem Benutzersymbol, wählen Sie {delete} neben dem Schlüssel und bestätigen Sie mit {yes}.",
  "deleted.api": "API",
  "deleted.delete": "Löschen",
  "deleted.yes": "Ja, löschen",
  "deleted.more": "Mehr",
  // Ein zweiter Schlüssel für ein Konto, das schon da ist; Bestätigung und Spur des Notstopps (num-data).
  "addKey.sameAccount":
    "Sie haben schon einen Schlüssel für dieses Börsenkonto: \u201e{label}\u201c. Beide würden in Ihren Summen nur einmal zählen. Möchten Sie ihn ersetzen?",
  "addKey.sameAccountReplace": "\u201e{label}\u201c durch diesen Schlüssel ersetzen",
  "addKey.sameAccountAdd": "Nein, als zweiten Schlüssel für dasselbe Konto hinzufügen",
  "stop.confirm": "Ja, diesen Schlüssel jetzt stoppen. Niemand kann ihn über Keydesk nutzen, bis ich ihn ersetze.",
  "stop.needsConfirm": "Setzen Sie das Häkchen, um zu bestätigen, dass Sie diesen Schlüssel stoppen möchten.",
  "age.action.key.stop": "Gestoppt (Notstopp)",
  "cap.stoppedAt": "Gestoppt",
  "cap.lastSuccessBeforeStop": "Letzter erfolgreicher Aufruf vor dem Stopp",
  "usage.near":
    "{who}: {used} von {max} Börsenanfragen in den letzten {seconds} s genutzt. Keydesk bleibt unter dem Limit der Börse, daher werden Daten kurz etwas seltener aktualisiert.",
  "usage.cooldown":
    "Die Börse hat Keydesk gebeten, für dieses Konto langsamer zu machen: Daten werden in etwa {seconds} s wieder aktualisiert.",
  "usage.blocked":
    "Die Börse lehnt die Adresse dieses Servers vorerst ab: Daten werden in etwa {seconds} s wieder aktualisiert.",
  "fees.paidPick": "Wählen Sie einen Zeitraum, um die darin gezahlten Gebühren zusammenzurechnen.",
  "fees.paidTitle": "Gezahlte Gebühren",
  "fees.paidRange": "Zeitraum",
  "fees.paidRange.7d": "7 Tage",
  "fees.paidRange.30d": "30 Tage",
  "fees.paidRange.90d": "90 Tage",
  "fees.paidTotal": "Insgesamt: {total} zu heutigen Preisen, aus {trades} Ausführung(en)",
  "fees.paidNone": "Keine Gebühren in diesem Zeitraum.",
  "fees.paidNoPrice": "kein EUR-Preis",
  "fees.paidPartial":
    "Dieser Zeitraum hat mehr Ausführungen, als Keydesk hier addiert: die Summe umfasst die neuesten.",
};
