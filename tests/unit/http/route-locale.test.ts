// route() answers in the reader's language: the keydesk-locale cookie, else Accept-Language.
import { AppError } from "@/lib/errors";

beforeAll(async () => {
  Object.assign(process.env, (await import("../../helpers/test-secrets")).TEST_SECRETS, {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://unused@127.0.0.1:1/unused",
  });
  (await import("@/lib/env")).resetEnvCache();
});

async function messageFor(err: Error, headers: Record<string, string>) {
  const { route } = await import("@/lib/http/route");
  const handler = route(async () => {
    throw err;
  });
  const res = await handler(new Request("http://localhost:3000/api/x", { headers }), { params: Promise.resolve({}) });
  return ((await res.json()) as { error: { message: string; code: string } }).error;
}

describe("route() error messages by language", () => {
  const notFound = () => new AppError("not_found", "error.keyNotFound");

  it("stays English by default and for English readers", async () => {
    expect((await messageFor(notFound(), {})).message).toBe("This key doesn't exist or isn't shared with you.");
    expect((await messageFor(notFound(), { "accept-language": "en-US,de;q=0.5" })).message).toMatch(/^This key/);
  });

  it("answers German readers in German (browser language or the cookie)", async () => {
    const de = "Diesen Schlüssel gibt es nicht, oder er ist nicht mit Ihnen geteilt.";
    expect((await messageFor(notFound(), { "accept-language": "de-DE,de;q=0.9" })).message).toBe(de);
    expect((await messageFor(notFound(), { cookie: "keydesk-locale=de", "accept-language": "en" })).message).toBe(de);
    const bug = await messageFor(new TypeError("x is undefined"), { cookie: "keydesk-locale=de" });
    expect(bug.code).toBe("internal");
    expect(bug.message).toMatch(/^Bei uns ist etwas schiefgegangen/);
  });

  it("fills the key's values in the reader's language, quoted messages too", async () => {
    const pacing = () => new AppError("rate_limited", "error.pacingIn", { values: { n: 7 }, retryAfterSeconds: 7 });
    expect((await messageFor(pacing(), { "accept-language": "de" })).message).toBe(
      "Keydesk drosselt die Anfragen, um unter den Limits der Börse zu bleiben. Aktualisierung in 7 s.",
    );
    expect((await messageFor(pacing(), {})).message).toBe(
      "Keydesk is pacing requests to stay under the exchange's limits. Refreshing in 7 s.",
    );
    const refused = new AppError("unprocessable", "teamErr.exchangeRefused", {
      values: { reason: { key: "exchange.revoked" } },
    });
    const de = await messageFor(refused, { cookie: "keydesk-locale=de" });
    expect(de.message).toContain("Dieser Schlüssel wurde an der Börse gelöscht");
    expect(de.message).not.toMatch(/revoked|exchange/);
  });
});
