"use client";
import { useFormStatus } from "react-dom";
import { Button } from "./button";

export function SubmitButton({
  children,
  pendingText,
  variant,
  disabled = false,
}: {
  children: React.ReactNode;
  pendingText: string;
  variant?: "primary" | "secondary" | "danger";
  /** Not submittable yet (the form says why). */
  disabled?: boolean;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending || disabled} aria-disabled={pending || disabled}>
      {pending ? pendingText : children}
    </Button>
  );
}
