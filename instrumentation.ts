// Next.js start-up hook: refuse to serve if stored keys need a master key the keyring lacks.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkKeyringAtStartup } = await import("@/lib/startup/check-keyring");
  await checkKeyringAtStartup();
}
