/**
 * What can be wrong with a file handed to the FHIR importer. Each kind has one clear message for
 * the person importing it (an instructor, not a FHIR engineer); `details` lists every finding
 * when there are several (the CLI prints them, the app shows the first few).
 */
export type ImportErrorKind =
  /** Over MAX_IMPORT_BYTES: refused before reading or parsing. */
  | 'too-large'
  | 'empty'
  | 'not-json'
  /** JSON, but not a FHIR resource (no resourceType). */
  | 'not-fhir'
  /** FHIR of another version (STU3, DSTU2, R5). */
  | 'wrong-version'
  /** A Bundle type that is not a record (history, transaction-response, message …). */
  | 'unsupported-bundle'
  /** No Patient to build a chart around. */
  | 'no-patient'
  /** A value R4 does not allow in a resource ChartLab maps (impossible date, code outside a required binding, missing required element). */
  | 'invalid-value'
  /** A resource's patient reference points to nothing in the file. */
  | 'dangling-reference';

export class FhirImportError extends Error {
  override readonly name = 'FhirImportError';
  constructor(
    readonly kind: ImportErrorKind,
    message: string,
    /** Every finding, one line each (the message names the first few). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A plain object the worker can post and the app can show; `FhirImportError` does not survive structured cloning as a class. */
export interface ImportFailure {
  kind: ImportErrorKind | 'internal';
  message: string;
  details: string[];
}

export function toImportFailure(error: unknown): ImportFailure {
  if (error instanceof FhirImportError) return { kind: error.kind, message: error.message, details: [...error.details] };
  return { kind: 'internal', message: `ChartLab could not import this file: ${error instanceof Error ? error.message : String(error)}`, details: [] };
}

/** 50 MB: a whole Synthea life history is a few MB; anything larger is a cohort or not a patient record. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

/**
 * Refuse a file by its size alone, before it is read: the CLI passes `stat().size`, the app
 * `File.size`, so a 100 MB file is turned away at once instead of after a slow parse.
 */
export function checkImportSize(bytes: number, limit = MAX_IMPORT_BYTES): void {
  if (bytes > limit) {
    throw new FhirImportError(
      'too-large',
      `The file is ${formatBytes(bytes)}; ChartLab imports files up to ${formatBytes(limit)}. Export one patient per file and import that.`,
    );
  }
}

/** At most `n` findings in a message, then "and 12 more". */
export function listFindings(findings: readonly string[], n = 3): string {
  const shown = findings.slice(0, n).join('; ');
  return findings.length > n ? `${shown}; and ${findings.length - n} more` : shown;
}
