// Sign-up from an invitation link, finished in one go: the account this request just created
// (for the invitation's own address: sign-up's rules decided that) accepts the invitation and is
// signed in, so nobody retypes anything. The link holder gains nothing they couldn't do in three
// steps: the sign-up rules (KEYDESK_SIGNUP) already ran, the address must be the invited one,
// and with SMTP set the address is still confirmed by its mailed link before the join
// (acceptInvitation refuses until then; the invitation page then says so, signed in).
// An existing account is never signed in from here: the caller gives the usual answer.
import "server-only";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/sign-in/config";
import { acceptInvitation } from "@/lib/teams/invitations";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";

/** Throws Next's redirect (signed in, and joined when it may) or returns when sign-in itself failed. */
export async function signInInvited(
  input: { userId: string; email: string; password: string; name?: string },
  inviteToken: string,
): Promise<void> {
  let teamId: string | null = null;
  try {
    teamId = await acceptInvitation(
      { id: input.userId, email: input.email, name: input.name?.trim() || null, sessionId: "" },
      inviteToken,
    );
  } catch (err) {
    // Not yet (an address still to confirm), or no longer (revoked meanwhile): the page says which.
    if (!(err instanceof AppError)) throw err;
  }
  try {
    await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirectTo: teamId ? `/teams/${teamId}?joined=1` : `/invite/${inviteToken}`,
    });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err; // NEXT_REDIRECT: signed in
    logger.info({ signUp: "invited_sign_in_failed" }, "invited sign-up: sign-in refused, the usual answer follows");
  }
}
