"use client";
// A key refused by the exchange reads "Revoked" (or "IP blocked", "Invalid") everywhere at once:
// the first answer that says so (stale data labelled with the refusal, or the refusal itself)
// refreshes the page's server parts once, so its status badge, notices and actions follow the
// status the server has just stored (lib/keys/status.ts), without waiting for a reload.
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import type { AppError } from "@/lib/errors";

const REFUSED_STALE = new Set(["key_revoked", "key_rejected"]);
const REFUSED_CODES = new Set([
  "APIKEY_REVOKED",
  "APIKEY_EXPIRED",
  "INVALID_IP_RESTRICTION",
  "INVALID_APIKEY",
  "INVALID_CREDENTIALS",
]);

export function saysKeyRefused(data: unknown, error: AppError | undefined): boolean {
  const reason = (data as { staleReason?: unknown } | undefined)?.staleReason;
  if (typeof reason === "string" && REFUSED_STALE.has(reason)) return true;
  return Boolean(error?.reason && REFUSED_CODES.has(error.reason));
}

export function useRefreshOnKeyRefusal(data: unknown, error: AppError | undefined): void {
  const router = useRouter();
  const done = useRef(false);
  const refused = saysKeyRefused(data, error);
  useEffect(() => {
    if (!refused || done.current) return;
    done.current = true;
    router.refresh();
  }, [refused, router]);
}
