import type { ImportResult } from '@/domain/fhir/from-bundle';
import type { ImportFailure } from '@/domain/fhir/import-errors';
import type { ImportMessage, ImportPhase } from './import-protocol';

export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; failure: ImportFailure };

export interface RunningImport {
  outcome: Promise<ImportOutcome>;
  /** Stop the import; `outcome` never settles after this. */
  cancel: () => void;
}

/** Starts an import of one file; the Import page takes this as a prop so tests can run the domain directly. */
export type ImportRunner = (file: File, onProgress: (phase: ImportPhase, done: number, total: number) => void) => RunningImport;

/** The app's runner: a module Web Worker per import, terminated when it is done or cancelled. */
export const runImportInWorker: ImportRunner = (file, onProgress) => {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'fhir-import' });
  let settled = false;
  const outcome = new Promise<ImportOutcome>((resolve) => {
    worker.onmessage = (event: MessageEvent<ImportMessage>) => {
      const message = event.data;
      if (message.type === 'progress') {
        onProgress(message.phase, message.done, message.total);
        return;
      }
      settled = true;
      worker.terminate();
      resolve(message.type === 'done' ? { ok: true, result: message.result } : { ok: false, failure: message.failure });
    };
    worker.onerror = (event) => {
      settled = true;
      worker.terminate();
      resolve({ ok: false, failure: { kind: 'internal', message: `The import stopped unexpectedly: ${event.message || 'the worker failed to start'}.`, details: [] } });
    };
  });
  worker.postMessage({ type: 'import', file });
  return {
    outcome,
    cancel: () => {
      if (!settled) worker.terminate();
    },
  };
};
