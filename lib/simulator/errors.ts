// The simulator's failures: an HTTP status and the exchange's error code (lib/exchange/REFERENCE.md §7).
export class SimError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
  ) {
    super(code);
  }
}
