// Route parameter and query schemas shared by the proxy routes.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { keyIdParam } from "@/lib/keys/schemas";

export const orderIdParam = z.uuid("Not an order id.");
export const refreshQuery = z.object({ refresh: z.enum(["1", "true"]).optional() });

export function parseKeyId(raw: string): string {
  const r = keyIdParam.safeParse(raw);
  // An impossible id is simply a key that isn't there.
  if (!r.success) throw new AppError("not_found", "This key doesn't exist or isn't shared with you.");
  return r.data;
}

export function parseOrderId(raw: string): string {
  const r = orderIdParam.safeParse(raw);
  if (!r.success) throw new AppError("bad_request", "That is not a valid order id.", { reason: "INVALID_ORDER_ID" });
  return r.data;
}

export function wantsRefresh(url: string): boolean {
  return new URL(url).searchParams.get("refresh") === "1";
}
