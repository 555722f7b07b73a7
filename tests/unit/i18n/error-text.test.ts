// Errors and answers are put into words by key, in the reader's language; the exchange's codes
// each have a key whose English is the exchange module's own text.
import { AppError } from "@/lib/errors";
import { ExchangeError, EXCHANGE_CODES } from "@/lib/exchange/errors";
import { TRANSPORT } from "@/lib/exchange/error-codes";
import { errorText, fieldsText } from "@/lib/i18n/error-text";
import { exchangeMessage } from "@/lib/i18n/exchange-messages";
import { translator } from "@/lib/i18n";
import { MESSAGES } from "@/lib/i18n/messages";

describe("an AppError's text", () => {
  it("is its key filled with its values, in English and German", () => {
    const err = new AppError("conflict", "error.keyDuplicate", { values: { label: "Main" } });
    expect(err.messageKey).toBe("error.keyDuplicate");
    expect(errorText(err, "en")).toBe("You already added this key as “Main”.");
    expect(errorText(err, "de")).toBe("Sie haben diesen Schlüssel bereits als „Main“ hinzugefügt.");
  });

  it("renders a quoted message in the same language", () => {
    const err = new AppError("unprocessable", "teamErr.exchangeRefused", {
      values: { reason: exchangeMessage(new ExchangeError("APIKEY_EXPIRED", 401)) },
    });
    expect(errorText(err, "en")).toMatch(/The exchange says this key has expired\. Create a new one\.$/);
    expect(errorText(err, "de")).toBe(
      `${MESSAGES.de["teamErr.exchangeRefused"].replace("{reason}", MESSAGES.de["exchange.expired"])}`,
    );
  });

  it("says its code's general text when it has no key (an answer the browser rebuilt)", () => {
    const rebuilt = AppError.fromBody({ error: { code: "conflict", message: "Schon da." } }, 409);
    expect(rebuilt.messageKey).toBeUndefined();
    expect(rebuilt.message).toBe("Schon da.");
    expect(errorText(rebuilt, "de")).toBe(MESSAGES.de["error.code.conflict"]);
    expect(AppError.fromBody("not json", 502).messageKey).toBe("states.unexpectedResponse");
  });

  it("puts field errors named by key into words and keeps text already made", () => {
    const fields = { label: ["error.keyLabelMissing"], key: ["Schon übersetzt."] };
    expect(fieldsText(fields, "de")).toEqual({
      label: [MESSAGES.de["error.keyLabelMissing"]],
      key: ["Schon übersetzt."],
    });
    expect(fieldsText(fields, "en")!.label).toEqual(["Give the key a name you will recognise."]);
  });
});

describe("the exchange's failures by key", () => {
  const en = translator("en");
  const words = (err: ExchangeError) => {
    const m = exchangeMessage(err);
    return en(m.key, m.values);
  };

  it("has a key for every code, whose English is the exchange module's text", () => {
    const codes = [...Object.keys(EXCHANGE_CODES), ...Object.keys(TRANSPORT)];
    const wrong = codes
      .map((code) => new ExchangeError(code, 400))
      .filter((err) => words(err) !== err.userMessage)
      .map((err) => err.code);
    expect(codes.length).toBeGreaterThan(60);
    expect(wrong).toEqual([]);
  });

  it("words the dialect, the exchange's own sentence and an unknown code as the exchange module does", () => {
    const cases = [
      new ExchangeError("INVALID_SUBJECT", 401, { dialect: "onetrading-fast" }),
      new ExchangeError("INVALID_SUBJECT", 401, { dialect: "bitpanda-pro" }),
      new ExchangeError("upstream_message", 400, { said: "Amount too small" }),
      new ExchangeError("SOMETHING_NEW", 400),
    ];
    for (const err of cases) expect(words(err)).toBe(err.userMessage);
    const de = exchangeMessage(cases[2]!);
    expect(translator("de")(de.key, de.values)).toBe(
      "Die Börse hat die Anfrage abgelehnt: „Amount too small“ (HTTP 400).",
    );
  });
});
