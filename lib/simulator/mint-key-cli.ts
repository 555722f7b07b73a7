// `npm run -s simulator:key -- --scopes READ_ONLY,TRADE --ips 127.0.0.1 --account demo-1`
// Mints a key on the running simulator (control API) and prints only the key.
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const control = arg("control-url") ?? "http://127.0.0.1:4101";
  const scopes = (arg("scopes") ?? "READ_ONLY").split(",").map((s) => s.trim()).filter(Boolean);
  const ips = (arg("ips") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const res = await fetch(`${control}/keys`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scopes, ips, account: arg("account") ?? "demo-1" }),
  });
  const body = (await res.json()) as { key?: string; error?: string };
  if (!res.ok || !body.key) throw new Error(body.error ?? `control API answered ${res.status}`);
  process.stdout.write(`${body.key}\n`);
}

main().catch((err: unknown) => {
  console.error(`simulator:key: ${err instanceof Error ? err.message : String(err)} (is \`npm run simulator\` running?)`);
  process.exit(1);
});
