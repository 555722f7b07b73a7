// Einstellungen: Konto, angemeldete Sitzungen, Zwei-Faktor-Anmeldung und die Meldungen ihrer Server-Aktionen, Deutsch.
import type { settingsEn } from "./settings-en";

export const settingsDe: Record<keyof typeof settingsEn, string> = {
  "settings.title": "Einstellungen",
  "settings.account": "Konto",
  "settings.signedInAs": "Angemeldet als",
  "settings.sessions": "Angemeldete Sitzungen",
  "settings.sessionsIntro":
    "Alle Browser, in denen Sie angemeldet sind. Das Abmelden einer Sitzung wirkt bei ihrer nächsten Anfrage.",
  "settings.thisBrowser": "dieser Browser",
  "settings.signedIn": "Angemeldet",
  "settings.lastUsed": "zuletzt genutzt",
  "settings.twoFactor": "Zwei-Faktor-Anmeldung",
  "settings.twoFactorIntro":
    "Ein Code aus einer Authenticator-App auf Ihrem Telefon, der bei jeder Anmeldung nach dem Passwort abgefragt wird.",
  "settings.twoFactorRequired":
    "Schlüssel mit Handels- oder Auszahlungsberechtigung können nur hinzugefügt werden, wenn sie eingeschaltet ist.",
  "settings.signOut": "Abmelden",
  "settings.signingOut": "Wird abgemeldet…",
  "settings.signOutOthers": "Alle anderen Sitzungen abmelden",
  "totp.onTitle": "Die Zwei-Faktor-Anmeldung ist eingeschaltet.",
  "totp.saveCodes":
    "Bewahren Sie diese Wiederherstellungscodes sicher auf. Jeder gilt einmal, falls Sie Ihr Telefon verlieren. Keydesk zeigt sie nur jetzt an.",
  "totp.saved": "Ich habe sie gespeichert",
  "totp.passwordOn": "Ihr Keydesk-Passwort, um sie einzuschalten",
  "totp.ssoHint":
    "Mit Single Sign-on und ohne Passwort angemeldet? Melden Sie sich erneut bei Ihrem Anbieter an und schalten Sie sie dann hier ein.",
  "totp.preparing": "Wird vorbereitet…",
  "totp.turnOn": "Zwei-Faktor-Anmeldung einschalten",
  "totp.scan":
    "Scannen Sie diesen Code mit einer Authenticator-App (zum Beispiel Aegis, 2FAS, Google Authenticator oder 1Password) und geben Sie dann den 6-stelligen Code ein, den sie anzeigt.",
  "totp.qrLabel": "QR-Code für Ihre Authenticator-App",
  "totp.typeKey": "Oder tippen Sie diesen Schlüssel in die App ein:",
  "totp.code": "6-stelliger Code",
  "totp.checking": "Wird geprüft…",
  "totp.confirm": "Bestätigen",
  "totp.isOn": "Die Zwei-Faktor-Anmeldung ist eingeschaltet.",
  "totp.codesLeft.one": "1 unbenutzter Wiederherstellungscode übrig.",
  "totp.codesLeft.other": "{count} unbenutzte Wiederherstellungscodes übrig.",
  "totp.passwordOff": "Ihr Keydesk-Passwort, um sie auszuschalten",
  "totp.turningOff": "Wird ausgeschaltet…",
  "totp.turnOff": "Zwei-Faktor-Anmeldung ausschalten",
  "totpAction.enterCode": "Geben Sie den 6-stelligen Code ein, den Ihre App anzeigt.",
  "totpAction.wrongPassword": "Dieses Passwort ist nicht korrekt.",
  "totpAction.passwordToDisable": "Geben Sie Ihr Passwort ein, um die Zwei-Faktor-Anmeldung auszuschalten.",
  "totpAction.off": "Die Zwei-Faktor-Anmeldung ist ausgeschaltet.",
  "sessionAction.notSession": "Keine gültige Sitzungs-ID.",
  "sessionAction.signedOut": "Diese Sitzung wurde abgemeldet.",
  "sessionAction.signedOutOthers.one": "1 andere Sitzung abgemeldet.",
  "sessionAction.signedOutOthers.other": "{count} andere Sitzungen abgemeldet.",
  "sessionAction.noOthers": "Es gab keine anderen Sitzungen.",
};
