import { fromBundleText } from '@/domain/fhir/from-bundle';
import { checkImportSize, toImportFailure } from '@/domain/fhir/import-errors';
import type { ImportMessage, ImportRequest } from './import-protocol';

/** How often the worker reports while it maps: every 200 resources keeps the bar moving without flooding the page. */
export const PROGRESS_EVERY = 200;

/**
 * The work of the import worker, apart from the worker globals so tests can run it: refuse an
 * oversize file by its size, read it, import it, and post progress, the result or the failure.
 */
export async function runImportRequest(request: ImportRequest, post: (message: ImportMessage) => void): Promise<void> {
  try {
    checkImportSize(request.file.size);
    post({ type: 'progress', phase: 'reading', done: 0, total: 1 });
    const text = await request.file.text();
    post({ type: 'progress', phase: 'reading', done: 1, total: 1 });
    const result = fromBundleText(text, {
      fileName: request.file.name,
      patientId: request.patientId,
      progressEvery: PROGRESS_EVERY,
      onProgress: (p) => post({ type: 'progress', ...p }),
    });
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'error', failure: toImportFailure(error) });
  }
}
