/** @jest-environment jsdom */
// The passkey UI in German (Settings' list, adding one, going passwordless and back, the
// sign-in button, the step-up alternative): German words, no English left (the browser suite's
// English detector), and the dates and the step-up field where they belong.
import { render, screen } from "@testing-library/react";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { clientMessages } from "@/lib/i18n/client";
import { SignInMethodsProvider } from "@/components/auth/sign-in-methods";
import { PasskeyList } from "@/components/settings/passkey-list";
import { AddPasskeyForm } from "@/components/settings/add-passkey-form";
import { SetPasswordAgain, TurnPasswordOff } from "@/components/settings/passwordless-forms";
import { PasskeySignIn } from "@/components/auth/passkey-sign-in";
import { StepUpField } from "@/components/auth/step-up-field";
import { findEnglish } from "../../e2e/english-detector";

jest.mock("@/lib/passkeys/settings-actions", () => ({
  passkeyRegisterOptionsAction: async () => ({}),
  passkeyRegisterAction: async () => ({}),
  removePasskeyAction: async () => ({}),
  passwordOffAction: async () => ({}),
  setPasswordAction: async () => ({}),
}));
jest.mock("@/lib/passkeys/step-up-actions", () => ({
  passkeyStepUpOptionsAction: async () => ({}),
  passkeyStepUpAction: async () => ({}),
}));
jest.mock("@/lib/sign-in/passkey-actions", () => ({
  passkeySignInOptionsAction: async () => ({}),
  passkeySignInAction: async () => ({}),
}));
jest.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));
jest.mock("@simplewebauthn/browser", () => ({
  browserSupportsWebAuthn: () => false,
  browserSupportsWebAuthnAutofill: async () => false,
}));

const passkeys = [
  { id: "p1", name: "Laptop", createdAt: "2026-12-01T10:00:00.000Z", lastUsedAt: null, synced: false },
  {
    id: "p2",
    name: "Handy",
    createdAt: "2026-12-02T10:00:00.000Z",
    lastUsedAt: "2026-12-03T09:00:00.000Z",
    synced: true,
  },
];

it("Settings' passkeys, sign-in and step-up read German throughout", async () => {
  render(
    <LocaleProvider locale="de" messages={clientMessages("de")}>
      <SignInMethodsProvider value={{ passkeys: 2, passwordOff: false, passkeysAvailable: true }}>
        <PasskeyList passkeys={passkeys} stepUpActive={false} />
        <AddPasskeyForm stepUpActive={false} />
        <TurnPasswordOff />
        <PasskeySignIn />
        <form>
          <StepUpField stepUpActive={false} label="Ihr Keydesk-Passwort" />
        </form>
      </SignInMethodsProvider>
      <SignInMethodsProvider value={{ passkeys: 2, passwordOff: true, passkeysAvailable: true }}>
        <SetPasswordAgain stepUpActive={false} />
      </SignInMethodsProvider>
    </LocaleProvider>,
  );
  expect(screen.getByRole("button", { name: "Passkey Laptop entfernen" })).toBeInTheDocument();
  expect(screen.getByText("synchronisiert")).toBeInTheDocument();
  expect(screen.getByText(/zuletzt verwendet nie/)).toBeInTheDocument();
  expect(screen.getByLabelText("Name für den neuen Passkey")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Passkey hinzufügen" })).toBeInTheDocument();
  expect(await screen.findByRole("button", { name: "Mein Passwort abschalten" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Mit einem Passkey anmelden" })).toBeInTheDocument();
  expect(
    (await screen.findAllByRole("button", { name: "Stattdessen einen Passkey verwenden" })).length,
  ).toBeGreaterThan(0);
  expect(await screen.findByRole("button", { name: "Mit einem Passkey bestätigen" })).toBeInTheDocument();
  expect(screen.getByLabelText(/^Neues Passwort wiederholen/)).toBeInTheDocument();
  expect(findEnglish(document.body.textContent ?? "", ["Laptop", "Handy", "Passkey", "Passkeys"])).toEqual([]);
});
