// The sign-in form (its server action, through Auth.js's signIn) under the limits: wrong
// passwords from one address, then the right one from a new browser at that address is
// refused with the limit's own message; the form's answers carry no reference id for a code step.
import { resetEnvCache } from "@/lib/env";
import { disconnectDb } from "@/lib/db";
import { newTestUser, TEST_PASSWORD } from "../../helpers/users";

const ip = "198.51.100.77";
jest.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers({ "x-request-id": "req-sign-in", "x-forwarded-for": ip }),
}));
jest.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to};303;` });
  },
  unstable_rethrow: (err: unknown) => {
    if (String((err as { digest?: string })?.digest ?? "").startsWith("NEXT_REDIRECT")) throw err;
  },
}));

import { signInAction } from "@/lib/sign-in/actions";
import { resetSignInLimiterForTests } from "@/lib/factors/sign-in-limiter";

beforeAll(() => resetEnvCache());
beforeEach(() => resetSignInLimiterForTests());
afterAll(async () => {
  await disconnectDb();
});

function form(email: string, password: string): FormData {
  const fd = new FormData();
  fd.set("email", email);
  fd.set("password", password);
  return fd;
}

async function answer(fd: FormData): Promise<{ redirect?: string; state?: Record<string, unknown> }> {
  try {
    return { state: (await signInAction({}, fd)) as Record<string, unknown> };
  } catch (err) {
    return { redirect: (err as { digest?: string }).digest };
  }
}

it("after 5 wrong passwords from an address, a new browser there is told to wait, even with the right password", async () => {
  const u = await newTestUser("form-limit");
  for (let i = 0; i < 5; i++)
    expect((await answer(form(u.email, "not the password"))).state?.message).toMatch(/don't match an account/);
  const refused = await answer(form(u.email, TEST_PASSWORD));
  expect(refused.state?.message).toMatch(/Too many sign-in attempts from here for this account\. Try again in \d+ s\./);
});
