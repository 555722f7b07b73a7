// The per-area message files (teams, settings, activity, help): both languages, no English left in German,
// and the help page's numbered paragraphs all exist.
import { MESSAGES, type MessageKey } from "@/lib/i18n/messages";
import { teamsEn } from "@/lib/i18n/messages/teams-en";
import { settingsEn } from "@/lib/i18n/messages/settings-en";
import { activityEn } from "@/lib/i18n/messages/activity-en";
import { helpEn } from "@/lib/i18n/messages/help-en";
import { translator } from "@/lib/i18n";

const AREAS = { teams: teamsEn, settings: settingsEn, activity: activityEn, help: helpEn };

describe.each(Object.entries(AREAS))("%s messages", (_area, en) => {
  const keys = Object.keys(en) as MessageKey[];
  it("are registered in both languages, non-empty", () => {
    for (const k of keys) {
      expect(MESSAGES.en[k]).toBe((en as Record<string, string>)[k]);
      expect(MESSAGES.de[k]?.trim()).toBeTruthy();
    }
  });
  it("keep every {placeholder} in German", () => {
    for (const k of keys) {
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([k, vars(MESSAGES.de[k])]).toEqual([k, vars(MESSAGES.en[k])]);
    }
  });
  it("have German that differs from the English, except names that read the same", () => {
    const same = keys.filter((k) => MESSAGES.de[k] === MESSAGES.en[k]);
    expect(same.filter((k) => !["Team", "Teams", "Admin"].includes(MESSAGES.en[k]))).toEqual([]);
  });
});

it("numbers the help paragraphs without gaps in both languages", () => {
  const keys = Object.keys(helpEn).filter((k) => /\.\d+$/.test(k));
  for (const k of keys) {
    const [, section, n] = /^help\.(\w+)\.(\d+)$/.exec(k)!;
    if (Number(n) > 1) expect(Object.keys(helpEn)).toContain(`help.${section}.${Number(n) - 1}`);
    expect((MESSAGES.de[k as MessageKey].match(/\*\*/g) ?? []).length % 2).toBe(0);
  }
});

it("interpolates counts into German plurals", () => {
  const t = translator("de");
  expect(t("teams.members.other", { count: 3 })).toBe("3 Mitglieder");
  expect(t("sessionAction.signedOutOthers.other", { count: 2 })).toBe("2 andere Sitzungen abgemeldet.");
});
