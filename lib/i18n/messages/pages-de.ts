// Fehler-, Nicht-gefunden- und Ladeseiten, Datenzustände und der Rahmen der App, Deutsch.
import type { pagesEn } from "./pages-en";

export const pagesDe: Record<keyof typeof pagesEn, string> = {
  "pages.errorTitle": "Diese Seite konnte nicht geladen werden",
  "pages.errorText": "Bei uns ist etwas schiefgegangen. Ihre Eingaben sind nicht verloren.",
  "pages.reference": "Referenz:",
  "pages.tryAgain": "Erneut versuchen",
  "pages.notFoundTitle": "Seite nicht gefunden",
  "pages.notFoundText": "Unter dieser Adresse gibt es nichts, oder Sie haben keinen Zugriff darauf.",
  "pages.goToKeydesk": "Zu Keydesk",
  "pages.dashNotFoundTitle": "Nicht gefunden",
  "pages.dashNotFoundText": "Das gibt es nicht, oder es ist nicht mit Ihnen geteilt.",
  "pages.backToKeys": "Zurück zu Ihren Schlüsseln",
  "states.loading": "{label} wird geladen",
  "states.stale": "Angezeigt werden die letzten Daten, die Keydesk hat.",
  "states.troubleshooting": "Fehlerbehebung",
  "states.requestId": "Anfrage-ID",
  "states.unexpectedResponse": "Der Server hat unerwartet geantwortet.",
  "states.network":
    "Keydesk ist nicht erreichbar. Prüfen Sie Ihre Verbindung; die zuletzt geladenen Daten bleiben sichtbar.",
  "states.downloadInterrupted": "Der Download wurde unterbrochen.",
  "states.refreshFailed": "Die Aktualisierung ist fehlgeschlagen.",
  "shell.skip": "Zum Inhalt springen",
  "shell.main": "Hauptnavigation",
  "shell.mainMobile": "Hauptnavigation (mobil)",
  "shell.menu": "Menü",
  "shell.signOut": "Abmelden",
  "shell.theme": "Farbschema",
  "shell.language": "Sprache",
  "shell.theme.system": "System",
  "shell.theme.light": "Hell",
  "shell.theme.dark": "Dunkel",
};
