/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { LocalTime, formatLocalTime } from "@/components/ui/local-time";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { MESSAGES } from "@/lib/i18n/messages";

const ISO = "2026-10-30T13:59:13.000Z";

describe("LocalTime", () => {
  it("shows the time in the given zone and language, with the UTC ISO time on hover", () => {
    render(<LocalTime iso={ISO} locale="de" timeZone="Europe/Berlin" />);
    const el = screen.getByText("30.10.2026, 14:59:13");
    expect(el.tagName).toBe("TIME");
    expect(el).toHaveAttribute("dateTime", ISO);
    expect(el).toHaveAttribute("title", `${ISO} (UTC)`);
  });

  it("uses the reader's (browser's) time zone by default", () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    render(<LocalTime iso={ISO} locale="en" />);
    expect(screen.getByRole("time")).toHaveTextContent(formatLocalTime(ISO, "en", zone));
  });

  it("takes the language from the LocaleProvider", () => {
    render(
      <LocaleProvider locale="de" messages={MESSAGES.de}>
        <LocalTime iso={ISO} timeZone="America/New_York" style="date" />
      </LocaleProvider>,
    );
    expect(screen.getByRole("time")).toHaveTextContent("30.10.2026");
  });

  it("renders UTC, labelled, on the server (the reader's zone is unknown there)", () => {
    const html = renderToString(<LocalTime iso={ISO} locale="en" />);
    expect(html).toContain("30 Oct 2026, 13:59:13 UTC");
    expect(html).toContain(`dateTime="${ISO}"`);
  });

  it("formats English in another zone and leaves invalid input as it is", () => {
    expect(formatLocalTime(ISO, "en", "Asia/Tokyo")).toBe("30 Oct 2026, 22:59:13");
    expect(formatLocalTime(ISO, "en", "Europe/Berlin", "time")).toBe("14:59:13");
    expect(formatLocalTime("not a date", "de", "UTC")).toBe("not a date");
  });
});
