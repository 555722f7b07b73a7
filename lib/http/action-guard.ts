// Every server action goes through one of these: a request that isn't a proper form post
// (wrong arguments, garbage bodies) and any refusal come back as a message in the form's
// state, never as a 500. Redirects and Next's own control flow pass through untouched.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";

const NOT_A_FORM = "The form was not sent correctly. Reload the page and try again.";

function messageFor(err: unknown, action: string): string {
  unstable_rethrow(err);
  if (err instanceof AppError) return err.message;
  if (err instanceof ZodError) return "The form was incomplete or not valid. Reload the page and try again.";
  logger.error({ err, action }, "server action failed");
  return "Something went wrong on our side. Nothing was changed; please try again.";
}

/** For actions used with useActionState: (previous state, form data) → next state. */
export function guardAction<S extends { message?: string }>(name: string, fn: (prev: S, fd: FormData) => Promise<S>): (prev: S, fd: FormData) => Promise<S> {
  return async (prev: S, fd: FormData) => {
    if (!(fd instanceof FormData)) return { message: NOT_A_FORM } as S;
    try {
      return await fn(prev, fd);
    } catch (err) {
      return { ok: false, message: messageFor(err, name) } as unknown as S;
    }
  };
}

/** For plain form actions (formData) → void: refusals are logged, the page simply re-renders. */
export function guardVoidAction(name: string, fn: (fd: FormData) => Promise<void>): (fd: FormData) => Promise<void> {
  return async (fd: FormData) => {
    if (fd !== undefined && !(fd instanceof FormData)) return;
    try {
      await fn(fd ?? new FormData());
    } catch (err) {
      const message = messageFor(err, name);
      logger.warn({ action: name, message }, "server action refused");
    }
  };
}
