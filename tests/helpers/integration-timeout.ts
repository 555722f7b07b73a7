jest.setTimeout(60_000);

// The exchange client keeps connections alive for a few seconds: close them with each test
// file so Jest can exit as soon as the run ends.
afterAll(async () => {
  await (await import("@/lib/limiter/exchange-client")).closeExchangeClient();
});

// Member reads gathered by this file's reads are written now, while its database is open, and
// their timer stops: a flush firing after the file ended would load modules into a torn-down
// Jest environment. Only when this file noted any (the module keeps its state on globalThis).
afterAll(async () => {
  if ((globalThis as { keydeskMemberReads?: unknown }).keydeskMemberReads)
    await (await import("@/lib/audit/member-reads")).closeMemberReads();
});
