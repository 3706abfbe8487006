/** The few things every command needs: output streams, errors with exit codes, a progress bar. */

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is an interactive terminal (progress bars only there). */
  isTty: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

/** A user error: printed as `chartlab: <message>` with exit code 2, never a stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function parseInteger(name: string, raw: string | undefined, opts: { min: number; max: number; fallback?: number }): number {
  if (raw === undefined || raw === '') {
    if (opts.fallback !== undefined) return opts.fallback;
    throw new UsageError(`--${name} is required`);
  }
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < opts.min || value > opts.max) throw new UsageError(`--${name} must be between ${opts.min} and ${opts.max}, got ${raw}`);
  return value;
}

export function parseDate(name: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const valid = m && new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) === raw;
  if (!valid) throw new UsageError(`--${name} must be a calendar date as YYYY-MM-DD, got "${raw}"`);
  return raw;
}

/** A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal. */
export function progressBar(io: CliIo, total: number, label: string) {
  const width = 30;
  let last = -1;
  return {
    tick(done: number) {
      if (!io.isTty) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === last && done !== total) return;
      last = pct;
      const filled = Math.round((done / total) * width);
      io.err(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${pct}%`);
    },
    finish() {
      if (io.isTty) io.err('\n');
    },
  };
}
