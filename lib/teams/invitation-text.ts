// The invitation mail's words. Pure. Everything a person chose (the team's name, their
// address) appears only as plain text inside fixed sentences in the body, never in the
// subject; the link is Keydesk's own, with no text anyone wrote. A team name that looks like a
// link (evil.example, https://…) is defanged ("evil[.]example") so mail programs don't turn it
// into one, and line breaks or control characters can't start a paragraph of their own.
import { translator, type Locale } from "@/lib/i18n";

/** Pure: a name as one line of inert text. */
export function inertText(name: string, max = 60): string {
  return name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max)
    .replace(/:\/\//g, "[://]")
    .replace(/\b([\p{L}\p{N}-]+)\.(?=[\p{N}-]*\p{L})/gu, "$1[.]")
    .replace(/@/g, "[at]");
}

interface InvitationMail {
  subject: string;
  text: string;
}

export function invitationMail(input: {
  locale: Locale;
  inviterEmail: string;
  teamName: string;
  link: string;
  expiresAt: Date;
}): InvitationMail {
  const t = translator(input.locale);
  const date = input.expiresAt.toISOString().slice(0, 16).replace("T", " ");
  return {
    subject: t("inviteMail.subject"),
    text: [
      t("inviteMail.intro", { inviter: input.inviterEmail, team: `“${inertText(input.teamName)}”` }),
      "",
      t("inviteMail.what"),
      "",
      t("inviteMail.accept"),
      input.link,
      "",
      t("inviteMail.expiry", { date }),
      "",
      t("inviteMail.ignore"),
      "",
    ].join("\n"),
  };
}
