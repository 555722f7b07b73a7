// Sign-in, sign-up, step-up and single sign-on messages, English (the source of these keys).
export const authEn = {
  "auth.rateLimited": "Too many sign-in attempts from here for this account. Try again in {seconds} s.",
  "auth.enterEmail": "Enter a valid e-mail address.",
  "auth.enterPassword": "Enter your password.",
  "auth.nameTooLong": "Use at most 100 characters.",
  "auth.passwordsDiffer": "The two passwords don't match.",
  "auth.invalidCredentials": "That e-mail and password don't match an account.",
  "auth.totpRequired":
    "Two-factor sign-in is on for this account: enter your password again with the 6-digit code from your authenticator app (or a recovery code).",
  "auth.totpInvalid":
    "That two-factor code is not valid. Enter your password again with the current 6-digit code, or a recovery code.",
  "auth.codeWrong": "That code is not right. Enter the current 6-digit code from your app, or a recovery code.",
  "auth.signInFailed": "Sign-in failed. Please try again.",
  "auth.oidcNotSetUp": "Single sign-on is not set up on this Keydesk.",
  "auth.verifyDone": "Your e-mail address is confirmed. You can accept invitations now.",
  "auth.verifyInvalid":
    "This confirmation link isn't valid. Check that you copied all of it, or ask for a new one from an invitation page.",
  "auth.verifyExpired": "This confirmation link has expired. Ask for a new one from an invitation page.",
  "auth.verifyUsed": "This confirmation link was already used (or a newer one was sent).",
  "auth.verifyResent": "A new confirmation link is on its way to your address.",
  "auth.verifyNotSent":
    "No link could be sent (the address may already be confirmed, or mail is not set up). Try again later.",
  "auth.stepUpLimited": "Too many password or code checks. Try again in {seconds} s.",
  "auth.stepUpWrong": "That password or code is not correct.",
  "auth.stepUpNeededFor2fa":
    "Enter your password (or a code from your authenticator app) to turn on two-factor sign-in.",
  "auth.signUpLimited": "Too many accounts were created from this address. Try again in {seconds} s.",
  "auth.signUpClosed": "This Keydesk does not accept new accounts. Ask its owner for access.",
  "auth.signUpInviteOnly":
    "This Keydesk accepts new accounts by invitation only. Open the invitation link you were sent.",
  "auth.signUpInviteInvalid":
    "This invitation link is not valid any more (used, expired or withdrawn). Ask for a new one.",
  "auth.signUpInviteOtherEmail":
    "This invitation is for another e-mail address. Create the account with the address the invitation was sent to.",
  "auth.signUpDone": "If this e-mail can be used, its account is ready: sign in with it and your password.",
  "auth.signUpMode.open": "Anyone may create an account here.",
  "auth.signUpMode.invite": "New accounts by invitation only: open the invitation link you were sent.",
  "auth.signUpMode.closed": "This Keydesk does not accept new accounts.",
  "auth.signUpMode.first":
    "No one has an account yet: the first account created owns this Keydesk. After that, new accounts are by invitation only.",
  "auth.oidcUnverified":
    "Your single sign-on provider has not confirmed this e-mail address, so Keydesk cannot link it to an account. Confirm the address with your provider, or sign in with your password.",
  "auth.oidcHasPassword":
    "An account with this e-mail already exists and signs in with a password. Sign in with your password; single sign-on is not linked to it automatically.",
  "auth.oidcNoAccount":
    "No account uses this e-mail, and this Keydesk does not accept new accounts through single sign-on right now.",
  "auth.oidcCodeRequired":
    "Two-factor sign-in is on for this account: enter the 6-digit code from your authenticator app (or a recovery code) to finish signing in.",
  "auth.oidcCodeInvalid": "That two-factor code is not valid. Enter the current 6-digit code, or a recovery code.",
  "auth.oidcCodeExpired": "The single sign-on step expired. Sign in with your provider again.",
  "auth.emailNotVerified":
    "Confirm your e-mail address first: open the link Keydesk sent you, then accept the invitation.",
  "auth.exportSessionEnded":
    "Your session ended while the export ran (signed out or revoked), so the export stopped. Sign in again and start it anew.",
  "auth.exportAccessEnded":
    "You may no longer export this key (it was unshared, export was turned off, or the key was deleted), so the export stopped.",
} as const;
