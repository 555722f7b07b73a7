// The one new server action × every caller: dismissing the failed sign-ins banner touches only
// the caller's own session (a cookie naming it); signed out, nothing is set.
import type { CurrentUser } from "@/lib/sessions/session";

let actingAs: CurrentUser | null = null;
const set = jest.fn();
jest.mock("@/lib/sessions/session", () => ({
  requireUser: async () => {
    if (!actingAs) throw new (jest.requireActual("@/lib/errors").AppError)("unauthorized", "error.signIn");
    return actingAs;
  },
}));
jest.mock("next/headers", () => ({
  cookies: async () => ({ set, get: () => undefined }),
  headers: async () => new Headers({ "x-request-id": "req-dismiss" }),
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));
jest.mock("next/navigation", () => ({ unstable_rethrow: () => undefined }));

import { dismissSignInReportAction } from "@/lib/sign-in/sign-in-report-actions";
import { SIGN_IN_REPORT_SEEN_COOKIE } from "@/lib/sign-in/sign-in-report";

beforeEach(() => set.mockClear());

it("signed out: refused, nothing set", async () => {
  actingAs = null;
  await dismissSignInReportAction(new FormData());
  expect(set).not.toHaveBeenCalled();
});

it("signed in (any role): only the caller's own session is marked, whatever the form says", async () => {
  actingAs = { id: "u1", email: "u1@example.test", name: null, sessionId: "session-of-u1" };
  const fd = new FormData();
  fd.set("sessionId", "someone-elses-session");
  await dismissSignInReportAction(fd);
  expect(set).toHaveBeenCalledTimes(1);
  expect(set.mock.calls[0]![0]).toBe(SIGN_IN_REPORT_SEEN_COOKIE);
  expect(set.mock.calls[0]![1]).toBe("session-of-u1");
  expect(set.mock.calls[0]![2]).toMatchObject({ httpOnly: true, path: "/" });
});
