// The secret canary's needles: a key's plaintext and enough of its parts and encodings that a
// partial or re-encoded leak is still found. Shared by the browser canary and bench:faults.

export function keyNeedles(keys: string[]): string[] {
  return keys.flatMap((key) => {
    const sig = key.split(".")[2] ?? key;
    return [key, sig.slice(0, 48), sig.slice(-48), Buffer.from(key).toString("hex").slice(0, 96), Buffer.from(key).toString("base64").slice(8, 72)].filter((n) => n.length >= 32);
  });
}

/** Where any needle was found, as "where (fragment …)"; empty when nothing leaked. */
export function leaksIn(haystacks: [string, string[]][], needles: string[]): string[] {
  const out: string[] = [];
  for (const [where, texts] of haystacks) {
    for (const needle of needles) {
      if (texts.some((t) => t.includes(needle))) out.push(`${where} (fragment ${needle.slice(0, 8)}…)`);
    }
  }
  return out;
}
