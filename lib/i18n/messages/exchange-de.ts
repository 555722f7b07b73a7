// The exchange's refusals as Keydesk words them, German.
import type { exchangeEn } from "./exchange-en";

export const exchangeDe: Record<keyof typeof exchangeEn, string> = {
  "exchange.missingCredentials": "Es wurde kein API-Schlüssel an die Börse gesendet.",
  "exchange.invalidCredentials": "Die Börse hat die Zugangsdaten dieses Schlüssels nicht akzeptiert.",
  "exchange.invalidApikey":
    "Die Börse erkennt diesen Schlüssel nicht: Er stammt nicht von dieser Börse oder wurde falsch eingegeben. Kopieren Sie ihn noch einmal von der Börse.",
  "exchange.invalidScopes": "Laut Börse sind die Berechtigungen dieses Schlüssels ungültig.",
  "exchange.invalidSubject": "Laut Börse ist das Konto dieses Schlüssels ungültig.",
  "exchange.invalidIssuer": "Dieser Schlüssel wurde nicht von dieser Börse ausgestellt.",
  "exchange.invalidAudience": "Dieser Schlüssel ist nicht für die API dieser Börse bestimmt.",
  "exchange.invalidDevice": "Die Börse hat die Anfrage abgelehnt (ungültige Geräte-ID).",
  "exchange.ipRestriction":
    "Die IP-Adresse dieses Servers steht nicht auf der IP-Freigabeliste des Schlüssels, daher lehnt die Börse ihn ab.",
  "exchange.revoked":
    "Dieser Schlüssel wurde an der Börse gelöscht (widerrufen). Ein gelöschter Schlüssel lässt sich nicht wiederherstellen: Erstellen Sie einen neuen und fügen Sie ihn hier hinzu.",
  "exchange.expired": "Laut Börse ist dieser Schlüssel abgelaufen. Erstellen Sie einen neuen.",
  "exchange.tokenMismatch": "Die Börse hat die Anfrage abgelehnt (Sitzungstoken stimmt nicht überein).",
  "exchange.sessionExpired": "Laut Börse ist die Sitzung abgelaufen.",
  "exchange.authInternal":
    "Die Börse konnte die Anfrage nicht authentifizieren (interner Fehler). Versuchen Sie es später noch einmal.",
  "exchange.ipBlocked":
    "Die Börse hat die IP-Adresse dieses Servers wegen zu vieler Anfragen gesperrt. Meist hebt sie die Sperre nach einer Stunde auf.",
  "exchange.missingPermission": "Diesem Schlüssel fehlt die nötige Berechtigung (Read zum Anzeigen von Daten).",
  "exchange.notFound": "Die Börse kennt diesen Eintrag nicht.",
  "exchange.orderNotFound": "Die Börse kennt diesen Auftrag nicht.",
  "exchange.currencyNotFound": "Die Börse kennt diese Währung nicht.",
  "exchange.orderId": "Das ist keine gültige Auftragsnummer.",
  "exchange.orderOutOfRange":
    "Die Börse kennt diesen Auftrag in den letzten 30 Tagen nicht. One Trading Fast sucht einzelne Aufträge nur in den letzten 30 Tagen: Ein älterer Auftrag steht weiterhin mit seinen Ausführungen in der Auftragsliste, wenn Sie seinen Zeitraum wählen.",
  "exchange.tradeOutOfRange":
    "Die Börse kennt diese Ausführung in den letzten 30 Tagen nicht. One Trading Fast sucht einzelne Ausführungen nur in den letzten 30 Tagen: Ältere Ausführungen stehen weiterhin in der Liste der Ausführungen, wenn Sie ihren Zeitraum wählen.",
  "exchange.maxOpenOrders": "Das Konto hat bereits die höchstens erlaubten 200 offenen Aufträge.",
  "exchange.insufficientFunds": "Das Konto hat nicht genug Guthaben.",
  "exchange.insufficientLiquidity": "Der Markt hat nicht genug Liquidität.",
  "exchange.rateLimit":
    "Das Limit der Börse pro Konto (200 Anfragen pro Minute) wurde erreicht; sie pausiert das Konto für eine Minute.",
  "exchange.cfRateLimit":
    "Das Limit der Börse pro IP-Adresse (240 Anfragen pro Minute) wurde erreicht; sie sperrt die Adresse dieses Servers für bis zu eine Stunde.",
  "exchange.internalServer": "Bei der Börse ist ein interner Fehler aufgetreten. Versuchen Sie es gleich noch einmal.",
  "exchange.unavailable": "Die Börse ist vorübergehend nicht verfügbar.",
  "exchange.noTrading": "Der Handel an der Börse ist derzeit ausgesetzt.",
  "exchange.gatewayTimeout": "Die Börse hat zu lange für eine Antwort gebraucht.",
  "exchange.malformed": "Die Börse hat die Anfrage als fehlerhaft abgelehnt.",
  "exchange.rangeTooBig":
    "Der Zeitraum ist länger, als die Börse in einer Anfrage erlaubt (100 Tage bei Bitpanda Pro, 30 bei One Trading Fast).",
  "exchange.fromTime":
    "Die Börse hat den Beginn des Zeitraums abgelehnt (bei One Trading Fast darf er nicht in der Zukunft liegen).",
  "exchange.orderValues": "Die Börse hat die Werte des Auftrags abgelehnt.",
  "exchange.unreachable": "Die Börse ist gerade nicht erreichbar.",
  "exchange.timeout": "Die Börse hat nicht rechtzeitig geantwortet.",
  "exchange.badResponse": "Die Börse hat eine Antwort gesendet, die Keydesk nicht versteht.",
  "exchange.httpError": "Die Börse hat mit einem Fehler geantwortet.",
  "exchange.forbidden":
    "Die Börse hat den Schlüssel abgelehnt (403 Forbidden). Er ist vielleicht ungültig oder widerrufen.",
  "exchange.unauthorized":
    "Die Börse hat den Schlüssel abgelehnt (401 Unauthorized). Er ist vielleicht ungültig oder widerrufen.",
  "exchange.fastNoEndpoint": "One Trading Fast hat diesen Endpunkt nicht (Keydesk hat die Börse nicht gefragt).",
  "exchange.refused": "Die Börse hat die Anfrage abgelehnt.",
  "exchange.refusedSaying": "Die Börse hat die Anfrage abgelehnt: „{said}“ (HTTP {status}).",
  "exchange.unknownCode": "Die Börse hat mit einem Fehler geantwortet ({code}).",
  "exchange.otherDialectFast":
    "One Trading Fast kennt das Konto dieses Schlüssels nicht (INVALID_SUBJECT): Er sieht nach einem Schlüssel für die ältere Bitpanda-Pro-API (/public/v1) aus. Erstellen Sie bei One Trading einen Schlüssel für Ihr Fast-Konto, oder bitten Sie die Person, die Keydesk betreibt, es mit Bitpanda Pro zu verbinden.",
  "exchange.otherDialectPro":
    "Die Bitpanda-Pro-API (/public/v1) kennt das Konto dieses Schlüssels nicht (INVALID_SUBJECT): Er sieht nach einem Schlüssel für One Trading Fast aus. Verwenden Sie hier einen Bitpanda-Pro-Schlüssel, oder bitten Sie die Person, die Keydesk betreibt, es mit One Trading Fast zu verbinden (EXCHANGE_BASE_URL={url}).",
};
