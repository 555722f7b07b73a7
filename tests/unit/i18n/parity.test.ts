// Every message exists in English and German: per area file, and in the merged dictionaries.
import { readdirSync } from "node:fs";
import path from "node:path";
import { MESSAGE_FILES, MESSAGES } from "@/lib/i18n/messages";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("English and German messages", () => {
  it.each(Object.entries(MESSAGE_FILES))("%s: the same keys in both languages, none empty", (_area, files) => {
    const en = Object.keys(files.en).sort();
    const de = Object.keys(files.de).sort();
    expect(de.filter((k) => !en.includes(k))).toEqual([]); // German only
    expect(en.filter((k) => !de.includes(k))).toEqual([]); // English only
    for (const k of en) {
      expect((files.de as Record<string, string>)[k]!.trim()).not.toBe("");
      expect((files.en as Record<string, string>)[k]!.trim()).not.toBe("");
    }
  });

  it("uses the same {placeholders} in both languages", () => {
    const wrong = Object.keys(MESSAGES.en).filter(
      (k) =>
        placeholders(MESSAGES.en[k as keyof typeof MESSAGES.en]).join() !==
        placeholders(MESSAGES.de[k as keyof typeof MESSAGES.de]).join(),
    );
    expect(wrong).toEqual([]);
  });

  it("registers every messages file, and no key is defined by two areas", () => {
    const dir = path.join(process.cwd(), "lib/i18n/messages");
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    const registered = Object.keys(MESSAGE_FILES).length * 2;
    expect(files.length).toBe(registered);
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, f] of Object.entries(MESSAGE_FILES))
      for (const k of Object.keys(f.en)) {
        if (seen.has(k)) twice.push(`${k} (${seen.get(k)}, ${area})`);
        seen.set(k, area);
      }
    expect(twice).toEqual([]);
    expect(Object.keys(MESSAGES.de).sort()).toEqual(Object.keys(MESSAGES.en).sort());
  });
});
