// `npm run -s simulator:key -- --scopes READ_ONLY,TRADE --ips 127.0.0.1 --account demo-1 [--dialect fast]`
// Without --dialect a new account is on the running simulator's own dialect.
// Mints a key on the running simulator (control API) and prints only the key.
import { runProgram } from "./program";

runProgram({ name: "simulator:key", hint: "is `npm run simulator` running?" }, async ({ arg }) => {
  const control = arg("control-url") ?? "http://127.0.0.1:4101";
  const scopes = (arg("scopes") ?? "READ_ONLY")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ips = (arg("ips") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const res = await fetch(`${control}/keys`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      scopes,
      ips,
      account: arg("account") ?? "demo-1",
      ...(arg("dialect") ? { dialect: arg("dialect") } : {}),
    }),
  });
  const body = (await res.json()) as { key?: string; error?: string };
  if (!res.ok || !body.key) throw new Error(body.error ?? `control API answered ${res.status}`);
  process.stdout.write(`${body.key}\n`);
});
