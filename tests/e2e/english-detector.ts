// Finds English left on a German page: the visible text (and accessible names) is split into
// words, and any word from a list of common English words that never occur in German UI text
// is reported with the line it sits in. Product names, exchange codes, e-mail addresses and
// the labels the test itself typed are removed first.

/** Common English words a German interface never shows (lower case). Not: "in", "an", "die", "was", "will", "also", "so". */
export const ENGLISH_WORDS = new Set(
  (
    "the your you yours key keys and with this that these those not sign signed add added delete deleted share shared " +
    "unshare settings loading error errors please try again found invite invited invitation invitations member members " +
    "owner create created account password show shown hide hidden amounts balance balances history " +
    "fees when what which there here have has been can cannot were would should could refresh back more less " +
    "all none only read withdraw check checked last used expires revoke remove leave join save cancel confirm " +
    "turn off of to for from or is are be by at it its no yes new old page pages go home help troubleshooting " +
    "activity events event day reads overview copy enter open close " +
    "menu language session sessions other others something went wrong nothing changed database loaded " +
    "value values total available locked price prices market since ago minutes hour hours seconds " +
    "order orders trade trades export exports buy sell filled cancelled rejected"
  ).split(" "),
);
/** Words English only when lower case ("Team" is German, "team" in a sentence is not). */
export const ENGLISH_CASED = new Set(["team", "teams"]);

export const ALLOWED_PHRASES = [
  "Keydesk",
  "Bitpanda Pro",
  "Bitpanda",
  "One Trading Fast",
  "One Trading",
  "Single Sign-on",
  "Google Authenticator",
  "1Password",
  "Aegis",
  "2FAS",
  "Authenticator",
];

export interface EnglishHit {
  word: string;
  line: string;
}

export function findEnglish(text: string, typed: readonly string[] = []): EnglishHit[] {
  const hits: EnglishHit[] = [];
  for (const raw of text.split(/\n+/)) {
    let line = raw.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ");
    for (const p of [...typed, ...ALLOWED_PHRASES]) line = line.split(p).join(" ");
    // Ids and codes mixing letters and digits (an order id's "be3e4561") are data, not words.
    line = line.replace(/[\p{L}\d]*\d[\p{L}\d]*/gu, " ");
    // A key's display fragment ("…uAvg", its last characters) is random data, not a word.
    line = line.replace(/…[\p{L}\d_-]+/gu, " ");
    for (const word of line.split(/[^\p{L}]+/u)) {
      if (!word) continue;
      if (ENGLISH_CASED.has(word) || (ENGLISH_WORDS.has(word.toLowerCase()) && word !== word.toUpperCase()))
        hits.push({ word, line: raw.trim() });
    }
  }
  return hits;
}

/**
 * The exchange's codes and Keydesk's own left on a page: a status, side, type, time in force or
 * maker/taker code (FILLED_FULLY, BUY, GOOD_TILL_CANCELLED …), an audit action (key.stop), a
 * field name (previousStatus) or a snake_case reason (not_a_jwt). Instrument codes (BTC_EUR) are
 * data and stay; e-mail addresses and URLs are removed first.
 */
export function findCodes(text: string, codes: readonly string[]): EnglishHit[] {
  const set = new Set(codes);
  const hits: EnglishHit[] = [];
  for (const raw of text.split(/\n+/)) {
    const line = raw.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ").replace(/\bhttps?:\/\/\S+/g, " ");
    for (const word of line.split(/[^\p{L}\d_.]+/u)) {
      const w = word.replace(/\.+$/, "");
      if (!w) continue;
      if (
        set.has(w) ||
        /^(auth|key|team|export|orders)\.[a-z_0-9]+$/.test(w) ||
        /^[a-z]+[A-Z][a-zA-Z]+$/.test(w) ||
        /^[a-z]+(_[a-z]+)+$/.test(w)
      )
        hits.push({ word: w, line: raw.trim() });
    }
  }
  return hits;
}
