import { passwordProblems } from "@/lib/factors/password-rules";
import { PASSWORD_MIN_LENGTH } from "@/lib/factors/password-limits";
import { translator } from "@/lib/i18n";

describe("passwordProblems", () => {
  it("accepts a long passphrase", () => {
    expect(passwordProblems("correct horse battery staple", "me@example.com")).toEqual([]);
  });

  it("says how many characters are missing", () => {
    expect(passwordProblems("short1")).toEqual([`Use at least ${PASSWORD_MIN_LENGTH} characters (this one has 6).`]);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblems("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑")[0]).toMatch(/this one has 11/);
  });

  it("rejects repetitive passwords", () => {
    expect(passwordProblems("aaaaaaaaaaaaaaaa")).toContain("Use more than three different characters.");
  });

  it("rejects passwords containing the e-mail name", () => {
    expect(passwordProblems("my-name-is-alice-123", "alice@example.com")).toContain(
      "Don't include your e-mail name in the password.",
    );
  });

  it("rejects absurdly long input", () => {
    expect(passwordProblems("ab".repeat(200))).toContain("Use at most 256 characters.");
  });

  it("says it in German with a German translator (the same error.password* messages)", () => {
    expect(passwordProblems("short1", undefined, translator("de"))).toEqual([
      `Verwenden Sie mindestens ${PASSWORD_MIN_LENGTH} Zeichen (dieses hat 6).`,
    ]);
    expect(passwordProblems("aaaaaaaaaaaaaaaa", undefined, translator("de"))).toEqual([
      "Verwenden Sie mehr als drei verschiedene Zeichen.",
    ]);
  });
});
