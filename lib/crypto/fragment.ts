// A display-only fragment of a key: the last 4 characters of its RS256 signature (342
// base64url characters). Four characters of a signature carry no usable information:
// the key can't be reconstructed or used from them, but the owner can match it.
export function displayFragment(key: string): string {
  const trimmed = key.trim();
  return `…${trimmed.slice(-4)}`;
}
