// next-auth configuration: e-mail + password (argon2id) and, when configured, one OIDC
// provider. JWT sessions carry a UserSession id that is checked on every request, so a
// session can be revoked server-side and sessions survive server restarts.
import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { checkCredentials } from "@/lib/sign-in/credentials";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/log";
import { loadSession } from "@/lib/sessions/session-check";
import { decideOidcSignIn, parkOidcSignIn } from "@/lib/single-sign-on/oidc";
import { checkOidcCode } from "@/lib/single-sign-on/oidc-code";
import { grantStepUp } from "@/lib/factors/step-up";
import { passkeyProvider } from "@/lib/sign-in/passkey-provider";
import { issueDeviceCookie, readDeviceCookie } from "@/lib/factors/device-cookie";
import { reportFailedSignIns } from "@/lib/sign-in/sign-in-report";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class SecondFactor extends CredentialsSignin {
  constructor(code: "totp_required" | "totp_invalid") {
    super();
    this.code = code;
  }
}
class OidcCodeExpired extends CredentialsSignin {
  code = "oidc_code_expired";
}
class TooManyAttempts extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `rate_limited:${seconds}`;
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(1024),
  code: z.string().max(40).optional(),
});

/** Auth.js errors a visitor can cause (a stale or forged cookie, a wrong password): not our failure. */
const VISITOR_ERRORS = new Set([
  "JWTSessionError",
  "CredentialsSignin",
  "MissingCSRF",
  "InvalidCheck",
  "UnknownAction",
  "InvalidCallbackUrl",
]);

/**
 * Auth.js's own logging goes through ours (structured, redacted, with the request id) instead of
 * the console. Only the error's name and its cause's message are kept: never tokens or payloads.
 */
const authLogger: NextAuthConfig["logger"] = {
  error(error) {
    const cause = (error as { cause?: { err?: Error } | Error }).cause;
    const causeMessage = cause instanceof Error ? cause.message : cause?.err?.message;
    // `type` survives minification; `name` does not.
    const type = (error as { type?: string }).type ?? error.name;
    const line = { auth: type, cause: causeMessage?.slice(0, 200) };
    if (VISITOR_ERRORS.has(type)) logger.info(line, "auth: request refused (treated as signed out)");
    else logger.error(line, "auth: error");
  },
  warn(code) {
    logger.warn({ auth: code }, "auth: warning");
  },
  debug() {},
};

