// Reads Server-Sent Events from a Response body (the route handler's own stream): events as they
// arrive, and waiting for one that matches, with no fixed sleep.
export interface SseEvent {
  event: string;
  data: string;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  private buffer = "";
  private waiters: (() => void)[] = [];
  closed = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
    void this.pump();
  }

  private async pump() {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = this.buffer.indexOf("\n\n")) >= 0) {
          const block = this.buffer.slice(0, i);
          this.buffer = this.buffer.slice(i + 2);
          const ev: SseEvent = { event: "message", data: "" };
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) ev.event = line.slice(7);
            else if (line.startsWith("data: ")) ev.data += line.slice(6);
          }
          this.events.push(ev);
        }
        this.wake();
      }
    } catch {
      // cancelled
    }
    this.closed = true;
    this.wake();
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** The first event from index `from` on that matches; rejects if the stream closes first. */
  async next(match: (e: SseEvent) => boolean, from = 0): Promise<SseEvent> {
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      if (this.closed) throw new Error(`stream closed; events: ${this.events.map((e) => e.event).join(",")}`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /** Resolves when the stream has ended. */
  async ended(): Promise<void> {
    while (!this.closed) await new Promise<void>((r) => this.waiters.push(r));
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
