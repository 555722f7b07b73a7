import Link from "next/link";
import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <section aria-labelledby="sign-in-title" className="flex flex-col gap-4">
      <h1 id="sign-in-title" className="text-xl font-semibold">Sign in</h1>
      <SignInForm next={typeof next === "string" ? next : undefined} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        New here? <Link href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"} className="text-sky-700 underline dark:text-sky-400">Create an account</Link>
      </p>
    </section>
  );
}
