import type { Metadata } from "next";

export const metadata: Metadata = { title: "Troubleshooting exchange keys" };

const SECTIONS = [
  {
    id: "lost-key",
    title: "I lost my key",
    body: (
      <>
        <p>The exchange shows an API key exactly once, when you create it, and never again: not to you, not to support, not to Keydesk. Keydesk can&apos;t show it either; it only ever uses it on the server.</p>
        <p>If you no longer have a key, delete it at the exchange and create a new one (steps below), then add the new key here and delete the old entry.</p>
      </>
    ),
  },
  {
    id: "create-key",
    title: "Creating a key at the exchange",
    body: (
      <ol className="list-decimal space-y-1 pl-5">
        <li>Sign in to the exchange, open the menu under your user icon and choose <strong>API</strong>.</li>
        <li>Choose <strong>New API key</strong> and give it a name.</li>
        <li>Tick only the permissions you need. For Keydesk, <strong>Read</strong> is enough.</li>
        <li>Optionally restrict the key to up to five IPv4 or IPv6 addresses (see below).</li>
        <li>Confirm with your two-factor code if you use one.</li>
        <li>Open the confirmation e-mail and click its link. <strong>The link expires after 30 minutes</strong>; always use the newest e-mail.</li>
        <li>The key appears in a pop-up. Copy it now: this is the only time it is shown.</li>
      </ol>
    ),
  },
  {
    id: "confirmation-email",
    title: "The confirmation e-mail didn't arrive or the link expired",
    body: <p>Check your spam folder, and make sure you use the link from the most recent e-mail: each new attempt invalidates older links, and every link expires after 30 minutes. If it expired, start the key creation again.</p>,
  },
  {
    id: "permissions",
    title: "What Read, Trade and Withdraw allow",
    body: (
      <ul className="list-disc space-y-1 pl-5">
        <li><strong>Read</strong>: look at everything: balances, market prices, order and transaction history. It cannot change anything.</li>
        <li><strong>Trade</strong>: place and cancel orders. Anyone holding the key can buy and sell with your funds.</li>
        <li><strong>Withdraw</strong>: move funds in and out of your account, including to outside wallets. Anyone holding such a key can send your money away.</li>
      </ul>
    ),
  },
  {
    id: "ip-restriction",
    title: "The key is restricted to other IP addresses",
    body: (
      <>
        <p>A key can be limited to up to five IP addresses. The exchange then refuses every request from any other address, including this Keydesk server&apos;s.</p>
        <p>The key&apos;s page shows its allow-list and, when known, this server&apos;s address. The allow-list is part of the key itself and cannot be edited: create a new key that lists this server&apos;s address, add it here, and delete the old one.</p>
      </>
    ),
  },
  {
    id: "revoked",
    title: "The key was deleted (revoked) at the exchange",
    body: <p>A deleted key cannot be brought back. Create a new key, add it to Keydesk, and delete the old entry here.</p>,
  },
  {
    id: "rate-limit",
    title: "\u201cToo many requests\u201d (HTTP 429)",
    body: (
      <>
        <p>The exchange allows about 240 requests a minute from one IP address; crossing that blocks the address for an hour. It also allows 200 requests a minute per account, counted across all of its keys.</p>
        <p>Keydesk keeps its own use well below those limits and shares cached answers between everyone looking at the same account. When its budget is spent it shows the last data it has, says how old it is, and refreshes when the budget allows. If the exchange itself reports a limit (for example because another tool uses the same account), Keydesk pauses that account for a minute.</p>
      </>
    ),
  },
  {
    id: "delete-key",
    title: "Deleting a key at the exchange",
    body: (
      <ol className="list-decimal space-y-1 pl-5">
        <li>Sign in to the exchange and choose <strong>API</strong> under your user icon.</li>
        <li>Choose <strong>Delete</strong> next to the key.</li>
        <li>Confirm with <strong>Yes, delete it</strong>. Deleted keys cannot be recovered.</li>
      </ol>
    ),
  },
  {
    id: "unreachable",
    title: "The exchange can't be reached",
    body: <p>Keydesk shows the last data it fetched, labelled as stale, and tries again later. Nothing is lost: your keys stay stored and encrypted.</p>,
  },
];

export default function TroubleshootingPage() {
  return (
    <article className="prose-sm flex max-w-3xl flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold">Troubleshooting exchange keys</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">Answers to the problems people meet with exchange API keys, and what to do about each.</p>
      </header>
      <nav aria-label="On this page">
        <ul className="flex flex-wrap gap-2 text-sm">
          {SECTIONS.map((s) => (
            <li key={s.id}><a className="inline-flex min-h-11 items-center rounded-md px-2 text-sky-700 underline dark:text-sky-400" href={`#${s.id}`}>{s.title}</a></li>
          ))}
        </ul>
      </nav>
      {SECTIONS.map((s) => (
        <section key={s.id} id={s.id} aria-labelledby={`${s.id}-title`} className="scroll-mt-4 space-y-2 text-sm leading-6">
          <h2 id={`${s.id}-title`} className="text-lg font-semibold">{s.title}</h2>
          {s.body}
        </section>
      ))}
    </article>
  );
}
