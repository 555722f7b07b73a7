/** @jest-environment jsdom */
// The sign-in, sign-up, add-key and delete-key forms, the error and not-found pages and the
// data states, rendered in German: German labels, no English left.
import { render, screen } from "@testing-library/react";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { clientMessages } from "@/lib/i18n/client";
import { fetchJson } from "@/components/data/fetcher";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { AddKeyForm } from "@/components/keys/add-key-form";
import { DeleteKeyForm } from "@/components/keys/delete-key-form";
import { ErrorState, Skeleton } from "@/components/data/states";
import DashboardError from "@/app/(dashboard)/error";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n";

jest.mock("@/lib/sign-in/actions", () => ({ signInAction: jest.fn(), signUpAction: jest.fn() }));
jest.mock("@/lib/keys/actions", () => ({ addKeyAction: jest.fn(), deleteKeyAction: jest.fn() }));
jest.mock("@/lib/passkeys/step-up-actions", () => ({
  passkeyStepUpOptionsAction: jest.fn(),
  passkeyStepUpAction: jest.fn(),
}));
let mockLocale: Locale = "de";
jest.mock("@/lib/i18n/server", () => ({ getLocale: async () => mockLocale }));

const inGerman = (ui: React.ReactNode) =>
  render(
    // What the layouts hand the browser: the client's part of the catalogue.
    <LocaleProvider locale="de" messages={clientMessages("de")}>
      {ui}
    </LocaleProvider>,
  );

describe("in German", () => {
  it("the sign-in form", () => {
    inGerman(<SignInForm />);
    expect(screen.getByLabelText(/^E-Mail/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Passwort/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Anmelden" })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/Sign in|Password/);
  });

  it("the sign-up form", () => {
    inGerman(<SignUpForm />);
    expect(screen.getByLabelText(/^Passwort wiederholen/)).toBeInTheDocument();
    expect(screen.getByText(/Mindestens 12 Zeichen/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Konto anlegen" })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/Create|Repeat|characters/);
  });

  it("the add-key form", () => {
    inGerman(<AddKeyForm stepUpActive={false} />);
    expect(screen.getByLabelText(/^API-Schlüssel/)).toBeInTheDocument();
    expect(screen.getByText(/zeigt Keydesk ihn nie wieder an/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Schlüssel hinzufügen" })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/Paste|Add key|Name you/);
  });

  it("the delete-key dialog", () => {
    inGerman(<DeleteKeyForm keyRowId="k1" label="Hauptkonto" stepUpActive={false} />);
    expect(screen.getByRole("button", { name: "Schlüssel löschen…" })).toBeInTheDocument();
    expect(screen.getByText("„Hauptkonto“ aus Keydesk löschen?")).toBeInTheDocument();
    expect(screen.getByLabelText(/Namen des Schlüssels \(Hauptkonto\)/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/Delete|Cancel|Type the/);
  });

  it("the error page and the data states", async () => {
    // The error the widgets' fetcher makes when the server can't be reached (its text in English).
    const realFetch = globalThis.fetch;
    globalThis.fetch = jest.fn().mockRejectedValue(new TypeError("Failed to fetch"));
    const networkError = await fetchJson("/api/usage").catch((err: unknown) => err as AppError);
    globalThis.fetch = realFetch;
    expect(networkError).toBeInstanceOf(AppError);
    inGerman(
      <>
        <DashboardError error={Object.assign(new Error("x"), { digest: "abc" })} reset={() => {}} />
        <Skeleton label="Orders" />
        <ErrorState stale error={networkError as AppError} />
      </>,
    );
    expect(screen.getByText("Diese Seite konnte nicht geladen werden")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Erneut versuchen" })).toBeInTheDocument();
    expect(screen.getByRole("status", { name: "Orders wird geladen" })).toBeInTheDocument();
    expect(screen.getByText(/Keydesk ist nicht erreichbar/)).toBeInTheDocument();
    expect(screen.getByText(/Angezeigt werden die letzten Daten/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/could not|Try again|Loading|request id/);
  });

  it("the not-found pages (server components, the locale from the request)", async () => {
    const { default: NotFound } = await import("@/app/not-found");
    const { default: DashboardNotFound } = await import("@/app/(dashboard)/not-found");
    render(
      <>
        {await NotFound()}
        {await DashboardNotFound()}
      </>,
    );
    expect(screen.getByText("Seite nicht gefunden")).toBeInTheDocument();
    expect(screen.getByText("Zurück zu Ihren Schlüsseln")).toBeInTheDocument();
    mockLocale = "en";
    render(await NotFound());
    expect(screen.getByText("Page not found")).toBeInTheDocument();
  });
});
