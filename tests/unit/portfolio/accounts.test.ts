import { decideCounting, sharedAccountGroups } from "@/lib/portfolio/accounts";

const at = (min: number) => new Date(Date.UTC(2026, 11, 4, 12, min));
const key = (id: string, accountId: string, over: Partial<Parameters<typeof decideCounting>[0][number]> = {}) => ({
  id,
  accountId,
  status: "active",
  hideAmounts: false,
  value: { at: at(0), totalEur: "100.00" },
  ...over,
});

describe("which keys count in a total", () => {
  it("keys of one account count once: the freshest value the reader sees with amounts", () => {
    const d = decideCounting([
      key("a", "acc1", { value: { at: at(1), totalEur: "1" } }),
      key("b", "acc1", { value: { at: at(5), totalEur: "2" } }),
      key("c", "acc1", { hideAmounts: true, value: { at: at(9), totalEur: "3" } }),
      key("d", "acc2"),
    ]);
    expect(Object.fromEntries(d)).toEqual({
      a: { kind: "same_account", countedId: "b" },
      b: { kind: "counted" },
      c: { kind: "hidden" },
      d: { kind: "counted" },
    });
  });

  it("a key that can't be read never counts, even as its account's freshest", () => {
    const d = decideCounting([
      key("s", "acc1", { status: "stopped", value: { at: at(9), totalEur: "5" } }),
      key("r", "acc2", { status: "revoked" }),
      key("i", "acc3", { status: "ip_blocked" }),
      key("x", "acc4", { status: "invalid" }),
      key("ok", "acc1"),
      key("none", "acc5", { value: null }),
    ]);
    expect(d.get("s")).toEqual({ kind: "excluded", reason: "stopped" });
    expect(d.get("r")).toEqual({ kind: "excluded", reason: "revoked" });
    expect(d.get("i")).toEqual({ kind: "excluded", reason: "ip_blocked" });
    expect(d.get("x")).toEqual({ kind: "excluded", reason: "invalid" });
    expect(d.get("ok")).toEqual({ kind: "counted" });
    expect(d.get("none")).toEqual({ kind: "no_value" });
  });

  it("a tie on freshness goes to the first key listed", () => {
    const d = decideCounting([key("new", "acc1"), key("old", "acc1")]);
    expect(d.get("new")).toEqual({ kind: "counted" });
    expect(d.get("old")).toEqual({ kind: "same_account", countedId: "new" });
  });

  it("groups keys that share an account", () => {
    expect(sharedAccountGroups([key("a", "1"), key("b", "2"), key("c", "1")]).map((g) => g.map((k) => k.id))).toEqual([
      ["a", "c"],
    ]);
  });
});
