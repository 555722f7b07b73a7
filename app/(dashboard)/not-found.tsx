import Link from "next/link";

export default function DashboardNotFound() {
  return (
    <div className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">It doesn&apos;t exist, or it isn&apos;t shared with you.</p>
      <Link href="/keys" className="mt-3 inline-block text-sky-700 underline dark:text-sky-400">Back to your keys</Link>
    </div>
  );
}
