// The activity page's member reads: a key's owner sees reads only by
// members of teams the owner belongs to, even when the key is still shared with another team
// (the owner left it or was removed from it).
import { db, disconnectDb } from "@/lib/db";
import { flushMemberReads, noteMemberRead } from "@/lib/audit/member-reads";
import { memberReads, activityQuerySchema } from "@/lib/audit/query";
import { createTeam } from "@/lib/teams/teams";
import { acceptInvitation, createInvitation } from "@/lib/teams/invitations";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";

afterAll(async () => {
  await disconnectDb();
});

async function join(owner: CurrentUser, teamId: string, member: CurrentUser) {
  const { token } = await createInvitation(owner, teamId, member.email, "member");
  await acceptInvitation(member, token);
}

it("an owner sees member reads only from teams they belong to", async () => {
  const [owner, mine, other, otherAdmin] = await Promise.all(
    ["ar-owner", "ar-mine", "ar-other", "ar-oadmin"].map((p) => newTestUser(p)),
  );
  const key = await db.apiKey.create({
    // The row only (no exchange involved): reads are counted by key id.
    data: {
      ownerId: owner!.id,
      label: "Shared key",
      keyId: `jti-${owner!.id}`,
      accountId: `acct-${owner!.id}`,
      scopes: ["READ_ONLY"],
      ips: [],
      fragment: "…abcd",
      secretCiphertext: new Uint8Array([1]),
      secretWrappedKey: new Uint8Array([1]),
      masterKeyVersion: "v1",
    },
  });
  const myTeam = await createTeam(owner!, "Owner's team");
  await join(owner!, myTeam, mine!);
  const foreignTeam = await createTeam(otherAdmin!, "Not the owner's team");
  await join(otherAdmin!, foreignTeam, other!);
  await db.keyShare.createMany({
    data: [
      { keyId: key.id, teamId: myTeam },
      { keyId: key.id, teamId: foreignTeam },
    ],
  });

  const day = new Date();
  for (let i = 0; i < 3; i++) noteMemberRead(mine!.id, key.id, day);
  for (let i = 0; i < 4; i++) noteMemberRead(other!.id, key.id, day);
  await flushMemberReads();

  const seen = await memberReads(owner!, activityQuerySchema.parse({}));
  expect(seen.filter((r) => r.keyRef === key.id).map((r) => ({ member: r.member, reads: r.reads }))).toEqual([
    { member: mine!.email, reads: 3 },
  ]);
  // Leaving the team hides its members' reads too.
  await db.teamMember.deleteMany({ where: { teamId: myTeam, userId: owner!.id } });
  expect((await memberReads(owner!, activityQuerySchema.parse({}))).filter((r) => r.keyRef === key.id)).toEqual([]);
});
