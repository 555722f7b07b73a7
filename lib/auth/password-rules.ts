// Password rules, shared by the sign-up form (client hints) and the server (enforcement).
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Every rule the password breaks, as sentences a person can act on. Empty when fine. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}).`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  if (length >= PASSWORD_MIN_LENGTH && new Set(password).size < 4) problems.push("Use more than three different characters.");
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) problems.push("Don't include your e-mail name in the password.");
  return problems;
}
