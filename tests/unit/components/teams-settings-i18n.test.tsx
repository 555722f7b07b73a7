/** @jest-environment jsdom */
// Team and settings forms follow the reader's language (German here), and stay English by default.
import { render, screen } from "@testing-library/react";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { MESSAGES } from "@/lib/i18n/messages";
import { AcceptInvitation, CreateTeamForm, InviteForm } from "@/components/teams/team-forms";
import { ShareKeyForm } from "@/components/teams/share-forms";
import { RevokeOthers } from "@/components/settings/session-forms";
import { TwoFactorPanel } from "@/components/settings/two-factor";

jest.mock("@/lib/teams/actions", () => {
  const action = async () => ({});
  return {
    acceptInvitationAction: action,
    createTeamAction: action,
    deleteTeamAction: action,
    inviteAction: action,
    removeMemberAction: action,
    renameTeamAction: action,
    revokeInvitationAction: action,
    shareKeyAction: action,
    unshareKeyAction: action,
  };
});
jest.mock("@/lib/sign-in/session-actions", () => ({
  revokeOtherSessionsAction: async () => ({}),
  revokeSessionAction: async () => ({}),
}));
jest.mock("@/lib/passkeys/step-up-actions", () => ({
  passkeyStepUpOptionsAction: async () => ({}),
  passkeyStepUpAction: async () => ({}),
}));
jest.mock("@/lib/factors/totp-actions", () => ({
  beginTotpAction: async () => ({}),
  confirmTotpAction: async () => ({}),
  disableTotpAction: async () => ({}),
}));

describe("team forms in German", () => {
  it("labels the create, invite and share forms in German", () => {
    render(
      <LocaleProvider locale="de" messages={MESSAGES.de}>
        <CreateTeamForm />
        <InviteForm teamId="t1" canInviteAdmins />
        <ShareKeyForm keyId="k1" teams={[{ id: "t1", name: "Ops" }]} stepUpActive={false} />
      </LocaleProvider>,
    );
    expect(screen.getByRole("button", { name: "Team anlegen" })).toBeInTheDocument();
    expect(screen.getByLabelText("Teamname")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Einladung erstellen" })).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "Mitglied: liest geteilte Schlüssel" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Teilen" })).toBeInTheDocument();
    expect(screen.getByLabelText("Ihr Keydesk-Passwort, um das Teilen zu bestätigen")).toBeInTheDocument();
    expect(screen.queryByText(/Create team|Invite|Share\b/)).toBeNull();
  });

  it("translates the invitation button from the locale the page passes, outside the dashboard provider", () => {
    render(
      <LocaleProvider locale="de" messages={MESSAGES.de}>
        <AcceptInvitation token="x" />
      </LocaleProvider>,
    );
    expect(screen.getByRole("button", { name: "Dem Team beitreten" })).toBeInTheDocument();
  });

  it("is English with the English messages (the provider carries the reader's one catalog)", () => {
    render(
      <LocaleProvider locale="en" messages={MESSAGES.en}>
        <CreateTeamForm />
      </LocaleProvider>,
    );
    expect(screen.getByRole("button", { name: "Create team" })).toBeInTheDocument();
  });
});

describe("settings forms in German", () => {
  it("shows the two-factor panel and the sign-out button in German", () => {
    render(
      <LocaleProvider locale="de" messages={MESSAGES.de}>
        <TwoFactorPanel enabled stepUpActive={false} recoveryLeft={3} />
        <RevokeOthers />
      </LocaleProvider>,
    );
    expect(screen.getByText(/3 unbenutzte Wiederherstellungscodes übrig/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Zwei-Faktor-Anmeldung ausschalten" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Alle anderen Sitzungen abmelden" })).toBeInTheDocument();
  });

  it("offers to turn two-factor sign-in on in German", () => {
    render(
      <LocaleProvider locale="de" messages={MESSAGES.de}>
        <TwoFactorPanel enabled={false} stepUpActive={false} recoveryLeft={0} />
      </LocaleProvider>,
    );
    expect(screen.getByRole("button", { name: "Zwei-Faktor-Anmeldung einschalten" })).toBeInTheDocument();
    expect(screen.getByLabelText("Ihr Keydesk-Passwort, um sie einzuschalten")).toBeInTheDocument();
  });
});
