import type { ImportResult } from '@/domain/fhir/from-bundle';
import type { ImportFailure } from '@/domain/fhir/import-errors';

/**
 * Messages between the Import page and its Web Worker. Only plain data crosses (a File, the
 * result, a failure): the typed FhirImportError becomes an ImportFailure on the worker side.
 */
export interface ImportRequest {
  type: 'import';
  file: File;
  patientId?: string;
}

/** `reading` and `parsing` have no count (one step each); the others count resources. */
export type ImportPhase = 'reading' | 'parsing' | 'checking' | 'mapping' | 'documents';

export type ImportMessage =
  | { type: 'progress'; phase: ImportPhase; done: number; total: number }
  | { type: 'done'; result: ImportResult }
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
