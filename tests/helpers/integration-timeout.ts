jest.setTimeout(60_000);

// The exchange client keeps connections alive for a few seconds: close them with each test
// file so Jest can exit as soon as the run ends.
afterAll(async () => {
  await (await import("@/lib/exchange/instance")).closeExchangeClient();
});
