// Passkeys, German: Einstellungen, Anmeldung, Bestätigung, Ablehnungen, Hinweise und Protokolleinträge.
import type { passkeysEn } from "./passkeys-en";

export const passkeysDe: Record<keyof typeof passkeysEn, string> = {
  "passkey.useInstead": "Stattdessen einen Passkey verwenden",
  "passkey.confirm": "Mit einem Passkey bestätigen",
  "passkey.waiting": "Warte auf Ihren Passkey …",
  "passkey.confirmed": "Mit Ihrem Passkey bestätigt.",
  "passkey.signIn": "Mit einem Passkey anmelden",
  "passkey.signInPending": "Anmeldung läuft …",
  "passkey.signInHint": "Ohne E-Mail-Adresse: Ihr Gerät zeigt die Passkeys, die es für Keydesk hat.",
  "passkey.cancelled": "Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen. Es wurde nichts geändert.",
  "passkey.notSupported":
    "Dieser Browser kann keine Passkeys verwenden. Melden Sie sich mit Ihrem Passwort oder in einem anderen Browser an.",
  "passkey.wrongAddress":
    "Passkeys funktionieren nur unter {origin}, der Adresse, für die dieses Keydesk eingerichtet ist. Sie haben es unter {here} geöffnet: Rufen Sie {origin} auf und versuchen Sie es erneut.",
  "passkey.alreadyOnDevice":
    "Dieses Gerät hat bereits einen Passkey für Ihr Konto. Verwenden Sie ein anderes Gerät oder einen anderen Passwortmanager.",
  "passkey.browserFailed": "Ihr Browser konnte den Passkey nicht verwenden ({name}). Es wurde nichts geändert.",
  "passkey.unreachable": "Keydesk ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
  "passkey.title": "Passkeys",
  "passkey.intro":
    "Ein Passkey meldet Sie mit der Bildschirmsperre Ihres Geräts (Fingerabdruck, Gesicht oder PIN) statt mit einem Passwort an und bestätigt Aktionen an Schlüsseln. Er lässt sich weder abfischen noch erraten.",
  "passkey.empty": "Noch keine Passkeys.",
  "passkey.listLabel": "Ihre Passkeys",
  "passkey.nameLabel": "Name für den neuen Passkey",
  "passkey.nameHint": "Damit Sie sie unterscheiden können, z. B. „Arbeitslaptop“ oder „Handy“.",
  "passkey.defaultName": "Passkey {n}",
  "passkey.add": "Passkey hinzufügen",
  "passkey.adding": "Folgen Sie der Abfrage Ihres Browsers …",
  "passkey.added": "Passkey „{name}“ hinzugefügt.",
  "passkey.created": "Hinzugefügt",
  "passkey.lastUsed": "zuletzt verwendet",
  "passkey.never": "nie",
  "passkey.synced": "synchronisiert",
  "passkey.remove": "Entfernen",
  "passkey.removeNamed": "Passkey {name} entfernen",
  "passkey.removeConfirm": "Diesen Passkey entfernen",
  "passkey.removing": "Wird entfernt …",
  "passkey.removed": "Passkey „{name}“ entfernt.",
  "passkey.cancel": "Abbrechen",
  "passkey.passwordLabel": "Ihr Passwort",
  "passkey.unavailable":
    "Passkeys sind auf diesem Server nicht verfügbar: Er muss über https unter einem Hostnamen (KEYDESK_PUBLIC_URL) oder unter localhost erreichbar sein.",
  "passkey.limit": "Sie können bis zu {max} Passkeys registrieren.",
  "passkey.passwordlessTitle": "Ohne Passwort anmelden",
  "passkey.passwordlessIntro":
    "Mit mindestens zwei Passkeys können Sie Ihr Passwort abschalten. Dann melden nur Ihre Passkeys Sie an: Es gibt kein Passwort, das erraten oder abgefischt werden kann, und die Anmeldegrenzen für Passwörter betreffen Ihr Konto nie.",
  "passkey.needTwo": "Fügen Sie zuerst einen zweiten Passkey hinzu (Sie haben {count}).",
  "passkey.turnOff": "Mein Passwort abschalten",
  "passkey.turnOffHint":
    "Sie bestätigen mit einem Ihrer Passkeys und wissen so, dass er auf diesem Gerät funktioniert.",
  "passkey.passwordIsOff": "Ihr Passwort ist abgeschaltet: Sie melden sich mit einem Passkey an.",
  "passkey.keepTwo": "Solange Ihr Passwort abgeschaltet ist, behalten Sie mindestens zwei Passkeys.",
  "passkey.recovery":
    "Verlieren Sie alle Passkeys, kann Sie nur noch die Person, die dieses Keydesk betreibt, wieder hineinlassen; Anmeldung mit Passwort, Zurücksetzen des Passworts und Single Sign-on öffnen dieses Konto nicht.",
  "passkey.passwordOff": "Ihr Passwort ist abgeschaltet. Melden Sie sich ab jetzt mit einem Ihrer Passkeys an.",
  "passkey.setPassword": "Wieder ein Passwort festlegen",
  "passkey.newPassword": "Neues Passwort",
  "passkey.repeatPassword": "Neues Passwort wiederholen",
  "passkey.savePassword": "Passwort festlegen",
  "passkey.passwordOn": "Ihr Passwort ist wieder gesetzt. Sie können sich damit oder mit einem Passkey anmelden.",
  "passkey.stepUpLabel": "Bestätigen Sie, dass Sie es sind",
  "passkeyRefused.unavailable":
    "Passkeys sind auf diesem Server nicht verfügbar (er ist nicht über https unter einem Hostnamen erreichbar). Verwenden Sie Ihr Passwort.",
  "passkeyRefused.invalid":
    "Die Antwort des Passkeys ließ sich nicht prüfen. Es wurde nichts geändert; versuchen Sie es erneut.",
  "passkeyRefused.challenge_expired":
    "Diese Passkey-Anfrage ist abgelaufen oder wurde schon verwendet. Es wurde nichts geändert; beginnen Sie erneut.",
  "passkeyRefused.wrong_origin":
    "Der Passkey hat für eine andere Adresse als {expected} geantwortet. Öffnen Sie Keydesk unter {expected} und versuchen Sie es erneut.",
  "passkeyRefused.wrong_rp": "Dieser Passkey gehört zu einer anderen Website, nicht zu diesem Keydesk ({rpId}).",
  "passkeyRefused.unknown_credential":
    "Dieser Passkey ist bei Keydesk nicht registriert (vielleicht wurde er entfernt). Verwenden Sie einen anderen Passkey oder Ihr Passwort.",
  "passkeyRefused.other_user": "Dieser Passkey gehört zu einem anderen Konto. Verwenden Sie einen eigenen.",
  "passkeyRefused.not_verified":
    "Der Passkey hat Sie nicht bestätigt (Fingerabdruck, Gesicht oder PIN). Versuchen Sie es erneut und bestätigen Sie auf Ihrem Gerät.",
  "passkeyRefused.counter_replay":
    "Dieser Passkey wurde abgelehnt: Sein Signaturzähler ist zurückgegangen, was passiert, wenn ein Authenticator kopiert wurde. Wenn Sie das nicht kennen, entfernen Sie den Passkey in den Einstellungen.",
  "passkeyRefused.needs_step_up": "Geben Sie dafür Ihr Passwort ein (oder verwenden Sie einen Passkey).",
  "passkeyRefused.needs_passkey_step_up": "Bestätigen Sie mit einem Ihrer Passkeys, um Ihr Passwort abzuschalten.",
  "passkeyRefused.limit_reached":
    "Sie haben bereits {max} Passkeys, die Höchstzahl für ein Konto. Entfernen Sie zuerst einen.",
  "passkeyRefused.already_registered": "Dieser Passkey ist bei Keydesk bereits registriert.",
  "passkeyRefused.keep_two":
    "Ihr Passwort ist abgeschaltet, daher behält Ihr Konto mindestens {min} Passkeys. Fügen Sie zuerst einen weiteren hinzu oder legen Sie ein Passwort fest.",
  "passkeyRefused.too_few": "Fügen Sie mindestens {min} Passkeys hinzu, bevor Sie Ihr Passwort abschalten.",
  "passkeyRefused.no_password": "Ihr Konto hat hier kein Passwort zu ändern.",
  "passkeyRefused.no_passkeys": "Ihr Konto hat noch keine Passkeys. Fügen Sie in den Einstellungen einen hinzu.",
  "passkeyRefused.rate_limited": "Zu viele Passkey-Versuche. Versuchen Sie es in {seconds} s erneut.",
  "passkeyRefused.name": "Geben Sie dem Passkey einen Namen mit höchstens 60 Zeichen.",
  "passkeyRefused.passwordsDiffer": "Die beiden Passwörter stimmen nicht überein.",
  "auth.oidcPasskeysOnly":
    "Diese E-Mail-Adresse gehört zu einem Konto, das sich nur mit Passkeys anmeldet. Verwenden Sie „Mit einem Passkey anmelden“.",
  "alert.passkey_added.title": "Ihrem Konto wurde ein Passkey hinzugefügt",
  "alert.passkey_added.body":
    "Der Passkey „{passkey}“ kann Sie jetzt anmelden. Wenn Sie das nicht waren, entfernen Sie ihn in den Einstellungen und melden Sie Ihre anderen Sitzungen ab.",
  "alert.passkey_removed.title": "Ein Passkey wurde aus Ihrem Konto entfernt",
  "alert.passkey_removed.body": "Der Passkey „{passkey}“ kann Sie nicht mehr anmelden.",
  "alert.passkey_new_sign_in.title": "Erste Anmeldung mit dem Passkey „{passkey}“",
  "alert.passkey_new_sign_in.body":
    "Ihr Konto wurde zum ersten Mal mit dem Passkey „{passkey}“ angemeldet, von {device}. Wenn Sie das nicht waren, entfernen Sie ihn in den Einstellungen.",
  "alert.password_off.title": "Ihr Passwort wurde abgeschaltet",
  "alert.password_off.body":
    "Ihr Konto meldet sich jetzt nur noch mit seinen Passkeys an. Wenn Sie das nicht waren, legen Sie in den Einstellungen wieder ein Passwort fest und entfernen Sie Passkeys, die Sie nicht kennen.",
  "alert.password_reset.title": "Ihr Passwort wurde vom Betreiber dieses Keydesk zurückgesetzt",
  "alert.password_reset.body":
    "Für Ihr Konto wurde ein Einmalpasswort gesetzt und jede Sitzung abgemeldet. Wenn Sie das nicht veranlasst haben, wenden Sie sich an die Person, die dieses Keydesk betreibt.",
  "audit.auth.password_reset": "Passwort vom Betreiber zurückgesetzt",
  "audit.auth.passkey_added": "Passkey hinzugefügt",
  "audit.auth.passkey_removed": "Passkey entfernt",
  "audit.auth.passkey_first_sign_in": "Erste Anmeldung mit einem Passkey",
  "audit.auth.password_off": "Passwort abgeschaltet",
  "audit.auth.password_on": "Passwort wieder festgelegt",
  "audit.auth.step_up": "Identität bestätigt",
  "activity.detail.passkey": "Passkey",
  "activity.detail.method": "Verfahren",
  "activity.detail.synced": "synchronisiert",
  "activity.detail.origin": "Herkunft",
  "activity.detail.by": "durch",
};
