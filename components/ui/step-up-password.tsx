// The password a sensitive form asks for, unless a step-up is already live (lib/factors/step-up).
// Shown again when the server refused the password, with its error. One field for every form
// that needs it: add and replace a key, delete, stop, cancel all orders, share, two-factor (each
// through components/auth/step-up-field.tsx, which offers a passkey beside it).
import { TextField } from "./text-field";

export function StepUpPassword({
  stepUpActive,
  errors,
  label,
  id,
  hint,
}: {
  stepUpActive: boolean;
  errors?: string[];
  label: string;
  id?: string;
  hint?: string;
}) {
  if (stepUpActive && !errors) return null;
  return (
    <TextField
      label={label}
      id={id}
      hint={hint}
      name="password"
      type="password"
      autoComplete="current-password"
      errors={errors}
    />
  );
}
