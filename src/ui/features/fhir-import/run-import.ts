import type { BundlePatient, ImportResult } from '@/domain/fhir/from-bundle';
import type { ImportFailure } from '@/domain/fhir/import-errors';
import type { ImportJobOptions, ImportMessage, ImportPhase } from './import-protocol';

/** How an import ended: a chart, the patients to choose from (asked with `listPatients`), or a failure. */
export type ImportOutcome =
  | { kind: 'imported'; result: ImportResult }
  | { kind: 'choose'; patients: BundlePatient[] }
  | { kind: 'failed'; failure: ImportFailure };

export interface RunningImport {
  outcome: Promise<ImportOutcome>;
  /** Stop the import; `outcome` never settles after this. */
  cancel: () => void;
}

/** Starts an import of one file; callers take this as a prop so tests can run the domain directly. */
export type ImportRunner = (file: File, onProgress: (phase: ImportPhase, done: number, total: number) => void, options?: ImportJobOptions) => RunningImport;

/** The outcome a worker's last message gives; null for progress. */
export function outcomeOf(message: ImportMessage): ImportOutcome | null {
  switch (message.type) {
    case 'progress':
      return null;
    case 'done':
      return { kind: 'imported', result: message.result };
    case 'patients':
      return { kind: 'choose', patients: message.patients };
    case 'error':
      return { kind: 'failed', failure: message.failure };
  }
}

/** The app's runner: a module Web Worker per import, terminated when it is done or cancelled. */
export const runImportInWorker: ImportRunner = (file, onProgress, options = {}) => {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'fhir-import' });
  let settled = false;
  const outcome = new Promise<ImportOutcome>((resolve) => {
    worker.onmessage = (event: MessageEvent<ImportMessage>) => {
      const message = event.data;
      const ended = outcomeOf(message);
      if (!ended) {
        if (message.type === 'progress') onProgress(message.phase, message.done, message.total);
        return;
      }
      settled = true;
      worker.terminate();
      resolve(ended);
    };
    worker.onerror = (event) => {
      settled = true;
      worker.terminate();
      resolve({ kind: 'failed', failure: { kind: 'internal', message: `The import stopped unexpectedly: ${event.message || 'the worker failed to start'}.`, details: [] } });
    };
  });
  worker.postMessage({ type: 'import', file, ...options });
  return {
    outcome,
    cancel: () => {
      if (!settled) worker.terminate();
    },
  };
};
