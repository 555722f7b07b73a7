"use client";
// How the signed-in person can confirm it's them, for every step-up field on the page: how many
// passkeys they have, whether their password is off, and whether passkeys work on this server.
// The dashboard layout provides it; outside it (tests, auth pages) nothing offers a passkey.
import { createContext, useContext } from "react";

interface SignInMethodsValue {
  passkeys: number;
  passwordOff: boolean;
  passkeysAvailable: boolean;
}

const Ctx = createContext<SignInMethodsValue>({ passkeys: 0, passwordOff: false, passkeysAvailable: false });

export function SignInMethodsProvider({ value, children }: { value: SignInMethodsValue; children: React.ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSignInMethods(): SignInMethodsValue {
  return useContext(Ctx);
}