function buildConfig(): NextAuthConfig {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const deviceCookie = await readDeviceCookie(request.headers);
        const result = await checkCredentials(
          parsed.data.email,
          parsed.data.password,
          clientIpFromHeaders(request.headers),
          parsed.data.code,
          deviceCookie,
        );
        if (result.ok) {
          await issueDeviceCookie(deviceCookie, result.user.email);
          return { ...result.user, knownDevice: result.knownDevice };
        }
        if (result.reason === "rate_limited") throw new TooManyAttempts(result.retryAfterSeconds);
        if (result.reason === "totp_required") throw new SecondFactor("totp_required");
        if (result.reason === "totp_invalid") throw new SecondFactor("totp_invalid");
        throw new InvalidCredentials();
      },
    }),
    // Sign-in with a passkey (lib/passkeys/): the browser's WebAuthn answer, no e-mail.
    passkeyProvider(),
  ];
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    // The code step after a provider sign-in into an account with two-factor sign-in (lib/single-sign-on/oidc-code.ts).
    providers.push(
      Credentials({
        id: "oidc-code",
        credentials: { code: {} },
        async authorize(raw, request) {
          const code = z.object({ code: z.string().trim().min(1).max(40) }).safeParse(raw);
          if (!code.success) throw new SecondFactor("totp_invalid");
          const deviceCookie = await readDeviceCookie(request.headers);
          const result = await checkOidcCode(code.data.code, clientIpFromHeaders(request.headers), deviceCookie);
          if (result.ok) {
            await issueDeviceCookie(deviceCookie, result.user.email);
            return { ...result.user, knownDevice: result.knownDevice };
          }
          if (result.reason === "rate_limited") throw new TooManyAttempts(result.retryAfterSeconds);
          if (result.reason === "oidc_code_expired") throw new OidcCodeExpired();
          throw new SecondFactor("totp_invalid");
        },
      }),
    );
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
    });
  }

  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    // Production issues only `__Secure-` cookies (and lib/sessions/session-check.ts accepts only those).
    useSecureCookies: env.NODE_ENV === "production",
    logger: authLogger,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers,
    callbacks: {
      // Single sign-on's rules (lib/single-sign-on/oidc.ts): a refusal goes back to the sign-in page with its
      // reason; an account with two-factor sign-in is parked until its code is given.
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const decision = await decideOidcSignIn(profile);
        if (!decision.ok) {
          await recordAudit({
            actorId: null,
            action: "auth.sign_in",
            outcome: "denied",
            detail: { provider: "oidc", reason: decision.reason },
          });
          return `/sign-in?error=${decision.reason}`;
        }
        if (decision.needsCode) {
          await parkOidcSignIn(decision.userId, decision.email);
          return "/sign-in/code";
        }
        return true;
      },
      async jwt({ token, user, account, trigger }) {
        if (trigger === "signIn" && user) {
          let userId = user.id;
          if (account?.provider === "oidc") {
            // The signIn callback above has accepted (and if needed created) this account.
            const email = user.email?.toLowerCase();
            const row = email
              ? await db.user.findUnique({
                  where: { email },
                  select: { id: true, passwordHash: true, passwordOffAt: true },
                })
              : null;
            if (!row || row.passwordHash || row.passwordOffAt) throw new InvalidCredentials();
            userId = row.id;
          }
          if (!userId) throw new InvalidCredentials();
          // Device and address for the sessions list (best effort: there may be no request context).
          let userAgent: string | null = null;
          let ip: string | null = null;
          try {
            const h = await headers();
            userAgent = h.get("user-agent")?.slice(0, 300) ?? null;
            ip = clientIpFromHeaders(h);
          } catch {
            // outside a request (tests)
          }
          const session = await db.userSession.create({ data: { userId, userAgent, ip } });
          // A browser without this account's device token is new (single sign-on: the provider's own check).
          const knownDevice = account?.provider === "oidc" ? undefined : user.knownDevice === true;
          await (await import("@/lib/alerts/hooks")).alertIfNewDevice(userId, session.id, userAgent, knownDevice);
          // Before this sign-in's own success row: failures since the previous sign-in.
          await reportFailedSignIns(userId, session.id);
          token.sub = userId;
          token.sid = session.id;
          // Signing in with the provider (and its code) is this user's step-up: accounts without a
          // password have no other way to confirm deleting or sharing a key.
          if (account?.provider === "oidc" || account?.provider === "oidc-code") {
            await grantStepUp({ id: userId, sessionId: session.id, email: user.email ?? "", name: null }).catch(
              () => undefined,
            );
          }
          await recordAudit({
            actorId: userId,
            action: "auth.sign_in",
            outcome: "success",
            detail: { provider: account?.provider ?? "credentials" },
          });
        }
        return token;
      },
      async session({ session, token }) {
        // A revoked or deleted session row ends the session everywhere, at once.
        const sid = typeof token.sid === "string" ? token.sid : null;
        let live;
        try {
          live = sid && token.sub ? await loadSession(sid, token.sub) : null;
        } catch {
          // The database is down: not the same as signed out.
          return {
            ...session,
            user: undefined,
            sessionId: undefined,
            dbUnavailable: true,
          } as unknown as typeof session;
        }
        if (!live) {
          return {
            ...session,
            user: undefined,
            sessionId: undefined,
            expires: new Date(0).toISOString(),
          } as unknown as typeof session;
        }
        return { ...session, sessionId: live.sessionId, user: { ...session.user, ...live.user } };
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        const sid = token && typeof token.sid === "string" ? token.sid : null;
        if (sid)
          await db.userSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date() } });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
