// Messages sent back by routes and actions reach a German reader in German.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { localizeFields, localizeMessage } from "@/lib/i18n/localize";
import { EXCHANGE_CODES } from "@/lib/exchange/errors";
import { passwordProblems } from "@/lib/factors/password-rules";
import { MESSAGES } from "@/lib/i18n/messages";

describe("localizeMessage", () => {
  it("leaves English as it is", () => {
    expect(localizeMessage("This key doesn't exist or isn't shared with you.", "en", "not_found")).toBe(
      "This key doesn't exist or isn't shared with you.",
    );
  });

  it("translates catalogued messages, filling in what varies", () => {
    expect(localizeMessage("This key doesn't exist or isn't shared with you.", "de", "not_found")).toBe(
      "Diesen Schlüssel gibt es nicht, oder er ist nicht mit Ihnen geteilt.",
    );
    expect(
      localizeMessage("Keydesk is pacing requests to stay under the exchange's limits. Refreshing in 7 s.", "de"),
    ).toBe("Keydesk drosselt die Anfragen, um unter den Limits der Börse zu bleiben. Aktualisierung in 7 s.");
    expect(localizeMessage("You already added this key as “Main”.", "de")).toBe(
      "Sie haben diesen Schlüssel bereits als „Main“ hinzugefügt.",
    );
  });

  it("keeps a message already in German and falls back to the code's German text otherwise", () => {
    const german = MESSAGES.de["gate.pacing"].replace("{n}", "3");
    expect(localizeMessage(german, "de", "rate_limited")).toBe(german);
    expect(localizeMessage("Some brand-new English sentence.", "de", "conflict")).toBe(
      MESSAGES.de["error.code.conflict"],
    );
    expect(localizeMessage("Some brand-new English sentence.", "de")).toBe("Some brand-new English sentence.");
  });

  it("translates field errors, such as the password rules", () => {
    const problems = passwordProblems("short", "someone@example.com");
    const de = localizeFields({ password: problems }, "de")!.password!;
    expect(de[0]).toBe("Verwenden Sie mindestens 12 Zeichen (dieses hat 5).");
    expect(localizeFields({ password: problems }, "en")!.password).toEqual(problems);
  });
});

describe("the catalogue covers what the server sends", () => {
  it("has every exchange message", () => {
    const missing = Object.entries(EXCHANGE_CODES)
      .map(([, info]) => info.message)
      .filter((m) => localizeMessage(m, "de", "internal") === MESSAGES.de["error.code.internal"]);
    expect(missing).toEqual([]);
  });

  // Literal messages in AppErrors and in the answers of key, auth and HTTP code (teams code
  // is catalogued by its own area): each must translate, not fall back.
  it("has every literal AppError message and action answer in lib/keys, sign-in/up, single sign-on, passkeys, lib/factors, lib/http, lib/reads", () => {
    const files = execFileSync(
      "git",
      [
        "ls-files",
        "lib/keys",
        "lib/sign-in",
        "lib/sign-up",
        "lib/single-sign-on",
        "lib/passkeys",
        "lib/factors",
        "lib/http",
        "lib/reads",
        "lib/errors.ts",
        "lib/export",
        "app/api",
      ],
      {
        encoding: "utf8",
      },
    )
      .split("\n")
      .filter((f) => /\.tsx?$/.test(f));
    const found: string[] = [];
    const re =
      /new AppError\(\s*"\w+",\s*(["`])((?:(?!\1)[^\\]|\\.)*)\1|(?:message|min\(1|max\(\w+|problems\.push\()\s*[:,(]?\s*(["`])((?:(?!\3)[^\\]|\\.)*)\3/g;
    for (const f of files) {
      const src = readFileSync(f, "utf8");
      for (const m of src.matchAll(re)) {
        const text = (m[2] ?? m[4] ?? "").replace(/\$\{[^}]*\}/g, "X1");
        if (/^[A-Z][a-z']* .*[.)]$/.test(text)) found.push(text);
      }
    }
    expect(found.length).toBeGreaterThan(25);
    const untranslated = found.filter((m) => {
      const de = localizeMessage(m, "de");
      return de === m;
    });
    expect(untranslated).toEqual([]);
  });
});
