// A new key's rebuilt value history (its progress under the value chart), English (the source of these keys).
export const backfillEn = {
  "backfill.title": "Earlier values",
  "backfill.queued": "Rebuilding up to {days} days of earlier values from this key's trades: waiting to start.",
  "backfill.running": "Rebuilding earlier values from this key's trades: {done} of {total} days.",
  "backfill.progressLabel": "Days rebuilt",
  "backfill.done":
    "Values from {from} to {to} (whole UTC days) are rebuilt from the key's trades and the exchange's daily closing prices.",
  "backfill.doneNone": "There were no earlier days to rebuild: the chart starts with the first recorded value.",
  "backfill.failed":
    "Rebuilding earlier values did not finish. Keydesk tries again in the background a few times; if it still fails, the chart starts at the first recorded value.",
  "backfill.noRead":
    "This key has no Read permission, so its earlier values cannot be rebuilt. The chart starts at the first recorded value.",
  "backfill.cancelled": "Rebuilding earlier values stopped because the key was stopped. Nothing was kept.",
  "backfill.blindSpot":
    "Approximate: a Read key cannot see deposits or withdrawals before the first recorded value ({first}). The rebuilt values assume there were none, and trading fees are included.",
  "backfill.blindSpotNoFirst":
    "Approximate: a Read key cannot see deposits or withdrawals before the first recorded value. The rebuilt values assume there were none, and trading fees are included.",
} as const;
