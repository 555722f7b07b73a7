// A password's length limits: the sign-up form's hints (in the browser) and the rules
// (./password-rules.ts, on the server) read them here.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
