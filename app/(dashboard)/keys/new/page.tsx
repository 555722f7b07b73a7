import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { stepUpSecondsLeft } from "@/lib/auth/step-up";
import { AddKeyForm } from "@/components/keys/add-key-form";

export const metadata: Metadata = { title: "Add a key" };

export default async function AddKeyPage() {
  const user = await requirePageUser();
  const stepUpActive = (await stepUpSecondsLeft(user)) > 0;
  return (
    <section aria-labelledby="add-key-title" className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 id="add-key-title" className="text-2xl font-semibold">Add an exchange API key</h1>
      <div className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100">
        <p><strong>Use a Read-only key.</strong> Keydesk only reads balances and history; Read is all it needs. Keys with Trade or Withdraw work, but if one ever leaked, it could be used to trade or move your money.</p>
        <p className="mt-1">The exchange shows a key once. <Link href="/help/troubleshooting#create-key" className="underline">How to create one</Link>.</p>
      </div>
      <AddKeyForm stepUpActive={stepUpActive} />
    </section>
  );
}
