// Anmelde-, Registrierungs-, Bestätigungs- und Single-Sign-on-Meldungen, Deutsch.
import type { authEn } from "./auth-en";

export const authDe: Record<keyof typeof authEn, string> = {
  "auth.rateLimited": "Zu viele Anmeldeversuche von hier für dieses Konto. Versuchen Sie es in {seconds} s erneut.",
  "auth.enterEmail": "Geben Sie eine gültige E-Mail-Adresse ein.",
  "auth.enterPassword": "Geben Sie Ihr Passwort ein.",
  "auth.nameTooLong": "Verwenden Sie höchstens 100 Zeichen.",
  "auth.passwordsDiffer": "Die beiden Passwörter stimmen nicht überein.",
  "auth.invalidCredentials": "Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto.",
  "auth.totpRequired":
    "Für dieses Konto ist die Zwei-Faktor-Anmeldung eingeschaltet: Geben Sie Ihr Passwort erneut ein, zusammen mit dem 6-stelligen Code aus Ihrer Authenticator-App (oder einem Wiederherstellungscode).",
  "auth.totpInvalid":
    "Dieser Zwei-Faktor-Code ist nicht gültig. Geben Sie Ihr Passwort erneut ein, mit dem aktuellen 6-stelligen Code oder einem Wiederherstellungscode.",
  "auth.codeWrong":
    "Dieser Code stimmt nicht. Geben Sie den aktuellen 6-stelligen Code aus Ihrer App ein oder einen Wiederherstellungscode.",
  "auth.signInFailed": "Die Anmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.",
  "auth.oidcNotSetUp": "Single Sign-on ist für dieses Keydesk nicht eingerichtet.",
  "auth.verifyDone": "Ihre E-Mail-Adresse ist bestätigt. Sie können jetzt Einladungen annehmen.",
  "auth.verifyInvalid":
    "Dieser Bestätigungslink ist nicht gültig. Prüfen Sie, ob Sie ihn vollständig kopiert haben, oder fordern Sie auf einer Einladungsseite einen neuen an.",
  "auth.verifyExpired": "Dieser Bestätigungslink ist abgelaufen. Fordern Sie auf einer Einladungsseite einen neuen an.",
  "auth.verifyUsed": "Dieser Bestätigungslink wurde bereits verwendet (oder ein neuerer wurde verschickt).",
  "auth.verifyResent": "Ein neuer Bestätigungslink ist unterwegs an Ihre Adresse.",
  "auth.verifyNotSent":
    "Es konnte kein Link verschickt werden (die Adresse ist vielleicht schon bestätigt, oder E-Mail ist nicht eingerichtet). Versuchen Sie es später erneut.",
  "auth.stepUpLimited": "Zu viele Passwort- oder Code-Prüfungen. Versuchen Sie es in {seconds} s erneut.",
  "auth.stepUpWrong": "Dieses Passwort oder dieser Code ist nicht korrekt.",
  "auth.stepUpNeededFor2fa":
    "Geben Sie Ihr Passwort (oder einen Code aus Ihrer Authenticator-App) ein, um die Zwei-Faktor-Anmeldung einzuschalten.",
  "auth.signUpLimited": "Von dieser Adresse wurden zu viele Konten angelegt. Versuchen Sie es in {seconds} s erneut.",
  "auth.signUpClosed": "Dieses Keydesk nimmt keine neuen Konten an. Bitten Sie den Betreiber um Zugang.",
  "auth.signUpInviteOnly":
    "Dieses Keydesk nimmt neue Konten nur per Einladung an. Öffnen Sie den Einladungslink, den Sie erhalten haben.",
  "auth.signUpInviteInvalid":
    "Dieser Einladungslink gilt nicht mehr (benutzt, abgelaufen oder zurückgezogen). Bitten Sie um einen neuen.",
  "auth.signUpInviteOtherEmail":
    "Diese Einladung gilt für eine andere E-Mail-Adresse. Legen Sie das Konto mit der Adresse an, an die die Einladung ging.",
  "auth.signUpDone":
    "Wenn diese E-Mail-Adresse verwendet werden kann, ist ihr Konto bereit: Melden Sie sich mit ihr und Ihrem Passwort an.",
  "auth.signUpMode.open": "Hier kann jede Person ein Konto anlegen.",
  "auth.signUpMode.invite": "Neue Konten nur per Einladung: Öffnen Sie den Einladungslink, den Sie erhalten haben.",
  "auth.signUpMode.closed": "Dieses Keydesk nimmt keine neuen Konten an.",
  "auth.signUpMode.first":
    "Noch hat niemand ein Konto: Das erste angelegte Konto besitzt dieses Keydesk. Danach gibt es neue Konten nur per Einladung.",
  "auth.oidcUnverified":
    "Ihr Single-Sign-on-Anbieter hat diese E-Mail-Adresse nicht bestätigt, daher kann Keydesk sie keinem Konto zuordnen. Bestätigen Sie die Adresse bei Ihrem Anbieter oder melden Sie sich mit Ihrem Passwort an.",
  "auth.oidcHasPassword":
    "Ein Konto mit dieser E-Mail-Adresse besteht bereits und meldet sich mit einem Passwort an. Melden Sie sich mit Ihrem Passwort an; Single Sign-on wird nicht automatisch damit verknüpft.",
  "auth.oidcNoAccount":
    "Kein Konto verwendet diese E-Mail-Adresse, und dieses Keydesk nimmt derzeit keine neuen Konten über Single Sign-on an.",
  "auth.oidcCodeRequired":
    "Für dieses Konto ist die Zwei-Faktor-Anmeldung eingeschaltet: Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App (oder einen Wiederherstellungscode) ein, um die Anmeldung abzuschließen.",
  "auth.oidcCodeInvalid":
    "Dieser Zwei-Faktor-Code ist nicht gültig. Geben Sie den aktuellen 6-stelligen Code oder einen Wiederherstellungscode ein.",
  "auth.oidcCodeExpired": "Der Single-Sign-on-Schritt ist abgelaufen. Melden Sie sich erneut bei Ihrem Anbieter an.",
  "auth.emailNotVerified":
    "Bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den Keydesk Ihnen geschickt hat, und nehmen Sie dann die Einladung an.",
  "auth.exportSessionEnded":
    "Ihre Sitzung endete während des Exportierens (abgemeldet oder widerrufen), daher wurde das Exportieren abgebrochen. Melden Sie sich erneut an und starten Sie ihn neu.",
  "auth.exportAccessEnded":
    "Sie dürfen diesen Schlüssel nicht mehr exportieren (Freigabe entfernt, Exportieren abgeschaltet oder Schlüssel gelöscht), daher wurde das Exportieren abgebrochen.",
};
