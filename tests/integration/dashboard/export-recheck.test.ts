// A long export re-checks the session and the key's export access as it goes: a
// session revoked, a share removed or export turned off mid-export stops it
// within the re-check interval (here every 2 pages instead of 20, to keep the test short).
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";

let sim: RunningSimulator;
let mod: {
  startExport: typeof import("@/lib/export/run").startExport;
  addKeyForUser: typeof import("@/lib/keys/add-key").addKeyForUser;
  createTeam: typeof import("@/lib/teams/teams").createTeam;
  createInvitation: typeof import("@/lib/teams/invitations").createInvitation;
  acceptInvitation: typeof import("@/lib/teams/invitations").acceptInvitation;
  shareKey: typeof import("@/lib/teams/shares").shareKey;
};
const RECHECK = 2;
/** Pages that may still come after a change: up to the next check, plus the one read ahead before it. */
const AT_MOST_AFTER = RECHECK + 1;
const range = () => ({
  kind: "orders" as const,
  from: new Date(Date.now() - 365 * 86_400_000).toISOString(),
  to: new Date().toISOString(),
  status: "all" as const,
});

/** A user with a real session row, as requireUser() would return them. */
async function signedIn(prefix: string): Promise<CurrentUser> {
  const u = await newTestUser(prefix);
  const s = await db.userSession.create({ data: { userId: u.id } });
  return { ...u, sessionId: s.id };
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "export-recheck", warm: ["demo-busy"] });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
  });
  resetEnvCache();
  mod = {
    startExport: (await import("@/lib/export/run")).startExport,
    addKeyForUser: (await import("@/lib/keys/add-key")).addKeyForUser,
    createTeam: (await import("@/lib/teams/teams")).createTeam,
    createInvitation: (await import("@/lib/teams/invitations")).createInvitation,
    acceptInvitation: (await import("@/lib/teams/invitations")).acceptInvitation,
    shareKey: (await import("@/lib/teams/shares")).shareKey,
  };
  // demo-busy's 50,000 orders are generated on first use (seconds): outside the timed calls.
  await fetch(`${sim.url}/account/orders`, { headers: { authorization: `Bearer ${sim.demoKeys["demo-busy"]!.key}` } });
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

async function busyKey(owner: CurrentUser): Promise<string> {
  const r = await mod.addKeyForUser(
    { user: owner, steppedUp: true },
    { label: "Busy", key: sim.demoKeys["demo-busy"]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}

/** Reads `pages` data chunks, runs `change`, then reads on: the error and how many more pages came. */
async function interrupt(
  stream: ReadableStream<Uint8Array>,
  pages: number,
  change: () => Promise<unknown>,
): Promise<{ error: unknown; pagesAfter: number }> {
  const reader = stream.getReader();
  await reader.read(); // the header
  for (let i = 0; i < pages; i++) expect((await reader.read()).done).toBe(false);
  await change();
  let pagesAfter = 0;
  try {
    for (;;) {
      const { done } = await reader.read();
      if (done) return { error: null, pagesAfter };
      pagesAfter++;
    }
  } catch (error) {
    return { error, pagesAfter };
  }
}

it("a session revoked mid-export stops the export", async () => {
  const owner = await signedIn("exp-owner");
  const keyId = await busyKey(owner);
  const { stream } = await mod.startExport(owner, keyId, range(), { recheckEveryPages: RECHECK });
  const { error, pagesAfter } = await interrupt(stream, 3, () =>
    db.userSession.update({ where: { id: owner.sessionId }, data: { revokedAt: new Date() } }),
  );
  expect(error).toMatchObject({
    code: "unauthorized",
    messageKey: "auth.exportSessionEnded", // "Your session ended while the export ran …"
  });
  expect(pagesAfter).toBeLessThanOrEqual(AT_MOST_AFTER);
  let audit = null;
  for (let i = 0; i < 20 && !audit; i++) {
    audit = await db.auditEvent.findFirst({ where: { action: "export.run", keyRef: keyId }, orderBy: { at: "desc" } });
    if (!audit) await new Promise((r) => setTimeout(r, 100)); // written after the stream ends
  }
  expect(audit).toMatchObject({ outcome: "failure", detail: expect.objectContaining({ error: "unauthorized" }) });
});

it("a share removed, or export turned off, mid-export stops a member's export", async () => {
  const owner = await signedIn("exp-kowner");
  const member = await signedIn("exp-member");
  const keyId = await busyKey(owner);
  const teamId = await mod.createTeam(owner, "Export team");
  const { token } = await mod.createInvitation(owner, teamId, member.email, "member");
  await mod.acceptInvitation(member, token);
  await db.apiKey.update({ where: { id: keyId }, data: { scopes: ["READ_ONLY"] } });
  await mod.shareKey(owner, { keyId, teamId, hideAmounts: false, allowExport: true });

  const first = await mod.startExport(member, keyId, range(), { recheckEveryPages: RECHECK });
  const off = await interrupt(first.stream, 3, () =>
    db.keyShare.update({ where: { keyId_teamId: { keyId, teamId } }, data: { allowExport: false } }),
  );
  expect(off.error).toMatchObject({ messageKey: "auth.exportAccessEnded" }); // "You may no longer export this key …"
  expect(off.pagesAfter).toBeLessThanOrEqual(AT_MOST_AFTER);

  await db.keyShare.update({ where: { keyId_teamId: { keyId, teamId } }, data: { allowExport: true } });
  const second = await mod.startExport(member, keyId, range(), { recheckEveryPages: RECHECK });
  const removed = await interrupt(second.stream, 3, () =>
    db.keyShare.delete({ where: { keyId_teamId: { keyId, teamId } } }),
  );
  expect(removed.error).toMatchObject({ code: "not_found" });
  expect(removed.pagesAfter).toBeLessThanOrEqual(AT_MOST_AFTER);
});
