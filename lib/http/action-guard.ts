// Every server action goes through one of these: a request that isn't a proper form post
// (wrong arguments, garbage bodies) and any refusal come back as a message in the form's
// state, never as a 500. Redirects and Next's own control flow pass through untouched.
// Each action runs with its request's id (from proxy.ts), so its log lines carry it and an
// error shown in the form carries it as a reference. Messages go out in the reader's language:
// a thrown AppError by its key and values; a state's message or field error that is a catalogue
// key (zod issues name theirs that way) is looked up; other text was made in the reader's language.
import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import { AppError, isDatabaseUnavailable, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/log";
import { withRequestId } from "@/lib/request-context";
import { errorText, fieldsText, messageText } from "@/lib/i18n/error-text";
import type { Locale } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/messages";

async function actionLocale(): Promise<Locale> {
  try {
    const { getLocale } = await import("@/lib/i18n/server");
    return await getLocale();
  } catch {
    return "en"; // outside a request (tests, scripts)
  }
}

/** An action's answer in the reader's language: its message and its field errors. */
async function localized<S extends { message?: string; fields?: unknown }>(state: S): Promise<S> {
  const locale = await actionLocale();
  return {
    ...state,
    ...(state.message ? { message: messageText(state.message, locale) } : {}),
    ...(state.fields ? { fields: fieldsText(state.fields as Record<string, string[] | undefined>, locale) } : {}),
  };
}

/** What a refused action says: the AppError's own text, or the key for what else went wrong. */
function refusalFor(
  err: unknown,
  action: string,
): { code: ErrorCode; messageKey: MessageKey; values?: AppError["values"] } {
  unstable_rethrow(err);
  if (err instanceof AppError)
    return {
      code: err.code,
      messageKey: err.messageKey ?? (`error.code.${err.code}` as MessageKey),
      values: err.values,
    };
  if (err instanceof ZodError) return { code: "bad_request", messageKey: "error.formInvalid" };
  if (isDatabaseUnavailable(err)) {
    logger.error(
      { err: { name: (err as Error).name, code: (err as { code?: unknown }).code }, action },
      "database unavailable",
    );
    return { code: "upstream_unavailable", messageKey: "error.dbDownAction" };
  }
  logger.error({ err, action }, "server action failed");
  return { code: "internal", messageKey: "error.internalAction" };
}

/** The id proxy.ts gave this request; outside a request (tests, scripts) a fresh one. */
export async function requestIdFromHeaders(): Promise<string> {
  try {
    return (await headers()).get("x-request-id") ?? randomUUID();
  } catch {
    return randomUUID();
  }
}

function isError(state: { ok?: boolean; message?: string; fields?: unknown }): boolean {
  return state.ok !== true && (Boolean(state.message) || Boolean(state.fields));
}

/** For actions used with useActionState: (previous state, form data) → next state. */
export function guardAction<S extends { message?: string; requestId?: string }>(
  name: string,
  fn: (prev: S, fd: FormData) => Promise<S>,
): (prev: S, fd: FormData) => Promise<S> {
  return async (prev: S, fd: FormData) => {
    const requestId = await requestIdFromHeaders();
    if (!(fd instanceof FormData)) return localized({ message: "error.notAForm" satisfies MessageKey, requestId } as S);
    return withRequestId(requestId, async () => {
      let state: S;
      try {
        state = await localized(await fn(prev, fd));
      } catch (err) {
        const message = errorText(refusalFor(err, name), await actionLocale());
        state = { ok: false, message } as unknown as S;
      }
      return isError(state as { ok?: boolean; message?: string }) ? { ...state, requestId } : state;
    });
  };
}

/** For plain form actions (formData) → void: refusals are logged, the page simply re-renders. */
export function guardVoidAction(name: string, fn: (fd: FormData) => Promise<void>): (fd: FormData) => Promise<void> {
  return async (fd: FormData) => {
    if (fd !== undefined && !(fd instanceof FormData)) return;
    const requestId = await requestIdFromHeaders();
    await withRequestId(requestId, async () => {
      try {
        await fn(fd ?? new FormData());
      } catch (err) {
        const { code, messageKey } = refusalFor(err, name);
        logger.warn({ action: name, code, message: messageKey }, "server action refused");
      }
    });
  };
}
