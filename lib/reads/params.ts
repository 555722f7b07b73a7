// Route parameter and query schemas shared by the read path's routes.
import { z } from "zod";
import { AppError } from "@/lib/errors";

export const orderIdParam = z.uuid("Not an order id.");

export function parseOrderId(raw: string): string {
  const r = orderIdParam.safeParse(raw);
  if (!r.success) throw new AppError("bad_request", "error.orderId", { reason: "INVALID_ORDER_ID" });
  return r.data;
}

export function wantsRefresh(url: string): boolean {
  return new URL(url).searchParams.get("refresh") === "1";
}
