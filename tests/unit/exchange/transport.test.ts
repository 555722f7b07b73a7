// The exchange client's transport against a local HTTP server: what reaches the exchange,
// and how each kind of bad answer becomes a typed error.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createExchangeClient as create } from "@/lib/exchange/client";
import { ExchangeError } from "@/lib/exchange/errors";

const opened: ReturnType<typeof create>[] = [];
function createExchangeClient(opts: Parameters<typeof create>[0]) {
  const c = create(opts);
  opened.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

let server: http.Server;
let base: string;
let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;

beforeAll(async () => {
  server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/public/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const BALANCES = {
  account_id: "5b9a1f6e-1111-4c3b-8a7e-2d4c6b8a9e10",
  balances: [
    {
      account_id: "5b9a1f6e-1111-4c3b-8a7e-2d4c6b8a9e10",
      currency_code: "EUR",
      change: "0.00",
      available: "1234.5600",
      locked: "0.0000",
      sequence: 1,
      time: "2026-11-26T12:00:00.000Z",
    },
  ],
};

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "resolved";
  } catch (err) {
    return err instanceof ExchangeError ? err.code : `other: ${String(err)}`;
  }
}

describe("exchange client transport", () => {
  it("sends the key only as a bearer header, reads the remaining quota", async () => {
    let seen: http.IncomingHttpHeaders = {};
    let url = "";
    handler = (req, res) => {
      seen = req.headers;
      url = req.url ?? "";
      res.setHeader("content-type", "application/json");
      res.setHeader("bp-remaining-quota", "173");
      res.end(JSON.stringify(BALANCES));
    };
    const client = createExchangeClient({ baseUrl: base });
    const r = await client.getBalances("  eyJ.key.sig  ");
    expect(seen.authorization).toBe("Bearer eyJ.key.sig");
    expect(url).toBe("/public/v1/account/balances");
    expect(r.remainingQuota).toBe(173);
    expect(r.data.balances[0]!.available).toBe("1234.5600");
  });

  it("an answer that never comes is a timeout; a refused connection is unreachable", async () => {
    handler = () => undefined; // never answers
    expect(await code(createExchangeClient({ baseUrl: base, timeoutMs: 200 }).getBalances("k"))).toBe(
      "upstream_timeout",
    );
    expect(
      await code(createExchangeClient({ baseUrl: "http://127.0.0.1:1/public/v1", timeoutMs: 500 }).getBalances("k")),
    ).toBe("upstream_unreachable");
  });

  it("a body that stalls halfway is a timeout; a dropped connection is unreachable", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
      res.write('{"account_id":');
    };
    expect(await code(createExchangeClient({ baseUrl: base, timeoutMs: 300 }).getBalances("k"))).toBe(
      "upstream_timeout",
    );
    handler = (req) => req.socket.destroy();
    expect(await code(createExchangeClient({ baseUrl: base }).getBalances("k"))).toBe("upstream_unreachable");
  });

  it("garbage, a wrong shape and an endless body are bad responses", async () => {
    handler = (_req, res) => res.end("<html>gateway</html>");
    expect(await code(createExchangeClient({ baseUrl: base }).getBalances("k"))).toBe("upstream_bad_response");
    handler = (_req, res) => res.end(JSON.stringify({ balances: "none" }));
    expect(await code(createExchangeClient({ baseUrl: base }).getBalances("k"))).toBe("upstream_bad_response");
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 9; i++) res.write(chunk);
      res.end("{}");
    };
    expect(await code(createExchangeClient({ baseUrl: base }).getBalances("k"))).toBe("upstream_bad_response");
  });
});
