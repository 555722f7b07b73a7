import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { KEY_ID_IN_URL, ROW_ID, rowId } from "@/lib/ids";
import { keyIdParam } from "@/lib/keys/schemas";

describe("the one id pattern", () => {
  it("accepts a database id and refuses anything else", () => {
    expect(rowId().safeParse("cmabc123def456ghi789jk").success).toBe(true);
    expect(rowId().safeParse("short").success).toBe(false);
    expect(rowId().safeParse("CMABC123DEF456GHI789JK").success).toBe(false);
    expect(rowId().safeParse("cmabc123def456ghi789jk/../x").success).toBe(false);
    expect(keyIdParam.safeParse("CMABC123DEF456GHI789JK").success).toBe(true);
  });

  it("the address form of the pattern is the row id's, in either case", () => {
    expect(KEY_ID_IN_URL.toLowerCase().replace("a-za-z", "a-z")).toBe(ROW_ID);
  });

  it("no other module writes the pattern again", () => {
    const hits = execFileSync("git", ["grep", "-l", "-F", "0-9]{20,40}", "--", "app", "components", "lib"], {
      cwd: resolve(__dirname, "../../.."),
    })
      .toString()
      .trim()
      .split("\n");
    expect(hits).toEqual(["lib/ids.ts"]);
  });
});
