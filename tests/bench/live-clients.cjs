/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded without a TypeScript loader */
// bench:live's browser-like SSE clients, in a worker thread per Keydesk instance (plain JS, so
// the worker needs no loader): the clients' parsing runs beside, not inside, the simulator's
// event loop, as browsers would. Commands from the main thread: status, record on/off (answers
// the latencies), ticksAfter t0 (answers the seconds until a price newer than t0 arrives), close.
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");

const clients = [];
let recording = false;
let waitingFor = null;

let closing = false;

/** Connects (again): as EventSource does, a stream that fails or ends is retried after a second. */
function connect(c, v) {
  c.req = http.get(
    {
      host: "127.0.0.1",
      port: workerData.port,
      path: `/api/live?keys=${v.keyId}`,
      agent: false,
      headers: { cookie: v.cookie, accept: "text/event-stream" },
    },
    (res) => {
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (!block.startsWith("event: portfolio")) continue;
          const at = Date.now();
          const m = /"priceTimeMs":(\d+)/.exec(block);
          c.events++;
          if (!m) continue;
          const priceMs = Number(m[1]);
          if (recording && priceMs > c.lastPriceMs) c.latencies.push(at - priceMs);
          c.lastPriceMs = Math.max(c.lastPriceMs, priceMs);
          if (waitingFor !== null && priceMs > waitingFor) {
            parentPort.postMessage({ t: "ticksAfter", seconds: (at - waitingFor) / 1000 });
            waitingFor = null;
          }
        }
      });
      res.on("error", () => undefined);
      res.on("close", () => retry(c, v));
    },
  );
  c.req.on("error", () => retry(c, v));
}

function retry(c, v) {
  if (closing || c.retrying) return;
  c.retrying = true;
  c.retries++;
  setTimeout(() => {
    c.retrying = false;
    if (!closing) connect(c, v);
  }, 1_000);
}

function open(v) {
  const c = { events: 0, lastPriceMs: 0, latencies: [], req: null, retries: 0, retrying: false };
  connect(c, v);
  clients.push(c);
}

async function start() {
  for (const [i, v] of workerData.viewers.entries()) {
    open(v);
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20)); // tabs open over a moment
  }
}

parentPort.on("message", (m) => {
  if (m.cmd === "status")
    parentPort.postMessage({
      t: "status",
      withEvents: clients.filter((c) => c.events > 0).length,
      total: clients.length,
      retries: clients.reduce((s, c) => s + c.retries, 0),
    });
  else if (m.cmd === "record") {
    recording = m.on;
    if (!m.on) parentPort.postMessage({ t: "latencies", values: clients.flatMap((c) => c.latencies) });
  } else if (m.cmd === "ticksAfter") waitingFor = m.t0;
  else if (m.cmd === "close") {
    closing = true;
    for (const c of clients) c.req.destroy();
    parentPort.postMessage({ t: "closed" });
  }
});

void start();
