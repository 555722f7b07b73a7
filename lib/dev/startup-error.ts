// A start-up failure with a known cause: the launchers print it as one line (cause and fix),
// never as a stack trace.
export class StartupError extends Error {
  constructor(
    cause: string,
    readonly fix: string,
  ) {
    super(`Cannot start: ${cause}. Fix: ${fix}.`);
    this.name = "StartupError";
  }
}
