// Alerts on real PostgreSQL (pg-boss), the simulator and a local SMTP server:
// a key revoked at the exchange alerts its owner once (one e-mail, one notification), not again
// while it stays revoked; a delivery queued while no worker runs is delivered once after restart.
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import type { Balances } from "@/lib/exchange/schemas";
import { newTestUser } from "../../helpers/users";
import { simulatorSuite } from "../../helpers/simulator-suite";
import { unfinishedJobs } from "../../helpers/queue-idle";

let smtp: SMTPServer;
const mails: string[] = [];

// The mail server starts first: the suite's env names its port.
beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let body = "";
      stream.on("data", (c: Buffer) => (body += c.toString()));
      stream.on("end", () => {
        mails.push(`${session.envelope.rcptTo.map((r) => r.address).join(",")}\n${body}`);
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
});
const suite = simulatorSuite({
  seed: "alerts",
  env: () => ({ REDIS_URL: "", SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}` }),
  teardown: async () => {
    await (await import("@/lib/alerts/queue")).stopBoss();
    smtp.close();
  },
});

const until = async (ok: () => Promise<boolean>, ms = 10_000) => {
  for (const t0 = Date.now(); Date.now() - t0 < ms;) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out");
};

it("a revoked key alerts its owner once, and a pending delivery survives a worker restart", async () => {
  const { addKeyForUser } = await import("@/lib/keys/add-key");
  const { readKeyData } = await import("@/lib/reads/read");
  const { scanKeys } = await import("@/lib/alerts/scan");
  const queue = await import("@/lib/alerts/queue");
  const worker = await import("@/lib/workers");
  // Alerts other test files raised (new devices, members joining…) wait in the same queue; this
  // test is about its own alert, so it starts from an empty queue.
  await (await queue.getBoss()).purgeQueue(queue.DELIVER_QUEUE);
  const owner = await newTestUser("alerts-owner");
  const minted = await suite.mint();
  const r = await addKeyForUser({ user: owner, steppedUp: true }, { label: "Alerted", key: minted.key });
  if (!r.ok) throw new Error(r.message);
  await suite.revoke(minted.jti);
  await readKeyData<Balances>(owner, r.keyRowId, "balances", {}, (c, k) => c.getBalances(k), { refresh: true }).catch(
    () => undefined,
  );
  expect((await db.apiKey.findUniqueOrThrow({ where: { id: r.keyRowId } })).status).toBe("revoked");

  // Raised and queued while no worker runs (the app is down): nothing delivered yet.
  const states = () => db.alertState.findMany({ where: { subject: r.keyRowId, raisedAt: { not: null } } });
  const own = { keyIds: [r.keyRowId] };
  await scanKeys(new Date(), own);
  expect(await states()).toEqual([expect.objectContaining({ userId: owner.id, condition: "key_refused" })]);
  await queue.stopBoss();
  expect(await db.notification.count({ where: { userId: owner.id } })).toBe(0);
  // The app starts again: the stored job is delivered, once.
  worker.resetAlertWorker();
  await worker.startAlertWorker();
  // (Jobs other test files left in the shared queue are delivered here too: only the owner's count.)
  const ownMails = () => mails.filter((m) => m.startsWith(owner.email));
  // In the whole suite the queue holds other files' alerts before this one: up to a minute for them.
  await until(
    async () => ownMails().length >= 1 && (await db.notification.count({ where: { userId: owner.id } })) >= 1,
    60_000,
  );
  // Still revoked: further scans raise nothing.
  const raised = (await states()).map((s) => s.raisedAt?.getTime());
  await scanKeys(new Date(), own);
  await scanKeys(new Date(), own);
  expect((await states()).map((s) => s.raisedAt?.getTime())).toEqual(raised);
  // The scans sent whatever they would send before they returned: once the delivery queue is
  // idle, nothing more can arrive.
  await until(async () => (await unfinishedJobs(queue.DELIVER_QUEUE)) === 0, 60_000);
  expect(ownMails()).toHaveLength(1);
  expect(ownMails()[0]).toContain("Alerted");
  expect(await db.notification.findMany({ where: { userId: owner.id } })).toEqual([
    expect.objectContaining({ kind: "key_refused", keyRef: r.keyRowId }),
  ]);
  // Still failing 15 minutes after it was first seen: the "failing" alert goes out, once. (Scoped
  // to this key: a whole-deployment scan 16 minutes ahead would also raise every failing key the
  // suite's other files left, and this alert would queue behind hundreds of theirs.)
  await scanKeys(new Date(Date.now() + 16 * 60_000), own);
  await scanKeys(new Date(Date.now() + 17 * 60_000), own);
  expect((await states()).map((s) => s.condition).sort()).toEqual(["key_failing", "key_refused"]);
  await until(async () => (await db.notification.count({ where: { userId: owner.id } })) === 2, 30_000);
  // Working again: both conditions clear (they would alert again next time).
  await db.apiKey.update({ where: { id: r.keyRowId }, data: { status: "active" } });
  await scanKeys(new Date(), own);
  expect(await db.alertState.count({ where: { subject: r.keyRowId } })).toBe(0);
}, 120_000);
