// Reading and renewing this browser's device cookie inside a request (sign-in's authorize step
// runs in the server action's or the route's request context). Outside one (tests, scripts)
// there is no cookie: the attempt counts as a new browser's and nothing is written.
import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { DEVICE_TOKEN_MAX_AGE_SECONDS, deviceCookieName, renewDeviceCookie } from "@/lib/factors/device-token";

function fromHeader(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** The device cookie this request carries (Next's cookie store first, then the request's header). */
export async function readDeviceCookie(requestHeaders?: Headers): Promise<string | null> {
  const name = deviceCookieName();
  try {
    const v = (await cookies()).get(name)?.value;
    if (v) return v;
  } catch {
    // outside a request
  }
  return requestHeaders ? fromHeader(requestHeaders.get("cookie"), name) : null;
}

/** After a successful sign-in: this browser now carries (or keeps) a device token for the account. */
export async function issueDeviceCookie(current: string | null, email: string): Promise<void> {
  const { value } = renewDeviceCookie(current, email);
  try {
    (await cookies()).set(deviceCookieName(), value, {
      httpOnly: true,
      sameSite: "lax",
      secure: getEnv().NODE_ENV === "production",
      path: "/",
      maxAge: DEVICE_TOKEN_MAX_AGE_SECONDS,
    });
  } catch {
    // outside a request, or a context where cookies can't be set: the browser stays "new"
  }
}
