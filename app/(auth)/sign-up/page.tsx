import Link from "next/link";
import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <section aria-labelledby="sign-up-title" className="flex flex-col gap-4">
      <h1 id="sign-up-title" className="text-xl font-semibold">Create your account</h1>
      <SignUpForm />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Already have an account? <Link href="/sign-in" className="text-sky-700 underline dark:text-sky-400">Sign in</Link>
      </p>
    </section>
  );
}
