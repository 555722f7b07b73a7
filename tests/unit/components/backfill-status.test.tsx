/** @jest-environment jsdom */
// Under a key's value chart: the rebuild of its earlier values, its progress while it runs, and
// what a Read key cannot see (deposits and withdrawals before the first snapshot), EN and DE.
import { act, render, screen, waitFor } from "@testing-library/react";
import { SWRConfig } from "swr";
import { BackfillStatus } from "@/components/portfolio/backfill-status";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { MESSAGES } from "@/lib/i18n/messages";
import type { BackfillStatus as Status } from "@/lib/snapshots/backfill-state";
import type { Locale } from "@/lib/i18n";
import { flushTasks } from "../../helpers/flush";

const base: Status = {
  state: "running",
  daysDone: 30,
  daysTotal: 90,
  maxDays: 90,
  reason: null,
  updatedAt: "2026-12-01T10:00:00.000Z",
  from: null,
  to: null,
  firstRecordedAt: "2026-12-01T09:00:00.000Z",
};

function serve(body: Status) {
  global.fetch = jest.fn(async () => ({
    ok: true,
    status: 200,
    headers: { get: () => null },
    json: async () => body,
  })) as unknown as typeof fetch;
}
const wrap = (ui: React.ReactNode, locale: Locale = "en") =>
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LocaleProvider locale={locale} messages={MESSAGES[locale]}>
        {ui}
      </LocaleProvider>
    </SWRConfig>,
  );

it("while it runs: days done of the total, as text and as a progress bar, and the blind spot", async () => {
  serve(base);
  wrap(<BackfillStatus keyId="k1" />);
  expect(await screen.findByText(/30 of 90 days/)).toBeTruthy();
  const bar = screen.getByRole("progressbar", { name: "Days rebuilt" });
  expect(bar.getAttribute("value")).toBe("30");
  expect(bar.getAttribute("max")).toBe("90");
  expect(screen.getByText(/cannot see deposits or withdrawals before the first recorded value/).textContent).toContain(
    "1 Dec 2026",
  );
});

it("when done: which UTC days are rebuilt, labelled approximate", async () => {
  serve({
    ...base,
    state: "done",
    daysDone: 90,
    from: "2026-09-02T23:59:59.999Z",
    to: "2026-11-30T23:59:59.999Z",
  });
  wrap(<BackfillStatus keyId="k1" />);
  expect(await screen.findByText(/Values from 2 Sep\S* 2026 to 30 Nov 2026/)).toBeTruthy();
  expect(screen.getByText(/^Approximate:/)).toBeTruthy();
  expect(screen.queryByRole("progressbar")).toBeNull();
});

it("cancelled (the key was stopped) and in German", async () => {
  serve({ ...base, state: "cancelled", reason: "stopped" });
  const { unmount } = wrap(<BackfillStatus keyId="k1" />);
  expect(await screen.findByText(/stopped because the key was stopped/)).toBeTruthy();
  unmount();
  serve(base);
  wrap(<BackfillStatus keyId="k2" />, "de");
  expect(await screen.findByText(/30 von 90 Tagen/)).toBeTruthy();
  expect(screen.getByText(/keine Ein- oder Auszahlungen/)).toBeTruthy();
});

it("a key without a backfill shows nothing", async () => {
  serve({ ...base, state: "none" });
  const { container } = wrap(<BackfillStatus keyId="k1" />);
  // The answer came and was rendered (not: nothing rendered yet).
  await waitFor(() => expect(global.fetch).toHaveBeenCalled());
  await act(() => flushTasks());
  expect(container.querySelector("[data-testid=backfill-status]")).toBeNull();
});

it("failed: says so, and plainly when the key has no Read permission", async () => {
  serve({ ...base, state: "failed", reason: "upstream_unavailable" });
  const { unmount } = wrap(<BackfillStatus keyId="k1" />);
  expect((await screen.findByRole("alert")).textContent).toMatch(/did not finish/);
  unmount();
  serve({ ...base, state: "failed", reason: "MISSING_PERMISSION" });
  wrap(<BackfillStatus keyId="k3" />, "de");
  expect((await screen.findByRole("alert")).textContent).toMatch(/kein Leserecht/);
});
