// What a WebSocket session of either dialect keeps alike: its context, the account and key it
// authenticated with, the account watch behind its private channel, the sub-millisecond counter
// of its message times, sending, and the answers the hub asks of every session.
import type { Account } from "../ledger";
import type { SessionContext } from "./hub";
import type { AccountWatch } from "./account-watch";
import { wireJson } from "./json";

export abstract class SessionBase {
  protected account?: Account;
  protected jti?: string;
  protected watch?: AccountWatch;
  protected subMs = 0;

  constructor(protected readonly ctx: SessionContext) {}

  /** The next sub-millisecond part of a message time (a counter, so times never repeat). */
  protected nextSubMs(): number {
    this.subMs = (this.subMs + 7_919) % 1_000_000;
    return this.subMs;
  }

  protected send(message: object) {
    this.ctx.send(wireJson(message));
  }

  /** The dialect's error message. */
  protected abstract error(code: string): void;

  malformed() {
    this.error("MALFORMED_JSON");
  }

  keyId(): string | undefined {
    return this.jti;
  }

  watching(): string[] {
    return this.watch && this.account ? [this.account.id] : [];
  }
}
