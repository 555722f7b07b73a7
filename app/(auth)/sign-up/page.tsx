import Link from "next/link";
import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <section aria-labelledby="sign-up-title" className="flex flex-col gap-4">
      <h1 id="sign-up-title" className="text-xl font-semibold">Create your account</h1>
      <SignUpForm next={typeof next === "string" ? next : undefined} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Already have an account? <Link href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"} className="text-sky-700 underline dark:text-sky-400">Sign in</Link>
      </p>
    </section>
  );
}
