import { fromBundleText, listPatients, parseFhirText } from '@/domain/fhir/from-bundle';
import { checkImportSize, toImportFailure } from '@/domain/fhir/import-errors';
import type { ImportMessage, ImportRequest } from './import-protocol';

/** How often the worker reports while it maps: every 200 resources keeps the bar moving without flooding the page. */
export const PROGRESS_EVERY = 200;

/**
 * The work of the import worker, apart from the worker globals so tests can run it: refuse an
 * oversize file by its size, read it, parse it, list its patients when asked to and it holds
 * several, else import it; post progress, the patients, the result or the failure.
 */
export async function runImportRequest(request: ImportRequest, post: (message: ImportMessage) => void): Promise<void> {
  try {
    checkImportSize(request.file.size);
    post({ type: 'progress', phase: 'reading', done: 0, total: 1 });
    const text = await request.file.text();
    post({ type: 'progress', phase: 'reading', done: 1, total: 1 });
    post({ type: 'progress', phase: 'parsing', done: 0, total: 1 });
    const parsed = parseFhirText(text);
    if (request.listPatients && request.patientId === undefined) {
      const patients = listPatients(parsed);
      if (patients.length > 1) {
        post({ type: 'patients', patients });
        return;
      }
    }
    const result = fromBundleText(
      text,
      {
        fileName: request.fileName ?? request.file.name,
        patientId: request.patientId,
        progressEvery: PROGRESS_EVERY,
        onProgress: (p) => post({ type: 'progress', ...p }),
      },
      parsed,
    );
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'error', failure: toImportFailure(error) });
  }
}
