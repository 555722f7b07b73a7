// A server action's answer reaches a German reader in German: its refusal by the AppError's key
// and values, and its field errors named by key (zod issues).
import { AppError } from "@/lib/errors";
import { addKeySchema } from "@/lib/keys/schemas";
import { MESSAGES } from "@/lib/i18n/messages";

let locale: "en" | "de" = "de";
jest.mock("@/lib/i18n/server", () => ({ getLocale: async () => locale }));
jest.mock("next/headers", () => ({
  headers: async () => {
    throw new Error("outside a request");
  },
}));

type State = { ok?: boolean; message?: string; requestId?: string; fields?: Record<string, string[] | undefined> };

async function run(fn: (prev: State, fd: FormData) => Promise<State>): Promise<State> {
  const { guardAction } = await import("@/lib/http/action-guard");
  return guardAction<State>("test", fn)({}, new FormData());
}

afterEach(() => {
  locale = "de";
});

it("answers a thrown AppError in German, with its values", async () => {
  const state = await run(async () => {
    throw new AppError("rate_limited", "auth.stepUpLimited", { values: { seconds: 30 } });
  });
  expect(state.ok).toBe(false);
  expect(state.message).toBe(MESSAGES.de["auth.stepUpLimited"].replace("{seconds}", "30"));
  expect(state.requestId).toBeTruthy();
  locale = "en";
  expect((await run(async () => Promise.reject(new AppError("not_found", "error.keyNotFound")))).message).toBe(
    "This key doesn't exist or isn't shared with you.",
  );
});

it("answers a form's field errors in German", async () => {
  const state = await run(async () => {
    const parsed = addKeySchema.safeParse({ label: " ", key: "" });
    if (parsed.success) return { ok: true };
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[String(issue.path[0])] ??= []).push(issue.message);
    return { fields };
  });
  expect(state.fields).toEqual({
    label: [MESSAGES.de["error.keyLabelMissing"]],
    key: [MESSAGES.de["error.keyMissing"]],
  });
  expect(state.fields!.label![0]).toBe("Geben Sie dem Schlüssel einen Namen, an dem Sie ihn wiedererkennen.");
});

it("answers an unexpected failure with the general German text", async () => {
  const state = await run(async () => {
    throw new TypeError("boom");
  });
  expect(state.message).toBe(MESSAGES.de["error.internalAction"]);
});
