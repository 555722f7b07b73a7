"use client";
// Add a passkey: an optional name and the step-up (password, or a passkey already registered),
// then the browser's own prompt. The options come from the server only after step-up; the new
// credential goes back for verification and is stored there (lib/passkeys/registration.ts).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { passkeyRegisterAction, passkeyRegisterOptionsAction } from "@/lib/passkeys/settings-actions";
import type { ActionState } from "@/lib/http/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { StepUpField } from "@/components/auth/step-up-field";
import { checkOptions, formWith, getAttestation } from "@/components/auth/passkey-browser";
import { useI18n } from "@/components/i18n/locale-provider";

export function AddPasskeyForm({ stepUpActive }: { stepUpActive: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<ActionState>({});

  async function add(form: HTMLFormElement) {
    setBusy(true);
    setState({});
    try {
      const fd = new FormData(form);
      const name = String(fd.get("name") ?? "").trim();
      const asked = await passkeyRegisterOptionsAction({}, fd);
      if (asked.fields) return setState(asked);
      const options = checkOptions(asked, t);
      if (!options.ok) return setState({ message: options.message, requestId: options.requestId });
      const made = await getAttestation(options.value.creation, t);
      if (!made.ok) return setState(made.message ? { message: made.message } : {});
      const saved = await passkeyRegisterAction({}, formWith({ response: made.value, name }));
      setState(saved);
      if (saved.ok) {
        form.reset();
        router.refresh();
      }
    } catch {
      setState({ message: t("passkey.unreachable") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void add(e.currentTarget);
      }}
    >
      {state.message ? (
        <Alert tone={state.ok ? "success" : "error"} reference={state.ok ? undefined : state.requestId}>
          {state.message}
        </Alert>
      ) : null}
      <TextField
        label={t("passkey.nameLabel")}
        name="name"
        maxLength={60}
        autoComplete="off"
        hint={t("passkey.nameHint")}
        errors={state.fields?.name}
      />
      <StepUpField
        stepUpActive={stepUpActive}
        label={t("passkey.passwordLabel")}
        id="add-passkey-password"
        errors={state.fields?.password}
      />
      <div>
        <Button type="submit" disabled={busy} aria-disabled={busy}>
          {busy ? t("passkey.adding") : t("passkey.add")}
        </Button>
      </div>
    </form>
  );
}
