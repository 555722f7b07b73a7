// The invitation mail's words: attacker-chosen text stays inert, the subject is fixed.
import { inertText, invitationMail } from "@/lib/teams/invitation-text";

it("defangs links and addresses and flattens line breaks in a team's name", () => {
  expect(inertText("Free gift cards at evil.example")).toBe("Free gift cards at evil[.]example");
  expect(inertText("https://x.y.example/login\n\nCall +1 555")).toBe("https[://]x[.]y[.]example/login Call +1 555");
  expect(inertText("mail me: a@b.example")).toBe("mail me: a[at]b[.]example");
  expect(inertText("Team 3.5")).toBe("Team 3.5");
  expect(inertText("x".repeat(200))).toHaveLength(60);
});

it("writes the mail in the recipient's language with a fixed subject", () => {
  const base = {
    inviterEmail: "o@example.test",
    teamName: "Evil.example",
    link: "http://k/invite/t",
    expiresAt: new Date("2026-12-08T10:00:00Z"),
  };
  const en = invitationMail({ ...base, locale: "en" });
  const de = invitationMail({ ...base, locale: "de" });
  expect(en.subject).toBe("Invitation to a team on Keydesk");
  expect(de.subject).toBe("Einladung in ein Team auf Keydesk");
  expect(en.text).toContain("The team's name is: “Evil[.]example”");
  expect(de.text).toContain("läuft am 2026-12-08 10:00 UTC ab");
});
