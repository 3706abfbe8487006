import type { ImportMessage, ImportRequest } from './import-protocol';
import { runImportRequest } from './import-worker-core';

/**
 * The FHIR import runs here, off the page's thread: parsing and mapping a several-MB bundle takes
 * long enough to freeze the page otherwise. Cancelling terminates the worker.
 */
// The app compiles with the DOM lib; the few worker globals used are typed here instead of adding the WebWorker lib.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage: (message: ImportMessage) => void;
};

scope.onmessage = (event) => {
  if (event.data?.type !== 'import') return;
  void runImportRequest(event.data, (message) => scope.postMessage(message));
};
