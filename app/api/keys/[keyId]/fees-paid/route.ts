import { z } from "zod";
import { route } from "@/lib/http/route";
import { AppError } from "@/lib/errors";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { FEE_RANGES, readFeesPaid, type FeeRange } from "@/lib/reads/fees-paid";

export const dynamic = "force-dynamic";

const rangeSchema = z.enum(Object.keys(FEE_RANGES) as [FeeRange, ...FeeRange[]]).default("30d");

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const range = rangeSchema.safeParse(new URL(req.url).searchParams.get("range") ?? undefined);
  if (!range.success) throw new AppError("bad_request", "error.feesRange", { reason: "BAD_RANGE" });
  return readFeesPaid(user, key, range.data);
});
