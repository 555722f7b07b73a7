// Member reads are counted in memory and written in batches: the counts are exact, one
// statement writes many, and a database failure keeps the counts for the next attempt.
import { db, disconnectDb } from "@/lib/db";
import { flushMemberReads, noteMemberRead } from "@/lib/audit/member-reads";
import { newTestUser } from "../../helpers/users";

afterAll(async () => {
  await disconnectDb();
});

async function countsFor(userIds: string[]) {
  const rows = await db.memberRead.findMany({ where: { userId: { in: userIds } } });
  return Object.fromEntries(
    rows.map((r) => [
      `${r.userId === userIds[0] ? "a" : "b"}:${r.keyRef}:${r.day.toISOString().slice(0, 10)}`,
      r.count,
    ]),
  );
}

it("counts every read exactly, per member, key and UTC day, across batches", async () => {
  const [a, b] = [await newTestUser("reader-a"), await newTestUser("reader-b")];
  const nearMidnight = new Date("2026-11-25T23:59:59.900Z");
  const afterMidnight = new Date("2026-11-26T00:00:00.100Z");
  for (let i = 0; i < 250; i++) noteMemberRead(a.id, "key-1", nearMidnight);
  for (let i = 0; i < 40; i++) noteMemberRead(a.id, "key-1", afterMidnight);
  for (let i = 0; i < 7; i++) noteMemberRead(b.id, "key-2", afterMidnight);
  await flushMemberReads();
  for (let i = 0; i < 10; i++) noteMemberRead(a.id, "key-1", nearMidnight);
  await Promise.all([flushMemberReads(), flushMemberReads()]);
  expect(await countsFor([a.id, b.id])).toEqual({
    "a:key-1:2026-11-25": 260,
    "a:key-1:2026-11-26": 40,
    "b:key-2:2026-11-26": 7,
  });
});

it("keeps the counts when the write fails and writes them on the next flush", async () => {
  const a = await newTestUser("reader-retry");
  const day = new Date("2026-11-26T12:00:00Z");
  for (let i = 0; i < 5; i++) noteMemberRead(a.id, "key-r", day);
  // The database fails once (the client behind lib/db's proxy, as a restart would).
  await db.$queryRaw`SELECT 1`;
  const client = (globalThis as unknown as { keydeskDb: { $executeRaw: (...a: unknown[]) => Promise<number> } })
    .keydeskDb;
  const spy = jest.spyOn(client, "$executeRaw").mockRejectedValueOnce(new Error("database is restarting"));
  await flushMemberReads();
  expect(await db.memberRead.count({ where: { userId: a.id } })).toBe(0);
  spy.mockRestore();
  noteMemberRead(a.id, "key-r", day);
  await flushMemberReads();
  expect((await db.memberRead.findFirstOrThrow({ where: { userId: a.id } })).count).toBe(6);
});
