import type { BundlePatient, ImportResult } from '@/domain/fhir/from-bundle';
import type { ImportFailure } from '@/domain/fhir/import-errors';

/**
 * Messages between the page and the import Web Worker (the Import page, and exercises on a
 * scenario's bundle). Only plain data crosses (a File, the result, a failure): the typed
 * FhirImportError becomes an ImportFailure on the worker side.
 */
export interface ImportRequest extends ImportJobOptions {
  type: 'import';
  file: File;
}

export interface ImportJobOptions {
  /** The name the chart's source records and messages use; default: the file's own name. */
  fileName?: string;
  /** Import this patient of a file that holds several. */
  patientId?: string;
  /**
   * Without `patientId`: when the file holds several patients, answer with the list (a `patients`
   * message) for the learner to choose from, instead of importing the first.
   */
  listPatients?: boolean;
}

/** `reading` and `parsing` have no count (one step each); the others count resources. */
export type ImportPhase = 'reading' | 'parsing' | 'checking' | 'mapping' | 'documents';

export type ImportMessage =
  | { type: 'progress'; phase: ImportPhase; done: number; total: number }
  | { type: 'done'; result: ImportResult }
  | { type: 'patients'; patients: BundlePatient[] }
  | { type: 'error'; failure: ImportFailure };

/** Where each phase sits on the progress bar (percent at its start and end). */
const SPAN: Record<ImportPhase, [number, number]> = {
  reading: [0, 8],
  parsing: [8, 20],
  checking: [20, 45],
  mapping: [45, 85],
  documents: [85, 100],
};

export function progressPercent(phase: ImportPhase, done: number, total: number): number {
  const [from, to] = SPAN[phase];
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  return Math.round(from + (to - from) * fraction);
}

export const PHASE_LABELS: Record<ImportPhase, string> = {
  reading: 'Reading the file',
  parsing: 'Parsing JSON',
  checking: 'Checking resources',
  mapping: 'Building the chart',
  documents: 'Writing source documents',
};
