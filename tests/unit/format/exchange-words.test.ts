import { translator } from "@/lib/i18n";
import { MESSAGES } from "@/lib/i18n/messages";
import { codeWord, EXCHANGE_CODES, wordKey, type CodeKind } from "@/lib/format/exchange-words";
import { ACTIVE_STATUSES, CANCELLED_STATUSES } from "@/lib/exchange/model";

const kinds = Object.keys(EXCHANGE_CODES) as CodeKind[];
const all = kinds.flatMap((kind) => EXCHANGE_CODES[kind].map((code) => [kind, code] as const));

describe("the exchange's codes as words", () => {
  it.each(all)("%s %s has a word in English and in German, and neither is the code", (kind, code) => {
    const key = wordKey(kind, code);
    expect(key).not.toBeNull();
    for (const lang of ["en", "de"] as const) {
      const word = MESSAGES[lang][key!];
      expect(typeof word).toBe("string");
      expect(word.length).toBeGreaterThan(0);
      expect(word).not.toBe(code);
      expect(word).not.toMatch(/^[A-Z_]{3,}$/);
    }
  });

  it("covers every status Keydesk's order model knows", () => {
    for (const s of [...ACTIVE_STATUSES, ...CANCELLED_STATUSES, "FILLED_FULLY"])
      expect(wordKey("status", s)).not.toBeNull();
  });

  it("has no word without a code (no dead catalogue entries)", () => {
    const known = new Set(all.map(([kind, code]) => `word.${kind}.${code}`));
    const words = Object.keys(MESSAGES.en).filter((k) => k.startsWith("word.") && k !== "word.other");
    expect(words.filter((k) => !known.has(k))).toEqual([]);
  });

  it("reads the issue's examples", () => {
    const en = translator("en");
    const de = translator("de");
    expect(codeWord(en, "status", "FILLED_FULLY")).toBe("Filled");
    expect(codeWord(en, "status", "FILLED_CLOSED")).toBe("Partly filled, closed");
    expect(codeWord(en, "side", "BUY")).toBe("Buy");
    expect(codeWord(en, "type", "LIMIT")).toBe("Limit");
    expect(codeWord(de, "status", "FILLED_FULLY")).toBe("Ausgeführt");
    expect(codeWord(de, "side", "BUY")).toBe("Kauf");
  });

  it("an undocumented code reads Other, never the bare code", () => {
    expect(codeWord(translator("en"), "status", "SOMETHING_NEW")).toBe("Other");
    expect(codeWord(translator("de"), "type", "TRAILING")).toBe("Sonstiges");
  });
});
