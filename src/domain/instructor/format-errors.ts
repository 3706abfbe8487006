import type { z } from 'zod';

/** A file that could not be read as one of the instructor formats; `message` is for people. */
export class InstructorFileError extends Error {
  constructor(
    readonly reason: 'not-json' | 'wrong-format' | 'newer-version' | 'invalid' | 'tampered',
    message: string,
  ) {
    super(message);
    this.name = 'InstructorFileError';
  }
}

/** `items[0].seed: Too big` from a zod error: the first few issues, with their paths. */
export function describeZodError(error: z.ZodError, max = 3): string {
  const shown = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
    return `${path || '(top level)'}: ${issue.message}`;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return `${shown.join('; ')}${more}`;
}

/** JSON.parse that strips a byte-order mark and reports failure as InstructorFileError. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InstructorFileError('not-json', `This is not a ${what} (it is not JSON text: ${(error as Error).message}).`);
  }
}
