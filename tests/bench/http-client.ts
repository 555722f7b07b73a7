// A keep-alive HTTP client with a bounded connection pool, for load generation.
import http from "node:http";

export function createClient(maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return function get(
    url: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string; ms: number; serverTiming?: string }> {
    const started = performance.now();
    return new Promise((resolve) => {
      const req = http.get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
            serverTiming: res.headers["server-timing"] as string | undefined,
          }),
        );
      });
      req.on("error", () => resolve({ status: 0, body: "", ms: performance.now() - started }));
      req.setTimeout(30_000, () => req.destroy());
    });
  };
}

/** Server-Timing header values → median milliseconds per phase (what the server spent where). */
export function phaseMedians(headers: (string | undefined)[]): Record<string, number> {
  const byPhase = new Map<string, number[]>();
  for (const h of headers) {
    for (const part of (h ?? "").split(",")) {
      const m = /^\s*([\w-]+);dur=([\d.]+)/.exec(part);
      if (m) (byPhase.get(m[1]!) ?? byPhase.set(m[1]!, []).get(m[1]!)!).push(Number(m[2]));
    }
  }
  return Object.fromEntries(
    [...byPhase].map(([p, v]) => [p, Math.round(v.sort((a, b) => a - b)[Math.floor(v.length / 2)]! * 100) / 100]),
  );
}
