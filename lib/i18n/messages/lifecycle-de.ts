// Meldungen zum Lebenszyklus eines Schlüssels (Schlüssel ersetzen), Deutsch.
import type { lifecycleEn } from "./lifecycle-en";

export const lifecycleDe: Record<keyof typeof lifecycleEn, string> = {
  "replace.title": "Diesen Schlüssel ersetzen",
  "replace.intro":
    "Fügen Sie den Nachfolger des Schlüssels ein: vom selben Börsenkonto, mit denselben oder weniger Rechten. Name, Freigaben, Einstellungen zu verborgenen Beträgen und zum Exportieren sowie der Verlauf bleiben; der alte Schlüssel wird aus Keydesk gelöscht.",
  "replace.keyLabel": "Neuer API-Schlüssel",
  "replace.passwordLabel": "Ihr Passwort (oder ein Code aus Ihrer Authenticator-App)",
  "replace.submit": "Schlüssel ersetzen",
  "replace.done": "Der Schlüssel wurde ersetzt. Mitglieder behalten ihren Zugriff.",
  "replace.needsStepUp": "Geben Sie Ihr Passwort ein, um einen Schlüssel zu ersetzen.",
  "replace.wrongPassword": "Dieses Passwort ist nicht korrekt.",
  "replace.sameKey":
    "Das ist der Schlüssel, den Keydesk bereits hat. Fügen Sie den neuen Schlüssel ein, den Sie an der Börse erstellt haben.",
  "replace.otherAccount":
    "Dieser Schlüssel gehört zu einem anderen Börsenkonto (…{newAccount}) als der zu ersetzende Schlüssel (…{oldAccount}). Ein Ersatz muss zum selben Konto gehören.",
  "replace.widerScopes":
    "Dieser Schlüssel hat Rechte, die der zu ersetzende nicht hat: {scopes}. Ein Ersatz darf nur dieselben oder weniger Rechte haben.",
  "replace.duplicate":
    "Sie haben diesen Schlüssel bereits als „{label}“ hinzugefügt. Löschen Sie zuerst diesen Eintrag oder fügen Sie einen anderen Schlüssel ein.",
  "replace.needsTwoFactor":
    "Schlüssel, die handeln oder abheben können, erfordern die Zwei-Faktor-Anmeldung. Schalten Sie sie in den Einstellungen ein oder verwenden Sie einen Nur-Lesen-Schlüssel.",
  "replace.afterDeleteHint":
    "Schlüssel nur verloren und nicht mehr gebraucht? Behalten Sie beim nächsten Mal den Eintrag und nutzen Sie „Diesen Schlüssel ersetzen“ auf seiner Seite mit einem neuen Schlüssel für dasselbe Konto: Name, Freigaben und Verlauf bleiben.",
  "replace.lostKeyHint":
    "Schlüssel verloren oder funktioniert er nicht mehr? Erstellen Sie an der Börse einen neuen Schlüssel und nutzen Sie „Diesen Schlüssel ersetzen“ auf der Seite des Schlüssels: Name, Freigaben und Verlauf bleiben.",
  "age.title": "Alter und Verlauf",
  "age.age": "In Gebrauch seit {days} Tagen (seit {since}).",
  "age.rotateDue":
    "Dieser Schlüssel ist {days} Tage alt, länger als die {limit} Tage, nach denen Schlüssel erneuert werden sollten. Erstellen Sie an der Börse einen neuen Schlüssel mit denselben oder weniger Rechten und ersetzen Sie diesen.",
  "age.rotateLink": "Diesen Schlüssel ersetzen",
  "age.timeline": "Statusänderungen",
  "age.empty": "Noch keine Statusänderungen aufgezeichnet.",
  "age.action.key.add": "Hinzugefügt",
  "age.action.key.status_changed": "Status geändert",
  "age.action.key.check": "Geprüft",
  "age.action.key.replace": "Ersetzt",
  "age.failed": "fehlgeschlagen",
  "age.status": "Status: {status}",
};
