// Hilfe zu Börsenschlüsseln (die Hilfeseite), Deutsch. **Text** markiert Fettdruck.
import type { helpEn } from "./help-en";

export const helpDe: Record<keyof typeof helpEn, string> = {
  "help.title": "Hilfe bei Problemen mit Börsenschlüsseln",
  "help.intro":
    "Antworten auf die Probleme, die bei API-Schlüsseln der Börse auftreten, und was Sie jeweils tun können.",
  "help.onThisPage": "Auf dieser Seite",
  "help.lostKey.title": "Ich habe meinen Schlüssel verloren",
  "help.lostKey.1":
    "Die Börse zeigt einen API-Schlüssel genau einmal an, beim Erstellen, und danach nie wieder: weder Ihnen noch dem Support noch Keydesk. Auch Keydesk kann ihn nicht anzeigen; es verwendet ihn nur auf dem Server.",
  "help.lostKey.2":
    "Wenn Sie einen Schlüssel nicht mehr haben, löschen Sie ihn an der Börse und erstellen Sie einen neuen für dasselbe Konto (Schritte unten). Öffnen Sie dann die Seite des alten Schlüssels in Keydesk und nutzen Sie **Diesen Schlüssel ersetzen**: Fügen Sie dort den neuen Schlüssel ein. Name, Freigaben, Einstellungen und Verlauf bleiben erhalten, und Mitglieder behalten ihren Zugriff ohne neue Einladung. Löschen Sie den alten Eintrag nicht vorher: Ein gelöschter Eintrag kann nicht ersetzt werden.",
  "help.createKey.title": "Einen Schlüssel an der Börse erstellen",
  "help.createKey.1":
    "Melden Sie sich an der Börse an, öffnen Sie das Menü unter Ihrem Benutzersymbol und wählen Sie **API**.",
  "help.createKey.2": "Wählen Sie **Neuer API-Schlüssel** und geben Sie ihm einen Namen.",
  "help.createKey.3": "Kreuzen Sie nur die Berechtigungen an, die Sie brauchen. Für Keydesk genügt **Lesen**.",
  "help.createKey.4":
    "Beschränken Sie den Schlüssel auf Wunsch auf bis zu fünf IPv4- oder IPv6-Adressen (siehe unten).",
  "help.createKey.5": "Bestätigen Sie mit Ihrem Zwei-Faktor-Code, falls Sie einen verwenden.",
  "help.createKey.6":
    "Öffnen Sie die Bestätigungs-E-Mail und klicken Sie auf ihren Link. **Der Link läuft nach 30 Minuten ab**; verwenden Sie immer die neueste E-Mail.",
  "help.createKey.7":
    "Der Schlüssel erscheint in einem Pop-up. Kopieren Sie ihn sofort: Nur dieses eine Mal wird er angezeigt.",
  "help.confirmationEmail.title": "Die Bestätigungs-E-Mail kam nicht an oder der Link ist abgelaufen",
  "help.confirmationEmail.1":
    "Sehen Sie im Spam-Ordner nach und verwenden Sie den Link aus der neuesten E-Mail: Jeder neue Versuch macht ältere Links ungültig, und jeder Link läuft nach 30 Minuten ab. Ist er abgelaufen, beginnen Sie die Schlüsselerstellung von vorn.",
  "help.permissions.title": "Was Lesen, Handeln und Auszahlen erlauben",
  "help.permissions.1":
    "**Lesen**: alles ansehen: Guthaben, Marktpreise, Auftrags- und Transaktionshistorie. Es kann nichts verändern.",
  "help.permissions.2":
    "**Handeln**: Aufträge erteilen und stornieren. Wer den Schlüssel hat, kann mit Ihrem Guthaben kaufen und verkaufen.",
  "help.permissions.3":
    "**Auszahlen**: Guthaben auf Ihr Konto und von ihm weg bewegen, auch an fremde Wallets. Wer einen solchen Schlüssel hat, kann Ihr Geld wegschicken.",
  "help.ipRestriction.title": "Der Schlüssel ist auf andere IP-Adressen beschränkt",
  "help.ipRestriction.1":
    "Ein Schlüssel kann auf bis zu fünf IP-Adressen beschränkt werden. Die Börse lehnt dann jede Anfrage von einer anderen Adresse ab, auch die dieses Keydesk-Servers.",
  "help.ipRestriction.2":
    "Die Seite des Schlüssels zeigt seine zugelassenen Adressen und, wenn bekannt, die Adresse dieses Servers. Die Liste ist Teil des Schlüssels selbst und lässt sich nicht ändern: Erstellen Sie einen neuen Schlüssel, der die Adresse dieses Servers enthält, fügen Sie ihn hier hinzu und löschen Sie den alten.",
  "help.revoked.title": "Der Schlüssel wurde an der Börse gelöscht (widerrufen)",
  "help.revoked.1":
    "Ein gelöschter Schlüssel lässt sich nicht wiederherstellen. Erstellen Sie einen neuen Schlüssel, fügen Sie ihn Keydesk hinzu und löschen Sie hier den alten Eintrag.",
  "help.rateLimit.title": "„Zu viele Anfragen“ (HTTP 429)",
  "help.rateLimit.1":
    "Die Börse erlaubt etwa 240 Anfragen pro Minute von einer IP-Adresse; wer darüber liegt, wird für eine Stunde gesperrt. Außerdem erlaubt sie 200 Anfragen pro Minute und Konto, gezählt über alle seine Schlüssel.",
  "help.rateLimit.2":
    "Keydesk bleibt mit seinen eigenen Anfragen deutlich unter diesen Grenzen und teilt zwischengespeicherte Antworten zwischen allen, die dasselbe Konto ansehen. Ist sein Kontingent erschöpft, zeigt es die letzten vorhandenen Daten mit ihrem Alter an und aktualisiert, sobald das Kontingent es zulässt. Meldet die Börse selbst eine Grenze (etwa weil ein anderes Werkzeug dasselbe Konto nutzt), pausiert Keydesk dieses Konto für eine Minute.",
  "help.deleteKey.title": "Einen Schlüssel an der Börse löschen",
  "help.deleteKey.1": "Melden Sie sich an der Börse an und wählen Sie **API** unter Ihrem Benutzersymbol.",
  "help.deleteKey.2": "Wählen Sie **Löschen** neben dem Schlüssel.",
  "help.deleteKey.3": "Bestätigen Sie mit **Ja, löschen**. Gelöschte Schlüssel lassen sich nicht wiederherstellen.",
  "help.unreachable.title": "Die Börse ist nicht erreichbar",
  "help.unreachable.1":
    "Keydesk zeigt die zuletzt abgerufenen Daten, als veraltet gekennzeichnet, und versucht es später erneut. Nichts geht verloren: Ihre Schlüssel bleiben verschlüsselt gespeichert.",
};
