import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-6 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing at this address, or you don&apos;t have access to it.</p>
      <Link href="/" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">Go to Keydesk</Link>
    </main>
  );
}
