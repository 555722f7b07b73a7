import { ageText, freshnessText } from "@/lib/format/freshness";
import { translator, negotiateLocale, parseLocale } from "@/lib/i18n";
import { MESSAGES } from "@/lib/i18n/messages";

const en = translator("en");
const now = Date.parse("2026-11-26T12:00:00.000Z");

describe("freshness labels", () => {
  it("says how old live and cached data is", () => {
    expect(freshnessText({ fetchedAt: "2026-11-26T11:59:56.000Z", source: "live" }, now, en)).toEqual({
      text: "Updated 4 s ago",
      tone: "ok",
    });
    expect(freshnessText({ fetchedAt: "2026-11-26T11:57:00.000Z", source: "cache" }, now, en)).toEqual({
      text: "Cached · updated 3 min ago",
      tone: "muted",
    });
    expect(ageText("2026-11-26T12:00:00.500Z", now, en)).toBe("just now");
    expect(ageText("2026-11-24T12:00:00.000Z", now, en)).toBe("2 d ago");
  });

  it("says why data is stale", () => {
    expect(
      freshnessText({ fetchedAt: "2026-11-26T11:59:00.000Z", source: "stale", staleReason: "rate_limited" }, now, en)
        .text,
    ).toBe("Stale: rate-limited · from 1 min ago");
    expect(
      freshnessText({ fetchedAt: "2026-11-26T11:00:00.000Z", source: "stale", staleReason: "key_revoked" }, now, en)
        .text,
    ).toBe("Stale: key revoked · from 1 h ago");
    expect(
      freshnessText(
        { fetchedAt: "2026-11-26T11:00:00.000Z", source: "stale", staleReason: "upstream_unreachable" },
        now,
        en,
      ),
    ).toMatchObject({ text: "Stale: exchange unreachable · from 1 h ago", tone: "warn" });
    expect(
      freshnessText({ fetchedAt: "2026-11-26T11:00:00.000Z", source: "stale", staleReason: "nonsense" }, now, en).text,
    ).toBe("Stale: could not refresh · from 1 h ago");
  });

  it("speaks German", () => {
    const t = translator("de");
    expect(freshnessText({ fetchedAt: "2026-11-26T11:59:56.000Z", source: "live" }, now, t).text).toBe(
      "Aktualisiert vor 4 s",
    );
    expect(
      freshnessText({ fetchedAt: "2026-11-26T11:59:00.000Z", source: "stale", staleReason: "rate_limited" }, now, t)
        .text,
    ).toBe("Veraltet: Anfragelimit erreicht · Stand vor 1 Min.");
  });
});

describe("locale choice", () => {
  it("negotiates from Accept-Language by weight, English otherwise", () => {
    expect(negotiateLocale("de-AT,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("fr-FR,fr;q=0.9,de;q=0.5,en;q=0.4")).toBe("de");
    expect(negotiateLocale("en;q=0.2,de;q=0.9")).toBe("de");
    expect(negotiateLocale("fr,es")).toBe("en");
    expect(negotiateLocale(undefined)).toBe("en");
    expect(parseLocale("DE")).toBeNull();
  });

  it("has every English message in German, each with the same placeholders", () => {
    for (const key of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect({ key, vars: vars(MESSAGES.de[key]) }).toEqual({ key, vars: vars(MESSAGES.en[key]) });
    }
  });
});
