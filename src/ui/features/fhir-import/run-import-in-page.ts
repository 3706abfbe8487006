import type { ImportMessage } from './import-protocol';
import { runImportRequest } from './import-worker-core';
import { outcomeOf, type ImportOutcome, type ImportRunner } from './run-import';

/**
 * The worker's code run on the page's own thread, with the same messages (delivered
 * asynchronously), for a page that cannot start the import worker: the SCORM player in a browser
 * without module workers, and the tests (jsdom has no Worker). A bundle of a few hundred kB
 * imports in well under a second; the page shows the progress meanwhile.
 */
export const runImportInPage: ImportRunner = (file, onProgress, options = {}) => {
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
