// The browser test's English detector: finds English words, lets German, names and codes through.
import { findCodes, findEnglish } from "../../e2e/english-detector";
import { EXCHANGE_CODES } from "@/lib/format/exchange-words";

it("reports English words with their line", () => {
  expect(findEnglish("Schlüssel\nAdd key\nTeams")).toEqual([
    { word: "Add", line: "Add key" },
    { word: "key", line: "Add key" },
  ]);
  expect(findEnglish("Leave team").map((h) => h.word)).toEqual(["Leave", "team"]);
});

it("lets German text, product names, exchange codes, e-mails and typed labels through", () => {
  const text = [
    "Team anlegen · Ihre Rolle: Besitzer",
    "Was dieser Schlüssel darf",
    "Keydesk · Bitpanda Pro · One Trading Fast · BTC_EUR · EUR 1.234,56 · API · CSV · UTC",
    "the-owner-abc@example.test",
    "Family savings",
  ].join("\n");
  expect(findEnglish(text, ["Family savings"])).toEqual([]);
});

it("treats ids that mix letters and digits as data, not words", () => {
  expect(findEnglish("Auftrag be3e4561 öffnen:")).toEqual([]);
  expect(findEnglish("Refresh be3e4561").map((h) => h.word)).toEqual(["Refresh"]);
});

it("finds the trading words a German page must not use", () => {
  expect(findEnglish("Trades dieser Order").map((h) => h.word)).toEqual(["Trades", "Order"]);
  expect(findEnglish("Orders · Export").map((h) => h.word)).toEqual(["Orders", "Export"]);
  expect(findEnglish("Aufträge · Ausführungen · Exportieren · Kauf")).toEqual([]);
});

it("finds raw codes but leaves instrument codes and e-mail addresses", () => {
  const codes = Object.values(EXCHANGE_CODES).flat();
  const text = "Kauf BTC_EUR FILLED_FULLY\nkey.stop · previousStatus: active\nGrund: not_a_jwt\nanna@example.com";
  expect(findCodes(text, codes).map((h) => h.word)).toEqual([
    "FILLED_FULLY",
    "key.stop",
    "previousStatus",
    "not_a_jwt",
  ]);
  expect(findCodes("Ausgeführt · Kauf · Limit BTC_EUR 0,5 BTC", codes)).toEqual([]);
});

it("a key's display fragment is data, however its random letters read", () => {
  expect(findEnglish("Schlüssel 40d89bd3… (…uAvg)")).toEqual([]);
  expect(findEnglish("Schlüssel (…Sell) Orders").map((h) => h.word)).toEqual(["Orders"]);
});
