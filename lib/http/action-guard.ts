// Every server action goes through one of these: a request that isn't a proper form post
// (wrong arguments, garbage bodies) and any refusal come back as a message in the form's
// state, never as a 500. Redirects and Next's own control flow pass through untouched.
// Each action runs with its request's id (from proxy.ts), so its log lines carry it and an
// error shown in the form carries it as a reference.
import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import { AppError, isDatabaseUnavailable, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/log";
import { withRequestId } from "@/lib/request-context";
import { localizeFields, localizeMessage } from "@/lib/i18n/localize";
import type { Locale } from "@/lib/i18n";

async function actionLocale(): Promise<Locale> {
  try {
    const { getLocale } = await import("@/lib/i18n/server");
    return await getLocale();
  } catch {
    return "en"; // outside a request (tests, scripts)
  }
}

/** An action's answer in the reader's language: its message and its field errors. */
async function localized<S extends { message?: string; fields?: unknown }>(state: S, code?: ErrorCode): Promise<S> {
  const locale = await actionLocale();
  if (locale === "en") return state;
  return {
    ...state,
    ...(state.message ? { message: localizeMessage(state.message, locale, code) } : {}),
    ...(state.fields ? { fields: localizeFields(state.fields as Record<string, string[] | undefined>, locale) } : {}),
  };
}

const NOT_A_FORM = "The form was not sent correctly. Reload the page and try again.";

function messageFor(err: unknown, action: string): string {
  unstable_rethrow(err);
  if (err instanceof AppError) return err.message;
  if (err instanceof ZodError) return "The form was incomplete or not valid. Reload the page and try again.";
  if (isDatabaseUnavailable(err)) {
    logger.error(
      { err: { name: (err as Error).name, code: (err as { code?: unknown }).code }, action },
      "database unavailable",
    );
    return "Keydesk's database isn't answering right now. Nothing was changed; try again in a moment.";
  }
  logger.error({ err, action }, "server action failed");
  return "Something went wrong on our side. Nothing was changed; please try again.";
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
    if (!(fd instanceof FormData)) return localized({ message: NOT_A_FORM, requestId } as S);
    return withRequestId(requestId, async () => {
      let state: S;
      try {
        state = await localized(await fn(prev, fd));
      } catch (err) {
        const code: ErrorCode = err instanceof AppError ? err.code : "internal";
        state = await localized({ ok: false, message: messageFor(err, name) } as unknown as S, code);
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
        const message = messageFor(err, name);
        logger.warn({ action: name, message }, "server action refused");
      }
    });
  };
}
