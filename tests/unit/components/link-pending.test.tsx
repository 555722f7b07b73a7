/** @jest-environment jsdom */
// The dashboard has no page-wide loading screen (it held every page's data back by React's
// 300 ms reveal), so the link that was followed shows that the next page is on its way.
import { render } from "@testing-library/react";
import { LinkPending } from "@/components/ui/link-pending";

let pending = false;
jest.mock("next/link", () => ({ useLinkStatus: () => ({ pending }) }));

describe("a followed link's pending dot", () => {
  it("is marked pending (and so animates) only while its page is on its way, and screen readers skip it", () => {
    pending = false;
    const { container, rerender } = render(<LinkPending />);
    const dot = container.querySelector("span")!;
    expect(dot.getAttribute("aria-hidden")).toBe("true");
    expect(dot.hasAttribute("data-pending")).toBe(false);
    expect(dot.className).toMatch(/opacity-0/);
    pending = true;
    rerender(<LinkPending />);
    expect(container.querySelector("span")!.hasAttribute("data-pending")).toBe(true);
    expect(container.querySelector("span")!.className).toMatch(/data-\[pending\]:animate-link-pending/);
  });
});
