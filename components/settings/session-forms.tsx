"use client";
import { ActionForm } from "@/components/ui/action-form";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/lib/auth/session-actions";

export function RevokeSession({ sessionId }: { sessionId: string }) {
  return <ActionForm action={revokeSessionAction} hidden={{ sessionId }} submit="Sign out" pending="Signing out…" variant="secondary" />;
}
export function RevokeOthers() {
  return <ActionForm action={revokeOtherSessionsAction} submit="Sign out all other sessions" pending="Signing out…" variant="danger" />;
}
