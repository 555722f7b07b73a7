// The simulator's failures: an HTTP status and the exchange's error code (reference §7).
export class SimError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
  ) {
    super(code);
  }
}
