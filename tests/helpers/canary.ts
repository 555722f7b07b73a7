// The secret canary's needles: a key's plaintext and enough of its parts and encodings that a
// partial or re-encoded leak is still found. Shared by the browser canary and bench:faults.

export function keyNeedles(keys: string[]): string[] {
  return keys.flatMap((key) => {
    const sig = key.split(".")[2] ?? key;
    return [
      key,
      sig.slice(0, 48),
      sig.slice(-48),
      Buffer.from(key).toString("hex").slice(0, 96),
      Buffer.from(key).toString("base64").slice(8, 72),
    ].filter((n) => n.length >= 32);
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

/** Every key and string value Redis holds under a prefix (for the canary and the at-rest checks). */
export async function dumpRedis(
  redis: {
    scan: (cursor: string, match: "MATCH", pattern: string, count: "COUNT", n: number) => Promise<[string, string[]]>;
    type: (k: string) => Promise<string>;
    get: (k: string) => Promise<string | null>;
  },
  prefix: string,
): Promise<{ key: string; value: string | null }[]> {
  const out: { key: string; value: string | null }[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    for (const key of keys)
      out.push({ key, value: (await redis.type(key)) === "string" ? await redis.get(key) : null });
    cursor = next;
  } while (cursor !== "0");
  return out;
}

/** Exchange data in plaintext: JSON, or any of the exchange's field names. */
export function looksLikeExchangeData(value: string): boolean {
  return /currency_code|available|order_id|instrument_code|trade_id|fee_|"balances"|"amount"|"price"/.test(value);
}
