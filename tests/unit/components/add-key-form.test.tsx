/** @jest-environment jsdom */
// The add-key form's local preview: a Trade key without two-factor says what is missing first
// (a link to turn it on, no useless password field); a Trade key otherwise asks for its
// confirmation box next to the warning; a Withdraw key asks for the typed word instead.
import { fireEvent, render, screen } from "@testing-library/react";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { clientMessages } from "@/lib/i18n/client";
import { AddKeyForm } from "@/components/keys/add-key-form";

jest.mock("@/lib/keys/actions", () => ({ addKeyAction: jest.fn() }));
jest.mock("@/lib/passkeys/step-up-actions", () => ({
  passkeyStepUpOptionsAction: jest.fn(),
  passkeyStepUpAction: jest.fn(),
}));

/** A key-shaped string whose payload claims these scopes (the form only previews them). */
const keyWith = (scp: string[]) =>
  `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify({ scp })).replace(/=+$/, "")}.c2lnbmF0dXJl`;

const inLocale = (ui: React.ReactNode, locale: "en" | "de" = "en") =>
  render(
    <LocaleProvider locale={locale} messages={clientMessages(locale)}>
      {ui}
    </LocaleProvider>,
  );

const paste = (key: string) => fireEvent.change(screen.getByLabelText("API key"), { target: { value: key } });

it("a Trade key without two-factor says first what is missing, with a link, and no password field", () => {
  inLocale(<AddKeyForm stepUpActive={false} twoFactorMissing />);
  paste(keyWith(["READ_ONLY", "TRADE"]));
  expect(screen.getByTestId("add-key-needs-two-factor")).toHaveTextContent(/two-factor sign-in is on/);
  expect(screen.getByRole("link", { name: "Turn on two-factor sign-in" })).toHaveAttribute(
    "href",
    "/settings#two-factor",
  );
  expect(screen.queryByLabelText("Your Keydesk password")).toBeNull();
  expect(screen.getByRole("button", { name: "Add key" })).toBeDisabled();
});

it("a Read-only key is not held up by missing two-factor", () => {
  inLocale(<AddKeyForm stepUpActive={false} twoFactorMissing />);
  paste(keyWith(["READ_ONLY"]));
  expect(screen.queryByTestId("add-key-needs-two-factor")).toBeNull();
  expect(screen.getByRole("button", { name: "Add key" })).toBeEnabled();
});

it("a Trade key asks for its confirmation box even within a step-up window", () => {
  inLocale(<AddKeyForm stepUpActive />);
  paste(keyWith(["READ_ONLY", "TRADE"]));
  expect(screen.getByText(/This key can trade/)).toBeInTheDocument();
  expect(screen.getByLabelText(/anyone holding this key can trade/)).not.toBeChecked();
  expect(screen.queryByLabelText(/Type WITHDRAW/)).toBeNull();
});

it("a Withdraw key asks for the typed word (not the Trade box), in German too", () => {
  inLocale(<AddKeyForm stepUpActive={false} />, "de");
  fireEvent.change(screen.getByLabelText("API-Schlüssel"), {
    target: { value: keyWith(["READ_ONLY", "TRADE", "WITHDRAW"]) },
  });
  expect(screen.getByLabelText(/WITHDRAW/)).toBeInTheDocument();
  expect(screen.queryByLabelText(/handeln kann, und Keydesk/)).toBeNull();
});
