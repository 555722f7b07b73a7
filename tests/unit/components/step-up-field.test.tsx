/** @jest-environment jsdom */
// The step-up every sensitive form asks for: the password, and "Use a passkey instead" for
// someone with passkeys (only the passkey once the password is off). Confirming with the passkey
// runs options → the browser's ceremony → the answer, clears a typed password, and then submits
// the form it sits in; a refusal is shown with its reference and submits nothing.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { clientMessages } from "@/lib/i18n/client";
import { SignInMethodsProvider } from "@/components/auth/sign-in-methods";
import { StepUpField } from "@/components/auth/step-up-field";

const calls: string[] = [];
let verdict: { ok?: boolean; message?: string; requestId?: string } = { ok: true };
jest.mock("@/lib/passkeys/step-up-actions", () => ({
  passkeyStepUpOptionsAction: async () => {
    calls.push("options");
    return { ok: true, origin: window.location.origin, request: { challenge: "c", rpId: "localhost" } };
  },
  passkeyStepUpAction: async (_p: unknown, fd: FormData) => {
    calls.push(`answer:${String(fd.get("response"))}`);
    return verdict;
  },
}));
jest.mock("@simplewebauthn/browser", () => ({
  browserSupportsWebAuthn: () => true,
  startAuthentication: async ({ optionsJSON }: { optionsJSON: { challenge: string } }) => {
    calls.push(`ceremony:${optionsJSON.challenge}`);
    return { id: "cred" };
  },
}));

function renderField(
  methods: { passkeys?: number; passwordOff?: boolean; passkeysAvailable?: boolean },
  onSubmit = jest.fn((e: Event) => e.preventDefault()),
) {
  const value = { passkeys: 0, passwordOff: false, passkeysAvailable: true, ...methods };
  const view = render(
    <LocaleProvider locale="en" messages={clientMessages("en")}>
      <SignInMethodsProvider value={value}>
        <form onSubmit={(e) => onSubmit(e.nativeEvent)} aria-label="form">
          <StepUpField stepUpActive={false} label="Your password" />
        </form>
      </SignInMethodsProvider>
    </LocaleProvider>,
  );
  return { ...view, onSubmit };
}

beforeEach(() => {
  calls.length = 0;
  verdict = { ok: true };
});

it("offers only the password to someone without passkeys, or where passkeys are off", async () => {
  renderField({ passkeys: 0 });
  renderField({ passkeys: 2, passkeysAvailable: false });
  renderField({ passkeys: 1 }); // the one that offers it (its button loads as its own chunk)
  expect(await screen.findAllByRole("button", { name: "Use a passkey instead" })).toHaveLength(1);
  expect(document.querySelectorAll('input[name="password"]')).toHaveLength(3);
});

it("confirms with a passkey, clears a typed password, then submits the form", async () => {
  const { onSubmit } = renderField({ passkeys: 1 });
  fireEvent.change(screen.getByLabelText("Your password"), { target: { value: "typed but not wanted" } });
  let typedAtSubmit: string | null = null;
  onSubmit.mockImplementation((e: Event) => {
    e.preventDefault();
    typedAtSubmit = String(new FormData(e.target as HTMLFormElement).get("password"));
  });
  fireEvent.click(await screen.findByRole("button", { name: "Use a passkey instead" }));
  await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
  expect(calls).toEqual(["options", "ceremony:c", 'answer:{"id":"cred"}']);
  expect(typedAtSubmit).toBe("");
  expect(await screen.findByText("Confirmed with your passkey.")).toBeInTheDocument();
  expect(screen.queryByLabelText("Your password")).toBeNull();
});

it("shows a refusal with its reference and submits nothing", async () => {
  verdict = { message: "That passkey belongs to another account. Use one of your own.", requestId: "req-1" };
  const { onSubmit } = renderField({ passkeys: 1 });
  fireEvent.click(await screen.findByRole("button", { name: "Use a passkey instead" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("belongs to another account");
  expect(screen.getByTestId("error-reference")).toHaveTextContent("req-1");
  expect(onSubmit).not.toHaveBeenCalled();
});

it("with the password off, asks for the passkey only", async () => {
  renderField({ passkeys: 2, passwordOff: true });
  expect(await screen.findByRole("button", { name: "Confirm with a passkey" })).toBeInTheDocument();
  expect(screen.queryByLabelText("Your password")).toBeNull();
});

it("says where passkeys work when the page is open at another address, and asks the browser nothing", async () => {
  const actions = jest.requireMock("@/lib/passkeys/step-up-actions") as {
    passkeyStepUpOptionsAction: () => Promise<unknown>;
  };
  const original = actions.passkeyStepUpOptionsAction;
  actions.passkeyStepUpOptionsAction = async () => ({ ok: true, origin: "https://keydesk.example.com", request: {} });
  try {
    renderField({ passkeys: 1 });
    fireEvent.click(await screen.findByRole("button", { name: "Use a passkey instead" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Passkeys work only at https://keydesk.example.com");
    expect(calls.filter((c) => c.startsWith("ceremony"))).toEqual([]);
  } finally {
    actions.passkeyStepUpOptionsAction = original;
  }
});
