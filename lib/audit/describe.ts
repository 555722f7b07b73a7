// An audit event as one sentence in the reader's language ("You stopped the key “Main”."), never
// its codes (`key.stop`, `previousStatus: active`, `reason: not_a_jwt`, `kind: trades · rows:
// 6369`). Each action has a sentence for the reader's own actions and one naming the actor;
// refusals and failures say why in words (an exchange code through its catalogue message). An
// action without a sentence yet reads "<actor>: <its label>". Pure: the page hands in the names.
import type { Translate } from "@/lib/i18n";
import { MESSAGES, type MessageKey } from "@/lib/i18n/messages";
import { exchangeMessage } from "@/lib/i18n/exchange-messages";
import { EXCHANGE_CODES } from "@/lib/exchange/error-codes";
import { formatCount, formatUtc, INTL_LOCALE, type Locale } from "@/lib/format/format";

export interface DescribedEvent {
  action: string;
  outcome: string;
  keyLabel: string | null;
  teamId: string | null;
  detail: unknown;
  actor: { email: string } | null;
}

export interface DescribeContext {
  t: Translate;
  locale: Locale;
  /** The reader's e-mail: their own events read "You …". */
  viewerEmail: string;
  /** Names of the teams the reader can see, by id. */
  teamNames: ReadonlyMap<string, string>;
  /** A team role in words. */
  role: (role: string) => string;
}

const has = (key: string): key is MessageKey => key in MESSAGES.en;
const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/** A refusal's or failure's reason in words; an unknown code reads "a technical reason". */
export function reasonWords(code: string, ctx: Pick<DescribeContext, "t" | "locale">): string {
  const key = `act.reason.${code}`;
  if (has(key)) return ctx.t(key);
  const exchange = EXCHANGE_CODES[code];
  if (exchange) {
    const said = exchangeMessage({ code, status: null, dialect: undefined, said: undefined });
    return ctx.t(said.key, said.values).replace(/\.$/, "");
  }
  return ctx.t("act.reason.unknown");
}

function scopesWords(scopes: unknown, ctx: DescribeContext): string {
  if (!Array.isArray(scopes)) return "";
  const words = scopes
    .map((s) => `act.scope.${String(s)}`)
    .filter(has)
    .map((k) => ctx.t(k));
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")}${ctx.t("act.and")}${words.at(-1)}`;
}

/** A range end: a day ("1 Nov 2026") when it is one, else the full UTC time. */
function day(v: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?Z)?$/.test(v)) return formatUtc(v, locale);
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeZone: "UTC" }).format(new Date(v));
}

export function describeEvent(e: DescribedEvent, ctx: DescribeContext): string {
  const { t, locale } = ctx;
  const d = (e.detail && typeof e.detail === "object" ? e.detail : {}) as Record<string, unknown>;
  const you = Boolean(e.actor && e.actor.email === ctx.viewerEmail);
  const vars: Record<string, string> = {
    who: e.actor?.email ?? t("act.who.system"),
    key: e.keyLabel ?? t("act.key.unknown"),
    team: (e.teamId && ctx.teamNames.get(e.teamId)) || str(d.name) || t("act.team.unknown"),
    how: "",
    why: "",
    range: "",
    passkey: str(d.passkey),
    email: str(d.email),
    role: d.role ? ctx.role(str(d.role)) : "",
    count: formatCount(Number(d.count ?? d.rewrapped ?? 0) || 0, locale),
    rows: formatCount(Number(d.rows ?? 0) || 0, locale),
    kind: t(
      d.kind === "trades" || d.kind === "orders" || d.kind === "snapshots" ? `act.kind.${d.kind}` : "act.kind.other",
    ),
    status: "",
    label: has(`audit.${e.action}`) ? t(`audit.${e.action}` as MessageKey) : t("act.label.unknown"),
  };
  const reason = str(d.reason) || str(d.error) || str(d.code) || (d.factor === "totp" ? "totp" : "");
  if (reason) vars.why = t("act.why", { reason: reasonWords(reason, ctx) });
  const statusWord = (s: string) => (has(`status.${s}`) ? t(`status.${s}` as MessageKey) : s);

  let base = e.action;
  if (e.outcome !== "success") base = `${e.action}.${e.outcome}`;
  switch (e.action) {
    case "auth.sign_in":
    case "auth.sign_up":
      if (e.outcome === "success" && d.provider && d.provider !== "credentials")
        vars.how = t("act.how.provider", { provider: d.provider === "oidc" ? "Single Sign-on" : str(d.provider) });
      break;
    case "auth.step_up":
      if (d.passkey) vars.how = t("act.how.passkey", { passkey: str(d.passkey) });
      break;
    case "auth.session_revoked":
      if (d.current) vars.how = t("act.how.thisSession");
      break;
    case "key.add":
      if (e.outcome === "success") {
        const scopes = scopesWords(d.scopes, ctx);
        vars.how = `${scopes ? t("act.how.scopes", { scopes }) : ""}${d.verified === false ? t("act.how.unverified") : ""}`;
      }
      break;
    case "key.replace":
      if (e.outcome === "success") {
        const scopes = scopesWords(d.scopes, ctx);
        vars.how = scopes ? t("act.how.newScopes", { scopes }) : "";
      }
      break;
    case "key.rotate":
      if (Number(d.remaining) > 0)
        vars.how = t("act.how.remaining", { remaining: formatCount(Number(d.remaining), locale) });
      base = "key.rotate"; // a rotation with some left is still the rotation's sentence
      break;
    case "key.shared":
      vars.how = `${d.hideAmounts ? t("act.how.hideAmounts") : ""}${d.allowExport ? t("act.how.allowExport") : ""}`;
      break;
    case "key.stop":
      if (d.previousStatus) vars.how = t("act.how.wasStatus", { status: statusWord(str(d.previousStatus)) });
      break;
    case "key.status_changed":
      base = "key.status_changed";
      vars.status = statusWord(str(d.status));
      break;
    case "export.run":
      if (d.cancelled) base = "export.run.cancelled";
      if (typeof d.from === "string" && typeof d.to === "string")
        vars.range = t("act.range", { from: day(d.from, locale), to: day(d.to, locale) });
      break;
    case "team.member_joined":
      base = "team.member_joined";
      break;
  }
  const key = `act.${base}${you ? ".you" : ""}`;
  if (has(key)) return t(key, vars);
  return t(you ? "act.other.you" : "act.other", vars);
}
