// What the budget meter shows: this window's use of each budget layer (IP, the person, each of
// their exchange accounts) against its plan, any cool-down, and each account's share for the
// members of teams its keys are shared with (./reader-share.ts). Every layer is read at once.
import "server-only";
import type { Layer } from "./budget";
import type { UpstreamGate } from "./gate";

export async function usageReport(gate: UpstreamGate, egressIp: string, accountIds: string[], userId: string) {
  const plans = gate.budget.plans();
  const layer = async (l: Layer, k: string) => ({ usedThisWindow: await gate.budget.used(l, k), ...plans[l] });
  const [cooldowns, ip, user, accounts] = await Promise.all([
    gate.cooldowns.active(egressIp, accountIds),
    layer("ip", egressIp),
    layer("user", userId),
    Promise.all(
      accountIds.map(async (a) => ({
        accountId: a,
        ...(await layer("account", a)),
        members: {
          usedThisWindow: await gate.readers.memberCallsUsed(a),
          pointsPerWindow: gate.readers.memberCallsPerMinute,
          sharePercent: gate.readers.memberSharePercent,
        },
      })),
    ),
  ]);
  return {
    mode: gate.mode(),
    instanceCount: gate.instanceCount,
    ip: { key: egressIp, ...ip, blockedForMs: cooldowns.ip },
    user,
    accounts: accounts.map((a) => ({ ...a, cooldownMs: cooldowns.accounts[a.accountId] ?? 0 })),
  };
}
