// Notstopp, Alles-stornieren und Benachrichtigungen, Deutsch.
import type { alertsEn } from "./alerts-en";

export const alertsDe: Record<keyof typeof alertsEn, string> = {
  "status.stopped": "Gestoppt (möglicherweise kompromittiert)",
  "stop.title": "Dieser Schlüssel ist möglicherweise kompromittiert",
  "stop.intro":
    "Beendet sofort jede Nutzung dieses Schlüssels: Abrufe, laufende Exporte und Freigaben enden binnen einer Sekunde auf jedem Server, seine zwischengespeicherten Daten werden gelöscht, und Sie sowie alle Mitglieder, für die er freigegeben ist, werden benachrichtigt. Zurück kommt er nur durch Ersetzen.",
  "stop.passwordLabel": "Ihr Passwort (oder ein Code aus Ihrer Authenticator-App)",
  "stop.submit": "Schlüssel jetzt stoppen",
  "stop.needsStepUp": "Geben Sie Ihr Passwort ein, um einen Schlüssel zu stoppen.",
  "stop.wrongPassword": "Dieses Passwort ist nicht richtig.",
  "stop.done": "Der Schlüssel ist gestoppt. Niemand kann ihn über Keydesk nutzen, bis Sie ihn ersetzen.",
  "stop.stoppedBy": "Gestoppt von {who}:",
  "stop.checklistTitle": "Was jetzt zu tun ist",
  "stop.step1": "Löschen Sie diesen Schlüssel an der Börse (API-Schlüssel in den Einstellungen Ihres Börsenkontos).",
  "stop.step2":
    "Legen Sie dort einen neuen Schlüssel an, nur mit Lesen (ohne Handeln, ohne Auszahlen) und einer IP-Freigabeliste, die nur die Adresse dieses Servers enthält: {ip}.",
  "stop.step2NoIp":
    "Legen Sie dort einen neuen Schlüssel an, nur mit Lesen (ohne Handeln, ohne Auszahlen) und einer IP-Freigabeliste, die nur die Adresse dieses Servers enthält (fragen Sie Ihre Administration danach).",
  "stop.step3": "Ersetzen Sie danach diesen Schlüssel unten durch den neuen.",
  "cancel.title": "Jetzt alle offenen Aufträge stornieren",
  "cancel.intro":
    "Bittet die Börse, jeden offenen Auftrag des Kontos dieses Schlüssels zu stornieren. Das ist die einzige Änderung, die Keydesk je an der Börse vornimmt.",
  "cancel.codeLabel": "Code aus Ihrer Authenticator-App",
  "cancel.submit": "Alle offenen Aufträge stornieren",
  "cancel.needsStepUp": "Geben Sie Ihr Passwort ein, um Aufträge zu stornieren.",
  "cancel.needsCode": "Geben Sie einen aktuellen Code aus Ihrer Authenticator-App ein.",
  "cancel.wrongCode": "Dieser Code ist nicht richtig.",
  "cancel.noTrade": "Dieser Schlüssel hat kein Handelsrecht und kann daher keine Aufträge stornieren.",
  "cancel.failed": "Die Börse hat die Aufträge nicht storniert: {message}",
  "cancel.done": "Die Börse hat {count} Aufträge storniert.",
  "cancel.none": "Laut Börse gibt es keine offenen Aufträge zu stornieren.",
  "alerts.bell": "Benachrichtigungen",
  "alerts.bellUnreadSuffix": "ungelesen",
  "alerts.bellUnread": "Benachrichtigungen ({count} ungelesen)",
  "alerts.pageTitle": "Benachrichtigungen",
  "alerts.empty": "Noch keine Benachrichtigungen.",
  "alerts.markRead": "Als gelesen markieren",
  "alerts.markAllRead": "Alle als gelesen markieren",
  "alerts.unread": "Ungelesen",
  "alerts.settingsTitle": "Warnungen",
  "alerts.settingsIntro":
    "Keydesk meldet sich, wenn ein Schlüssel widerrufen wird, die Serveradresse nicht erlaubt ist, er dauerhaft fehlschlägt, er gestoppt oder ersetzt wird, eine Freigabe entfernt wird, sich jemand von einem neuen Gerät anmeldet, die Zwei-Faktor-Anmeldung ausgeschaltet wird, ein Passkey hinzugefügt oder entfernt wird oder sich zum ersten Mal anmeldet, Ihr Passwort abgeschaltet wird oder ein Mitglied beitritt.",
  "alerts.settingInApp": "Warnungen in Keydesk anzeigen (die Glocke)",
  "alerts.settingEmail": "Warnungen per E-Mail senden",
  "alerts.settingEmailOff": "E-Mail ist auf diesem Server nicht eingerichtet, Warnungen erscheinen nur in Keydesk.",
  "alerts.settingsSave": "Warnungseinstellungen speichern",
  "alerts.settingsSaved": "Warnungseinstellungen gespeichert.",
  "alerts.emailFooter": "Welche Warnungen Sie erhalten, ändern Sie in den Einstellungen von Keydesk.",
  "alert.key_refused.title": "Schlüssel „{keyLabel}“ wurde von der Börse abgelehnt",
  "alert.key_refused.body":
    "Die Börse hat den Schlüssel widerrufen oder erlaubt die Adresse dieses Servers nicht. Prüfen Sie den Schlüssel an der Börse und ersetzen Sie ihn dann in Keydesk.",
  "alert.key_failing.title": "Schlüssel „{keyLabel}“ schlägt seit 15 Minuten fehl",
  "alert.key_failing.body":
    "Keydesk konnte den Schlüssel 15 Minuten lang nicht bei der Börse nutzen. Prüfen Sie ihn auf seiner Seite.",
  "alert.key_stopped.title": "Schlüssel „{keyLabel}“ wurde gestoppt",
  "alert.key_stopped.body":
    "Der Eigentümer hat den Schlüssel gestoppt, weil er möglicherweise kompromittiert ist. Seine Daten sind erst nach dem Ersetzen wieder abrufbar.",
  "alert.key_replaced.title": "Schlüssel „{keyLabel}“ wurde ersetzt",
  "alert.key_replaced.body": "Der Eigentümer hat den Schlüssel durch einen neuen für dasselbe Konto ersetzt.",
  "alert.share_removed.title": "Schlüssel „{keyLabel}“ ist nicht mehr für {team} freigegeben",
  "alert.share_removed.body": "Der Eigentümer hat die Freigabe entfernt; das Team sieht die Daten nicht mehr.",
  "alert.new_device.title": "Anmeldung von einem neuen Gerät",
  "alert.new_device.body":
    "Ihr Konto wurde von einem bisher unbekannten Gerät angemeldet: {device}. Falls Sie das nicht waren, ändern Sie Ihr Passwort.",
  "alert.two_factor_off.title": "Zwei-Faktor-Anmeldung wurde ausgeschaltet",
  "alert.two_factor_off.body":
    "Die Zwei-Faktor-Anmeldung wurde für Ihr Konto ausgeschaltet. Falls Sie das nicht waren, ändern Sie Ihr Passwort.",
  "alert.member_joined.title": "{member} ist {team} beigetreten",
  "alert.member_joined.body":
    "Ein neues Mitglied ist dem Team beigetreten und kann die dafür freigegebenen Schlüssel lesen.",
  "alert.sign_in_failures.title": "Fehlgeschlagene Anmeldungen vor dieser",
  "alert.sign_in_failures.body":
    "Seit Ihrer letzten Anmeldung wurden {failures} falsche Passwörter oder Codes für Ihr Konto versucht, von {addresses} Adressen. Ihr Konto hat standgehalten. Falls Sie das nicht waren, wählen Sie ein längeres Passwort und schalten Sie die Zwei-Faktor-Anmeldung ein.",
  "signInReport.settings": "Sicherheitseinstellungen",
  "signInReport.dismiss": "Ausblenden",
};
