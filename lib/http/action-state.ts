// The one answer shape of every server action a form is bound to: ok, a message, field errors
// and, on errors, the request id shown as a reference. A feature adds its own fields through
// the type parameter (teams: the invitation link). Types only: safe on the client.
export type ActionState<Extra extends object = object> = {
  ok?: boolean;
  message?: string;
  /** Set on errors: the request's id, shown as a reference. */
  requestId?: string;
  fields?: Record<string, string[] | undefined>;
} & Partial<Extra>;
