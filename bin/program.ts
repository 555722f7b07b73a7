// The start-up routine every program in bin/ shares: settings from .env files (for the programs
// that read them), the settings parsed by lib/env.ts's schema, a logger that names the program,
// its command-line options, and one line for a failure (cause and fix for a known one, never a
// stack trace).
import path from "node:path";
import { EnvError, getLaunchSettings, loadEnvFiles, type LaunchSettings } from "@/lib/env";
import { StartupError } from "@/lib/dev/startup-error";
import { rpIdMismatch } from "@/lib/passkeys/relying-party";

/** The checkout the programs run from. */
const ROOT = path.resolve(__dirname, "..");

interface Program {
  root: string;
  /** Settings, validated (the app's required secrets are checked where they are used). */
  settings: LaunchSettings;
  log: (message: string) => void;
  /** The value after `--name` on the command line. */
  arg: (name: string) => string | undefined;
  /** Whether `--name` is on the command line. */
  flag: (name: string) => boolean;
}

interface ProgramOptions {
  /** The prefix of its log lines and of its one-line failure. */
  name: string;
  /** Read .env.local and .env first (npm run dev, keys:rotate); settings the shell gives win. */
  envFiles?: boolean;
  /** Words added to an unexpected failure's line (e.g. what to check). */
  hint?: string;
  /** Run before the process exits on a failure (stop children). */
  onFailure?: () => void;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** One line for a failure: a StartupError or bad settings as they are, anything else with its message. */
function failureLine(name: string, err: unknown, hint?: string): string {
  if (err instanceof StartupError || err instanceof EnvError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `[${name}] ${message}${hint ? ` (${hint})` : ""}`;
}

export function runProgram(opts: ProgramOptions, main: (p: Program) => Promise<void>): void {
  const fail = (err: unknown) => {
    console.error(failureLine(opts.name, err, opts.hint));
    opts.onFailure?.();
    process.exit(1);
  };
  try {
    if (opts.envFiles) loadEnvFiles([path.join(ROOT, ".env.local"), path.join(ROOT, ".env")]);
    const settings = getLaunchSettings();
    // Passkeys registered for one relying party never work for another: refuse to start on a
    // mismatch, in one line, rather than fail every passkey later (lib/passkeys/relying-party.ts).
    const mismatch = rpIdMismatch(settings);
    if (mismatch) throw new StartupError(mismatch.cause, mismatch.fix);
    const program: Program = {
      root: ROOT,
      settings,
      log: (m) => console.log(`[${opts.name}] ${m}`),
      arg,
      flag: (name) => process.argv.includes(`--${name}`),
    };
    main(program).catch(fail);
  } catch (err) {
    fail(err);
  }
}
