// The socket's address reaches a handler the way bin/start.ts hands it over (stampPeer
// on the Node request, then a fetch Request built from rawHeaders, as the fast path does, or
// from headers, as Next's adapter does). Over a real HTTP connection.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resetEnvCache } from "@/lib/env";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { stampPeer } from "@/lib/http/peer-address";

let server: Server;
let url: string;

function viaRawHeaders(req: IncomingMessage): Headers {
  const h = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) h.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return h;
}
function viaHeaders(req: IncomingMessage): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") h.set(k, v);
  return h;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    stampPeer(req);
    res.end(
      JSON.stringify({ raw: clientIpFromHeaders(viaRawHeaders(req)), next: clientIpFromHeaders(viaHeaders(req)) }),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  delete process.env.KEYDESK_TRUSTED_PROXIES;
  resetEnvCache();
  await new Promise((r) => server.close(r));
});

async function ipFor(xff?: string): Promise<{ raw: string; next: string }> {
  const res = await fetch(url, { headers: xff ? { "x-forwarded-for": xff } : {} });
  return (await res.json()) as { raw: string; next: string };
}

it("without trusted proxies, the socket's address wins over any X-Forwarded-For", async () => {
  delete process.env.KEYDESK_TRUSTED_PROXIES;
  resetEnvCache();
  expect(await ipFor()).toEqual({ raw: "127.0.0.1", next: "127.0.0.1" });
  for (const spoof of ["6.6.6.6", "1.1.1.1, 2.2.2.2", "127.0.0.2"])
    expect(await ipFor(spoof)).toEqual({ raw: "127.0.0.1", next: "127.0.0.1" });
});

it("with the loopback proxy trusted, the right-most untrusted X-Forwarded-For entry is the client", async () => {
  process.env.KEYDESK_TRUSTED_PROXIES = "127.0.0.1,10.0.0.0/8";
  resetEnvCache();
  expect(await ipFor("6.6.6.6, 203.0.113.5")).toEqual({ raw: "203.0.113.5", next: "203.0.113.5" });
  expect(await ipFor("6.6.6.6, 203.0.113.5, 10.2.3.4")).toEqual({ raw: "203.0.113.5", next: "203.0.113.5" });
});
