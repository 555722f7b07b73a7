import "next-auth";
import "@auth/core/jwt";

declare module "next-auth" {
  interface Session {
    sessionId?: string;
  }
  interface User {
    /** Set by the credentials sign-in: the browser carried this account's device token. */
    knownDevice?: boolean;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}
