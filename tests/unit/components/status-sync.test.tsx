/** @jest-environment jsdom */
// Two client pieces that keep server-rendered state in step: a key refused by the exchange
// refreshes the page once (its status badge follows), and the bell's unread count follows the
// notifications page's.
import { render } from "@testing-library/react";
import { AppError } from "@/lib/errors";

const refresh = jest.fn();
jest.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

import { saysKeyRefused, useRefreshOnKeyRefusal } from "@/components/dashboard/use-key-refusal";
import { UnreadProvider, UnreadSync } from "@/components/alerts/unread-sync";

function Probe({ data, error }: { data?: unknown; error?: AppError }) {
  useRefreshOnKeyRefusal(data, error);
  return null;
}

beforeEach(() => refresh.mockClear());

describe("a refused key's first answer", () => {
  it("knows a refusal from stale labels and error reasons, and nothing else", () => {
    expect(saysKeyRefused({ staleReason: "key_revoked" }, undefined)).toBe(true);
    expect(saysKeyRefused({ staleReason: "key_rejected" }, undefined)).toBe(true);
    expect(saysKeyRefused(undefined, new AppError("upstream_error", { text: "x" }, { reason: "APIKEY_REVOKED" }))).toBe(
      true,
    );
    expect(saysKeyRefused({ staleReason: "upstream_error" }, undefined)).toBe(false);
    expect(saysKeyRefused({ staleReason: "rate_limited" }, undefined)).toBe(false);
    expect(
      saysKeyRefused(undefined, new AppError("upstream_unavailable", { text: "x" }, { reason: "SERVICE_UNAVAILABLE" })),
    ).toBe(false);
  });

  it("refreshes the page once, however often the refusal is answered again", () => {
    const view = render(<Probe data={{ source: "live" }} />);
    expect(refresh).not.toHaveBeenCalled();
    view.rerender(<Probe data={{ source: "stale", staleReason: "key_revoked" }} />);
    view.rerender(<Probe data={{ source: "stale", staleReason: "key_revoked", fetchedAt: "later" }} />);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});

describe("the bell and the notifications page", () => {
  it("refresh the route when the page counts other unread notifications than the bell shows, once per count", () => {
    const view = render(
      <UnreadProvider count={1}>
        <UnreadSync count={2} />
      </UnreadProvider>,
    );
    expect(refresh).toHaveBeenCalledTimes(1);
    view.rerender(
      <UnreadProvider count={1}>
        <UnreadSync count={2} />
      </UnreadProvider>,
    );
    expect(refresh).toHaveBeenCalledTimes(1);
    // The layout re-rendered with the page's count: nothing more to do.
    view.rerender(
      <UnreadProvider count={2}>
        <UnreadSync count={2} />
      </UnreadProvider>,
    );
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("leave the route alone when they agree", () => {
    render(
      <UnreadProvider count={3}>
        <UnreadSync count={3} />
      </UnreadProvider>,
    );
    expect(refresh).not.toHaveBeenCalled();
  });
});
