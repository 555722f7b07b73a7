// A section whose feature has not shipped yet: says plainly what it will hold. No fake data.
export function ComingSection({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby="section-title" className="flex flex-col gap-3">
      <h1 id="section-title" className="text-2xl font-semibold">{title}</h1>
      <div className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300">{children}</div>
    </section>
  );
}
