// Where sign-in lands: the portfolio home, or an explicit same-site `next` path (never off-site).
import { afterSignInPath, HOME_PATH } from "@/lib/sign-in/after-sign-in";

describe("afterSignInPath", () => {
  it("is the portfolio home without an explicit path", () => {
    expect(HOME_PATH).toBe("/portfolio");
    for (const none of [undefined, null, "", 42]) expect(afterSignInPath(none)).toBe("/portfolio");
  });

  it("keeps a same-site path (an invitation, a team, a key)", () => {
    for (const next of ["/invite/abc-123", "/teams/x", "/keys/k1?tab=balances", "/keys"])
      expect(afterSignInPath(next)).toBe(next);
  });

  it("refuses anything that could leave the site", () => {
    for (const next of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/keys",
      "javascript:alert(1)",
      "evil.example",
      "/keys\n",
      "/a b",
      `/${"x".repeat(300)}`,
    ])
      expect(afterSignInPath(next)).toBe("/portfolio");
  });
});
