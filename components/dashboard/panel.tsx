// A titled section with its freshness line: the frame every exchange-backed widget uses.
export function Panel({
  title,
  id,
  actions,
  children,
}: {
  title: string;
  id: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </header>
      {children}
    </section>
  );
}
