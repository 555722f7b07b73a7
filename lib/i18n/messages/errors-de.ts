// The messages route handlers and server actions send back, German.
import type { errorsEn } from "./errors-en";

export const errorsDe: Record<keyof typeof errorsEn, string> = {
  "error.code.bad_request": "Die Anfrage war nicht gültig.",
  "error.code.unauthorized": "Melden Sie sich an, um fortzufahren.",
  "error.code.forbidden": "Dazu sind Sie nicht berechtigt.",
  "error.code.not_found": "Das gibt es nicht, oder es ist nicht mit Ihnen geteilt.",
  "error.code.conflict":
    "Das widerspricht dem aktuellen Stand. Laden Sie die Seite neu und versuchen Sie es noch einmal.",
  "error.code.unprocessable": "Mit diesen Angaben ist das nicht möglich.",
  "error.code.rate_limited": "Gerade zu viele Anfragen. Versuchen Sie es gleich noch einmal.",
  "error.code.upstream_error": "Die Börse hat die Anfrage abgelehnt.",
  "error.code.upstream_unavailable":
    "Die Börse oder die Datenbank von Keydesk ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.",
  "error.code.internal":
    "Bei uns ist etwas schiefgegangen. Es ist nichts verloren gegangen; bitte versuchen Sie es noch einmal.",
  "error.internal":
    "Bei uns ist etwas schiefgegangen. Es ist nichts verloren gegangen; bitte versuchen Sie es noch einmal.",
  "error.internalAction":
    "Bei uns ist etwas schiefgegangen. Es wurde nichts geändert; bitte versuchen Sie es noch einmal.",
  "error.dbDown":
    "Die Datenbank von Keydesk antwortet gerade nicht. Es ist nichts verloren gegangen; versuchen Sie es gleich noch einmal.",
  "error.dbDownAction":
    "Die Datenbank von Keydesk antwortet gerade nicht. Es wurde nichts geändert; versuchen Sie es gleich noch einmal.",
  "error.notAForm":
    "Das Formular wurde nicht richtig gesendet. Laden Sie die Seite neu und versuchen Sie es noch einmal.",
  "error.formInvalid":
    "Das Formular war unvollständig oder ungültig. Laden Sie die Seite neu und versuchen Sie es noch einmal.",
  "error.formIncomplete": "Das Formular war unvollständig. Laden Sie die Seite neu und versuchen Sie es noch einmal.",
  "error.noEndpoint": "Diesen API-Endpunkt gibt es nicht.",
  "error.headersTooLarge": "Adresse und Header der Anfrage sind zu groß.",
  "error.signIn": "Melden Sie sich an, um fortzufahren.",
  "error.filtersInvalid": "Einige Filter sind ungültig.",
  "error.startBeforeEnd": "Der Beginn muss vor dem Ende liegen.",
  "error.exportRangeYears": "Ein Exportzeitraum kann höchstens {n} Jahre umfassen.",
  "error.cancelled": "Die Anfrage wurde abgebrochen.",
  "error.pageCursor": "Dieser Seitenlink ist nicht mehr gültig. Laden Sie die Liste neu.",
  "error.orderId": "Das ist keine gültige Auftragsnummer.",
  "error.keyNotFound": "Diesen Schlüssel gibt es nicht, oder er ist nicht mit Ihnen geteilt.",
  "error.passkeyNotFound": "Diesen Passkey gibt es nicht.",
  "error.keyOwnerOnly":
    "Nur der Besitzer des Schlüssels kann ihn ändern. Sie können seine Daten lesen, weil er mit Ihrem Team geteilt ist.",
  "error.keyNoExports": "Der Besitzer des Schlüssels hat Exporte für Ihr Team nicht erlaubt.",
  "error.keyDecrypt":
    "Dieser Schlüssel konnte auf dem Server nicht entschlüsselt werden. Eine Administratorin oder ein Administrator muss die Einstellungen des Hauptschlüssels prüfen.",
  "error.keyNoRead":
    "Dieser Schlüssel hat keine Read-Berechtigung, daher kann Keydesk seine Daten nicht anzeigen. Fügen Sie für dieses Konto einen Schlüssel mit reiner Leseberechtigung hinzu.",
  "error.notKeyId": "Keine Schlüssel-ID.",
  "error.keyDuplicate": "Sie haben diesen Schlüssel bereits als „{label}“ hinzugefügt.",
  "error.keyWithdrawConfirm":
    "Dieser Schlüssel kann Guthaben abheben. Geben Sie {word} ein, um zu bestätigen, dass Keydesk ihn aufbewahren soll.",
  "error.keyStepUp":
    "Für Schlüssel, die handeln oder abheben können, brauchen wir Ihr Passwort noch einmal, bevor sie hinzugefügt werden.",
  "error.keyDeleteConfirm": "Geben Sie zur Bestätigung den Namen des Schlüssels genau ein („{label}“).",
  "error.keyDeletePassword": "Geben Sie Ihr Passwort ein, um einen Schlüssel zu löschen.",
  "error.passwordWrong": "Dieses Passwort ist nicht richtig.",
  "error.keyLabelMissing": "Geben Sie dem Schlüssel einen Namen, an dem Sie ihn wiedererkennen.",
  "error.keyLabelLong": "Verwenden Sie höchstens 60 Zeichen.",
  "error.keyMissing": "Fügen Sie den API-Schlüssel ein, den Ihnen die Börse angezeigt hat.",
  "error.keyTooLong": "Das ist viel länger als ein API-Schlüssel einer Börse.",
  "error.exportIncomplete":
    "Ein Teil dieses Zeitraums konnte von der Börse nicht gelesen werden. Das Exportieren wurde daher abgebrochen, statt Ihnen eine unvollständige Datei zu geben. Versuchen Sie es in einer Minute noch einmal.",
  "error.pacing": "Keydesk drosselt die Anfragen, um unter den Limits der Börse zu bleiben.",
  "error.pacingIn": "Keydesk drosselt die Anfragen, um unter den Limits der Börse zu bleiben. Aktualisierung in {n} s.",
  "error.ipBlockedIn":
    "Die Börse hat die Adresse dieses Servers wegen zu vieler Anfragen gesperrt. Keydesk versucht es in {n} s erneut.",
  "error.ipNotAllowedAt":
    "Die IP-Adresse dieses Servers ({ip}) steht nicht auf der IP-Freigabeliste des Schlüssels, daher lehnt die Börse ihn ab. Erstellen Sie einen Schlüssel, dessen Freigabeliste {ip2} enthält, oder einen ohne IP-Beschränkung.",
  "error.ipNotAllowedHere":
    "Die IP-Adresse dieses Servers steht nicht auf der IP-Freigabeliste des Schlüssels, daher lehnt die Börse ihn ab. Erstellen Sie einen Schlüssel, dessen Freigabeliste die öffentliche Adresse dieses Servers enthält.",
  "error.passwordMin": "Verwenden Sie mindestens {min} Zeichen (dieses hat {length}).",
  "error.passwordMax": "Verwenden Sie höchstens {max} Zeichen.",
  "error.passwordVariety": "Verwenden Sie mehr als drei verschiedene Zeichen.",
  "error.passwordEmail": "Verwenden Sie den Namensteil Ihrer E-Mail-Adresse nicht im Passwort.",
  "error.passwordsDiffer": "Die beiden Passwörter stimmen nicht überein.",
  "error.emailTaken": "Es gibt bereits ein Konto mit dieser E-Mail-Adresse. Melden Sie sich stattdessen an.",
  "error.oidcOff": "Single Sign-on ist für dieses Keydesk nicht eingerichtet.",
  "error.verifySent": "Ein neuer Bestätigungslink ist auf dem Weg zu Ihrer Adresse.",
  "error.enterPassword": "Geben Sie Ihr Passwort ein.",
  "error.verifyNotSent":
    "Es konnte kein Link gesendet werden (die Adresse ist vielleicht schon bestätigt, oder der E-Mail-Versand ist nicht eingerichtet). Versuchen Sie es später noch einmal.",
  "error.notSessionId": "Keine Sitzungs-ID.",
  "error.sessionSignedOut": "Diese Sitzung wurde abgemeldet.",
  "error.sessionGone": "Diese Sitzung ist bereits abgemeldet.",
  "error.totpSetupExpired": "Die Einrichtung ist abgelaufen. Beginnen Sie neu, um einen neuen QR-Code zu erhalten.",
  "error.totpMismatch":
    "Dieser Code passt nicht. Prüfen Sie die Uhrzeit auf Ihrem Telefon und geben Sie den aktuellen 6-stelligen Code ein.",
  "error.keyNeeds2fa":
    "Schlüssel, die handeln oder abheben können, lassen sich nur mit eingeschalteter Zwei-Faktor-Anmeldung hinzufügen. Schalten Sie sie in den Einstellungen ein, oder fügen Sie einen Schlüssel mit reiner Leseberechtigung hinzu.",
  "error.keyNoReadCheck":
    "Dieser Schlüssel hat keine Read-Berechtigung, daher kann Keydesk ihn weder bei der Börse bestätigen noch sein Guthaben und seine Historie anzeigen.",
  "error.pricesUnavailable": "Preise sind nicht verfügbar.",
  "error.emailInvalid": "Geben Sie eine gültige E-Mail-Adresse ein.",
  "error.feesRange": "Der Zeitraum muss 7d, 30d oder 90d sein.",
  "error.totpAlreadyOn": "Die Zwei-Faktor-Anmeldung ist bereits eingeschaltet.",
  "error.keyStopped":
    "Dieser Schlüssel wurde gestoppt, weil er kompromittiert sein könnte. Sein Besitzer kann ihn nur zurückholen, indem er ihn durch einen neuen Schlüssel ersetzt.",
  "error.backfillRead": "Die Börse hat die Abfrage „{what}“ für den Verlaufsaufbau nicht beantwortet.",
  "error.liveNoKeys": "Nennen Sie die Schlüssel, denen gefolgt werden soll (keys=…).",
  "error.liveTooManyKeys": "Ein Live-Datenstrom folgt höchstens {n} Schlüsseln.",
  "error.liveTooManyStreams":
    "Zu viele Live-Seiten sind geöffnet. Schließen Sie einen Tab und versuchen Sie es erneut.",
  "error.metricsOff": "Nicht gefunden.",
};
