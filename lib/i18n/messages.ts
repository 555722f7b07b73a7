// Strings by language. English is the source of each area's keys, German must have every one
// (the compiler checks each file; tests/unit/i18n/parity.test.ts checks the whole set).
// Dashboard: ./messages/en.ts, de.ts; sign-in/sign-up/step-up: auth-*; keys pages: keys-*;
// error and not-found pages and the data states: pages-*; messages routes and actions send back:
// errors-*, exchange-*; teams and invitations: teams-*; settings: settings-*; activity:
// activity-*; troubleshooting: help-*; key actions: actions-*; emergency stop, cancel-all
// and alerts: alerts-*; portfolio over time: portfolio-*; a new key's rebuilt history: backfill-*;
// passkeys (Settings, sign-in, step-up, their alerts and audit entries): passkeys-*; the exchange's
// codes as words: words-*; add-key prompts, tab hints: ui-*; the
// activity log's sentences: activity-sentences-*.
import { en as dashboardEn } from "./messages/en";
import { de as dashboardDe } from "./messages/de";
import { authEn } from "./messages/auth-en";
import { authDe } from "./messages/auth-de";
import { authPagesEn } from "./messages/auth-pages-en";
import { authPagesDe } from "./messages/auth-pages-de";
import { keysEn } from "./messages/keys-en";
import { keysDe } from "./messages/keys-de";
import { pagesEn } from "./messages/pages-en";
import { pagesDe } from "./messages/pages-de";
import { errorsEn } from "./messages/errors-en";
import { errorsDe } from "./messages/errors-de";
import { exchangeEn } from "./messages/exchange-en";
import { exchangeDe } from "./messages/exchange-de";
import { teamsEn } from "./messages/teams-en";
import { teamsDe } from "./messages/teams-de";
import { settingsEn } from "./messages/settings-en";
import { settingsDe } from "./messages/settings-de";
import { activityEn } from "./messages/activity-en";
import { activityDe } from "./messages/activity-de";
import { helpEn } from "./messages/help-en";
import { helpDe } from "./messages/help-de";
import { actionsEn } from "./messages/actions-en";
import { actionsDe } from "./messages/actions-de";
import { lifecycleEn } from "./messages/lifecycle-en";
import { lifecycleDe } from "./messages/lifecycle-de";
import { alertsEn } from "./messages/alerts-en";
import { alertsDe } from "./messages/alerts-de";
import { portfolioEn } from "./messages/portfolio-en";
import { portfolioDe } from "./messages/portfolio-de";
import { backfillEn } from "./messages/backfill-en";
import { backfillDe } from "./messages/backfill-de";
import { passkeysEn } from "./messages/passkeys-en";
import { passkeysDe } from "./messages/passkeys-de";
import { wordsEn } from "./messages/words-en";
import { wordsDe } from "./messages/words-de";
import { uiEn } from "./messages/ui-en";
import { uiDe } from "./messages/ui-de";
import { activitySentencesEn } from "./messages/activity-sentences-en";
import { activitySentencesDe } from "./messages/activity-sentences-de";

/** Every messages file, by area: English and German side by side (the parity test walks these). */
export const MESSAGE_FILES = {
  dashboard: { en: dashboardEn, de: dashboardDe },
  auth: { en: authEn, de: authDe },
  authPages: { en: authPagesEn, de: authPagesDe },
  keys: { en: keysEn, de: keysDe },
  pages: { en: pagesEn, de: pagesDe },
  errors: { en: errorsEn, de: errorsDe },
  exchange: { en: exchangeEn, de: exchangeDe },
  teams: { en: teamsEn, de: teamsDe },
  settings: { en: settingsEn, de: settingsDe },
  activity: { en: activityEn, de: activityDe },
  help: { en: helpEn, de: helpDe },
  actions: { en: actionsEn, de: actionsDe },
  lifecycle: { en: lifecycleEn, de: lifecycleDe },
  alerts: { en: alertsEn, de: alertsDe },
  portfolio: { en: portfolioEn, de: portfolioDe },
  backfill: { en: backfillEn, de: backfillDe },
  passkeys: { en: passkeysEn, de: passkeysDe },
  words: { en: wordsEn, de: wordsDe },
  ui: { en: uiEn, de: uiDe },
  activitySentences: { en: activitySentencesEn, de: activitySentencesDe },
} as const;

type Files = typeof MESSAGE_FILES;
/** Every key of every area (English is each area's source). */
export type MessageKey = { [A in keyof Files]: keyof Files[A]["en"] }[keyof Files];

const merged = (lang: "en" | "de") =>
  Object.assign({}, ...Object.values(MESSAGE_FILES).map((f) => f[lang])) as Record<MessageKey, string>;
export const MESSAGES: Record<"en" | "de", Record<MessageKey, string>> = { en: merged("en"), de: merged("de") };
