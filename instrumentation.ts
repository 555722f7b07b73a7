// Next.js start-up hook: refuse to serve if stored keys need a master key the keyring lacks,
// hand the API router to `npm start`'s server when it asks (lib/http/direct-api.ts), then start
// the market stream and the trading streams (lib/market) and the alert and portfolio workers
// (pg-boss on the same PostgreSQL) once in this process.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkKeyringAtStartup } = await import("@/lib/keys/keyring-check");
  await checkKeyringAtStartup();
  const { directApiWanted, provideDirectApi } = await import("@/lib/http/direct-api");
  if (directApiWanted()) provideDirectApi((await import("@/app/api/_routes")).api);
  const { getEnv } = await import("@/lib/env");
  // The market stream runs on every instance (one leads): prices are on hand before the first page.
  const { getMarketStream } = await import("@/lib/market/instance");
  getMarketStream();
  // So do the Trade keys' TRADING connections (one instance holds them; every instance hears a
  // stop or delete and passes it on, so the connection ends at once wherever it was pressed).
  const { getTradingStreams } = await import("@/lib/market/trading-instance");
  getTradingStreams();
  if (!getEnv().KEYDESK_ALERT_WORKER) return;
  const { startAlertWorker } = await import("@/lib/workers");
  await startAlertWorker();
  const { startPortfolioWorker } = await import("@/lib/portfolio/worker");
  await startPortfolioWorker();
}
