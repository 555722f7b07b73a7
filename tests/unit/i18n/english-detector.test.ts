// The browser test's English detector: finds English words, lets German, names and codes through.
import { findEnglish } from "../../e2e/english-detector";

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
  expect(findEnglish("Order be3e4561 öffnen:")).toEqual([]);
  expect(findEnglish("Refresh be3e4561").map((h) => h.word)).toEqual(["Refresh"]);
});
