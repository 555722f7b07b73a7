// A keep-alive HTTP client with a bounded connection pool, for load generation.
import http from "node:http";

export function createClient(maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; ms: number }> {
    const started = performance.now();
    return new Promise((resolve) => {
      const req = http.get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
      });
      req.on("error", () => resolve({ status: 0, body: "", ms: performance.now() - started }));
      req.setTimeout(30_000, () => req.destroy());
    });
  };
}
