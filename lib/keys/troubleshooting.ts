// Which part of /help/troubleshooting explains an exchange code, an error's reason or code, or
// a key status. Safe in the browser (no catalogue): error states link here.

/** Section of /help/troubleshooting for an exchange code, an error's reason or code, or a key status. */
const HELP_SECTIONS: Record<string, string> = {
  APIKEY_REVOKED: "revoked",
  INVALID_IP_RESTRICTION: "ip-restriction",
  INVALID_APIKEY: "lost-key",
  MISSING_PERMISSION: "permissions",
  RATELIMIT: "rate-limit",
  CF_RATELIMIT: "rate-limit",
  rate_limited: "rate-limit",
  upstream_unavailable: "unreachable",
  revoked: "revoked",
  ip_blocked: "ip-restriction",
  invalid: "lost-key",
};

/** The troubleshooting link for the first of `codes` that has a section; the page's top otherwise. */
export function troubleshootingHref(...codes: (string | null | undefined)[]): string {
  const section = codes.map((c) => (c ? HELP_SECTIONS[c] : undefined)).find(Boolean);
  return `/help/troubleshooting${section ? `#${section}` : ""}`;
}
