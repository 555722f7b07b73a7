// The key lifecycle's server actions × every role: only the key's owner may act;
// everyone else (team admin and member of a team the key is shared with, another team's
// member, a stranger, signed out) is refused and nothing changes. The passkey actions × the
// same roles: each person acts on their own passkeys and password only. (Route handlers × roles are
// in tests/e2e/authz-matrix.e2e.ts; the fuzz suite posts to every action in the build.)
import { resetEnvCache } from "@/lib/env";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";
import { simulatorSuite } from "../../helpers/simulator-suite";

let actingAs: CurrentUser | null = null;
jest.mock("@/lib/sessions/session", () => ({
  requireUser: async () => {
    if (!actingAs) throw new (jest.requireActual("@/lib/errors").AppError)("unauthorized", "error.signIn");
    return actingAs;
  },
  getCurrentUser: async () => actingAs,
  requirePageUser: async () => actingAs,
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));
jest.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to}` });
  },
  unstable_rethrow: (err: unknown) => {
    if (String((err as { digest?: string })?.digest ?? "").startsWith("NEXT_REDIRECT")) throw err;
  },
}));
// No request here, so no cookies or headers to read the language from.
jest.mock("@/lib/i18n/server", () => ({
  ...jest.requireActual<object>("@/lib/i18n/server"),
  getLocale: async () => "en",
}));
jest.mock("@/lib/factors/step-up-with", () => ({ stepUpWith: async () => true }));
// The passkey actions keep their challenges and the step-up in cookies: one jar, the caller's.
const jar = new Map<string, string>();
jest.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers({ "x-request-id": "req-actions-matrix" }),
}));

const suite = simulatorSuite({ seed: "lifecycle-matrix", env: { REDIS_URL: "" } });
const mint = (account: string) => suite.mint(account);

it("replaceKeyAction: the key's owner only", async () => {
  const { addKeyForUser } = await import("@/lib/keys/add-key");
  const teams = await import("@/lib/teams/teams");
  const inv = await import("@/lib/teams/invitations");
  const shares = await import("@/lib/teams/shares");
  const { replaceKeyAction } = await import("@/lib/keys/replace-action");
  const owner = await newTestUser("m-owner");
  const admin = await newTestUser("m-admin");
  const member = await newTestUser("m-member");
  const other = await newTestUser("m-other");
  const stranger = await newTestUser("m-stranger");
  const teamId = await teams.createTeam(owner, "Matrix");
  for (const [u, role] of [
    [admin, "admin"],
    [member, "member"],
  ] as const) {
    const { token } = await inv.createInvitation(owner, teamId, u.email, role);
    await inv.acceptInvitation(u, token);
  }
  await teams.createTeam(other, "Elsewhere");
  const first = await mint("matrix");
  const added = await addKeyForUser({ user: owner, steppedUp: true }, { label: "Matrix key", key: first.key });
  if (!added.ok) throw new Error(added.message);
  const keyId = added.keyRowId;
  await shares.shareKey(owner, { keyId, teamId, hideAmounts: false, allowExport: true });

  const roles: [string, CurrentUser | null, boolean][] = [
    ["team admin", admin, false],
    ["team member", member, false],
    ["other team", other, false],
    ["stranger", stranger, false],
    ["signed out", null, false],
    ["key owner", owner, true],
  ];
  const outcomes: string[] = [];
  for (const [name, who, may] of roles) {
    const next = await mint("matrix");
    const fd = new FormData();
    fd.set("keyId", keyId);
    fd.set("key", next.key);
    actingAs = who;
    let outcome: string;
    try {
      const state = await replaceKeyAction({}, fd);
      outcome = state.message || state.fields ? "refused" : "no effect";
      if (may) outcome = JSON.stringify(state);
    } catch (e) {
      outcome = String((e as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")
        ? "redirect"
        : `threw ${String(e)}`;
    }
    actingAs = null;
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: keyId } });
    const done = row.keyId === next.jti;
    outcomes.push(`${name}: ${done ? "done" : outcome}`);
    expect([name, done, done ? "" : outcome]).toEqual([name, may, may ? "" : outcome]);
    if (!may) expect([name, outcome]).toEqual([name, "refused"]);
  }
  console.log(`replaceKeyAction × roles\n${outcomes.join("\n")}`);
  // Garbage input is refused as a form error, never a 500.
  actingAs = owner;
  const bad = new FormData();
  bad.set("keyId", "../../etc");
  bad.set("key", "");
  expect(await replaceKeyAction({}, bad)).toMatchObject({ code: "invalid_input" });
  actingAs = null;
});

it("stopKeyAction and cancelAllOrdersAction: the key's owner only; mark-read touches only the caller's own notifications", async () => {
  process.env.KEYDESK_REQUIRE_2FA_FOR_TRADE = "false";
  resetEnvCache();
  const { addKeyForUser } = await import("@/lib/keys/add-key");
  const teams = await import("@/lib/teams/teams");
  const inv = await import("@/lib/teams/invitations");
  const { stopKeyAction, cancelAllOrdersAction } = await import("@/lib/keys/stop-actions");
  const { markNotificationReadAction } = await import("@/lib/alerts/actions");
  const owner = await newTestUser("s-owner");
  const admin = await newTestUser("s-admin");
  const member = await newTestUser("s-member");
  const other = await newTestUser("s-other");
  const stranger = await newTestUser("s-stranger");
  const teamId = await teams.createTeam(owner, "Stop matrix");
  for (const [u, role] of [
    [admin, "admin"],
    [member, "member"],
  ] as const) {
    const { token } = await inv.createInvitation(owner, teamId, u.email, role);
    await inv.acceptInvitation(u, token);
  }
  await teams.createTeam(other, "Elsewhere 2");
  const minted = await suite.mint("stop-matrix", ["READ_ONLY", "TRADE"]);
  const added = await addKeyForUser(
    { user: owner, steppedUp: true },
    { label: "Stop matrix", key: minted.key, confirmTrade: "yes" },
  );
  if (!added.ok) throw new Error(added.message);
  const keyId = added.keyRowId;
  await db.keyShare.create({ data: { keyId, teamId } });
  const deletes = async () =>
    ((await (await fetch(`${suite.sim.controlUrl}/counters`)).json()) as { byMethod: Record<string, number> }).byMethod
      .DELETE ?? 0;

  const roles: [string, CurrentUser | null][] = [
    ["team admin", admin],
    ["team member", member],
    ["other team", other],
    ["stranger", stranger],
    ["signed out", null],
  ];
  const before = await deletes();
  for (const [name, who] of roles) {
    const fd = new FormData();
    fd.set("keyId", keyId);
    actingAs = who;
    const cancel = await cancelAllOrdersAction({}, fd);
    const stop = await stopKeyAction({}, fd);
    actingAs = null;
    expect([name, Boolean(cancel.message), Boolean(stop.message), cancel.cancelled]).toEqual([
      name,
      true,
      true,
      undefined,
    ]);
  }
  expect(await deletes()).toBe(before);
  expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).status).not.toBe("stopped");

  // The owner: cancel-all answers with the exchange's list; stop redirects and the key is stopped.
  const fd = new FormData();
  fd.set("keyId", keyId);
  actingAs = owner;
  expect((await cancelAllOrdersAction({}, fd)).cancelled).toEqual(expect.any(Array));
  expect(await deletes()).toBe(before + 1);
  // The stop asks for its one confirmation first, even in a step-up window; then it stops.
  expect(await stopKeyAction({}, fd)).toMatchObject({
    code: "needs_confirmation",
    fields: { confirm: [expect.any(String)] },
  });
  expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).status).not.toBe("stopped");
  fd.set("confirm", "stop");
  await expect(stopKeyAction({}, fd)).rejects.toMatchObject({ digest: expect.stringContaining("?stopped=1") });
  expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).status).toBe("stopped");
  // Garbage is a form error.
  const bad = new FormData();
  bad.set("keyId", "../../etc");
  expect(await stopKeyAction({}, bad)).toMatchObject({ code: "invalid_input" });

  // Mark read: another person's notification id changes nothing.
  const mine = await db.notification.create({ data: { userId: member.id, kind: "key_stopped" } });
  const read = new FormData();
  read.set("id", mine.id);
  actingAs = stranger;
  await markNotificationReadAction({}, read);
  expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toBeNull();
  actingAs = member;
  await markNotificationReadAction({}, read);
  expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toBeInstanceOf(Date);
  actingAs = null;
  await (await import("@/lib/alerts/queue")).stopBoss();
});

it("passkey actions: each person removes and uses only their own passkeys, turns off only their own password", async () => {
  const teams = await import("@/lib/teams/teams");
  const inv = await import("@/lib/teams/invitations");
  const { removePasskeyAction, passwordOffAction, setPasswordAction, passkeyRegisterOptionsAction } =
    await import("@/lib/passkeys/settings-actions");
  const { passkeyStepUpOptionsAction, passkeyStepUpAction } = await import("@/lib/passkeys/step-up-actions");
  const { grantStepUp } = await import("@/lib/factors/step-up");
  const withSession = async (u: CurrentUser) => ({
    ...u,
    sessionId: (await db.userSession.create({ data: { userId: u.id } })).id,
  });
  const owner = await withSession(await newTestUser("p-owner"));
  const admin = await withSession(await newTestUser("p-admin"));
  const member = await withSession(await newTestUser("p-member"));
  const other = await withSession(await newTestUser("p-other"));
  const stranger = await withSession(await newTestUser("p-stranger"));
  const teamId = await teams.createTeam(owner, "Passkey matrix");
  for (const [u, role] of [
    [admin, "admin"],
    [member, "member"],
  ] as const) {
    const { token } = await inv.createInvitation(owner, teamId, u.email, role);
    await inv.acceptInvitation(u, token);
  }
  await teams.createTeam(other, "Elsewhere 3");
  const passkey = (name: string) => ({
    userId: owner.id,
    credentialId: `cred-${name}-${owner.id}`,
    publicKey: new Uint8Array([1, 2, 3]),
    deviceType: "singleDevice",
    backedUp: false,
    name,
  });
  const [first] = await Promise.all(["A", "B", "C"].map((n) => db.passkey.create({ data: passkey(n) })));
  const ownerHash = (await db.user.findUniqueOrThrow({ where: { id: owner.id } })).passwordHash;
  const roles: [string, CurrentUser | null][] = [
    ["team admin", admin],
    ["team member", member],
    ["other team", other],
    ["stranger", stranger],
    ["signed out", null],
  ];
  const table: string[] = [];
  for (const [name, who] of roles) {
    jar.clear();
    actingAs = who;
    if (who) await grantStepUp(who, "passkey"); // even a fresh passkey step-up of their own changes nothing here
    const remove = new FormData();
    remove.set("passkeyId", first!.id);
    const removed = await removePasskeyAction({}, remove);
    const off = await passwordOffAction({}, new FormData());
    const set = new FormData();
    set.set("newPassword", "a brand new passphrase");
    set.set("repeatPassword", "a brand new passphrase");
    const reset = await setPasswordAction({}, set);
    const stepUp = await passkeyStepUpOptionsAction({}, new FormData());
    const forged = new FormData();
    forged.set("response", JSON.stringify({ id: first!.credentialId, rawId: first!.credentialId, type: "public-key" }));
    const stepped = await passkeyStepUpAction({}, forged);
    const register = await passkeyRegisterOptionsAction({}, new FormData());
    actingAs = null;
    const refusedAll = [removed, off, reset, stepUp, stepped].every((r) => !r.ok && Boolean(r.message));
    table.push(`${name}: ${refusedAll ? "refused" : JSON.stringify([removed, off, reset, stepUp, stepped])}`);
    expect([name, refusedAll]).toEqual([name, true]);
    // A signed-in person may register a passkey for themselves (options name them), nobody else.
    if (who) expect(register.creation?.user.name).toBe(who.email);
    else expect(register.ok).not.toBe(true);
  }
  console.log(`passkey actions × roles\n${table.join("\n")}`);
  expect(await db.passkey.count({ where: { userId: owner.id } })).toBe(3);
  const untouched = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
  expect([untouched.passwordHash, untouched.passwordOffAt]).toEqual([ownerHash, null]);

  // The owner: step-up options name only the owner's passkeys; removing and turning off work.
  jar.clear();
  actingAs = owner;
  const options = await passkeyStepUpOptionsAction({}, new FormData());
  expect(options.request?.allowCredentials?.map((c) => c.id).sort()).toEqual(
    ["A", "B", "C"].map((n) => `cred-${n}-${owner.id}`).sort(),
  );
  const remove = new FormData();
  remove.set("passkeyId", first!.id);
  expect(await removePasskeyAction({}, remove)).toMatchObject({ ok: true });
  expect(await db.passkey.count({ where: { id: first!.id } })).toBe(0);
  await grantStepUp(owner, "passkey");
  expect(await passwordOffAction({}, new FormData())).toMatchObject({ ok: true });
  expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).passwordHash).toBeNull();
  // Garbage is a form error.
  const bad = new FormData();
  bad.set("passkeyId", "../../etc");
  expect(await removePasskeyAction({}, bad)).toMatchObject({ message: expect.any(String) });
  actingAs = null;
});
