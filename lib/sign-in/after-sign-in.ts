// Where a person lands after signing in (password, two-factor, single sign-on, and `/` or an
// auth page while signed in): the portfolio home, unless the sign-in carried an explicit `next`
// path. Only same-site paths are honoured ("/teams/x" yes; "//evil", "https://…", "/\\evil" no),
// so a crafted sign-in link cannot send anyone off-site. Safe on the client: no server imports.

/** The home after sign-in: one page across every key the person can see. */
export const HOME_PATH = "/portfolio";

/** `next` when it is a same-site path, else the home. */
export function afterSignInPath(next: unknown): string {
  const raw = typeof next === "string" ? next : "";
  return /^\/(?![\/\\])[A-Za-z0-9\-._~\/?=&%]*$/.test(raw) && raw.length < 300 ? raw : HOME_PATH;
}
