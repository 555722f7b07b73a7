import { renderToString } from "react-dom/server";
import { TimeAgo } from "@/components/ui/time-ago";
import { translator } from "@/lib/i18n";

describe("TimeAgo", () => {
  const threeMinutesAgo = () => new Date(Date.now() - 3 * 60_000 - 5_000).toISOString();
  it("says how long ago in the reader's language, with the UTC time on hover", () => {
    const iso = threeMinutesAgo();
    const de = renderToString(<TimeAgo iso={iso} t={translator("de")} />);
    expect(de).toContain("vor 3 Min.");
    expect(de).toContain(`title="${iso}"`);
    expect(renderToString(<TimeAgo iso={threeMinutesAgo()} t={translator("en")} />)).toContain("3 min ago");
  });
  it("says never in the reader's language, English by default", () => {
    expect(renderToString(<TimeAgo iso={null} t={translator("de")} />)).toContain("nie");
    expect(renderToString(<TimeAgo iso={null} />)).toContain("never");
  });
});
