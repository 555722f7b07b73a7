// Deutsch zu ./ui-en.ts.
import type { uiEn } from "./ui-en";

export const uiDe: Record<keyof typeof uiEn, string> = {
  "addKey.twoFactorTitle": "Zuerst die Zwei-Faktor-Anmeldung einschalten",
  "addKey.twoFactorMissing":
    "Schlüssel, die handeln oder auszahlen können, lassen sich erst hinzufügen, wenn die Zwei-Faktor-Anmeldung für Ihr Konto eingeschaltet ist. Schalten Sie sie in den Einstellungen ein und kommen Sie zurück: Ihr eingefügter Schlüssel bleibt in diesem Formular.",
  "addKey.twoFactorLink": "Zwei-Faktor-Anmeldung einschalten",
  "addKey.promptWithdraw":
    "Dieser Schlüssel kann Guthaben auszahlen. Lesen Sie die Warnung unten, tippen Sie das Wort zur Bestätigung, dass Keydesk ihn aufbewahren soll, und fügen Sie ihn erneut hinzu.",
  "addKey.promptTrade":
    "Dieser Schlüssel kann mit dem Guthaben des Kontos handeln. Lesen Sie die Warnung unten und bestätigen Sie mit dem Häkchen, dass Keydesk ihn aufbewahren soll.",
  "addKey.promptPassword":
    "Schlüssel, die handeln oder auszahlen können, brauchen noch einmal Ihr Keydesk-Passwort, bevor sie gespeichert werden.",
  "addKey.confirmTrade":
    "Mir ist klar, dass jeder mit diesem Schlüssel mit dem Guthaben dieses Kontos handeln kann, und Keydesk soll ihn aufbewahren.",
  "addKey.needsTradeConfirmation":
    "Setzen Sie das Häkchen, um zu bestätigen, dass Keydesk einen Schlüssel aufbewahren soll, der handeln kann.",
  "tabs.more": "Weitere Reiter: seitlich scrollen",
  "tabs.scrollNext": "Weitere Reiter zeigen",
  "tabs.scrollPrev": "Vorige Reiter zeigen",
} satisfies Record<keyof typeof uiEn, string>;
