import type { ImportMessage } from '@/ui/features/fhir-import/import-protocol';
import { runImportRequest } from '@/ui/features/fhir-import/import-worker-core';
import { outcomeOf, type ImportOutcome, type ImportRunner } from '@/ui/features/fhir-import/run-import';

/**
 * Runs the worker's code in the test's thread (jsdom has no Worker): the same messages the page
 * gets from the real worker, delivered asynchronously. `requests` records what each call asked.
 */
export function inProcessImport(requests: Parameters<ImportRunner>[2][] = []): ImportRunner {
  return (file, onProgress, options = {}) => {
    requests.push(options);
    let cancelled = false;
    const outcome = new Promise<ImportOutcome>((done) => {
      const post = (message: ImportMessage) => {
        if (cancelled) return;
        const ended = outcomeOf(message);
        if (ended) done(ended);
        else if (message.type === 'progress') onProgress(message.phase, message.done, message.total);
      };
      setTimeout(() => void runImportRequest({ type: 'import', file, ...options }, post), 0);
    });
    return { outcome, cancel: () => (cancelled = true) };
  };
}
