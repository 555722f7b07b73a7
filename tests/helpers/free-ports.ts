// Ports nobody is listening on right now, for a child server a test starts (npm run dev, npm
// test in a second checkout): fixed numbers collide with another checkout running the same test
// on a shared machine. All asked for at once, so they are distinct.
import { createServer, type Server } from "node:net";

export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = createServer();
      servers.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(0, "127.0.0.1", () => resolve());
      });
      const addr = s.address();
      if (!addr || typeof addr === "string") throw new Error("no port assigned");
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}
