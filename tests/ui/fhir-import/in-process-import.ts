import type { ImportRunner } from '@/ui/features/fhir-import/run-import';
import { runImportInPage } from '@/ui/features/fhir-import/run-import-in-page';

/**
 * Runs the worker's code in the test's thread (jsdom has no Worker): the same messages the page
 * gets from the real worker, delivered asynchronously. `requests` records what each call asked.
 */
export function inProcessImport(requests: Parameters<ImportRunner>[2][] = []): ImportRunner {
  return (file, onProgress, options = {}) => {
    requests.push(options);
    return runImportInPage(file, onProgress, options);
  };
}
