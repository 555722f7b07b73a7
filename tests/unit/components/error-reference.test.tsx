/** @jest-environment jsdom */
// An error's reference (the request id to quote when asking for help) is labelled in the
// reader's language, in every alert that carries one.
import { render, screen } from "@testing-library/react";
import { Alert } from "@/components/ui/alert";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { MESSAGES } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n";

const show = (locale: Locale) =>
  render(
    <LocaleProvider locale={locale} messages={MESSAGES[locale]}>
      <Alert tone="error" reference="3f6c0d1e-0000-4000-8000-000000000000">
        x
      </Alert>
    </LocaleProvider>,
  );

it.each([
  ["en", "Reference:"],
  ["de", "Referenz:"],
] as const)("labels the reference in %s", (locale, label) => {
  show(locale);
  const ref = screen.getByTestId("error-reference");
  expect(ref.textContent).toBe("3f6c0d1e-0000-4000-8000-000000000000");
  expect(ref.parentElement?.textContent).toBe(`${label} 3f6c0d1e-0000-4000-8000-000000000000`);
});

it("shows no reference line without an id", () => {
  render(<Alert tone="error">x</Alert>);
  expect(screen.queryByTestId("error-reference")).toBeNull();
});
