import { exportProgress, progressFileName, serializeProgress } from '@/db/export-import';
import type { TrainerDB } from '@/db/trainer-db';
import { downloadFile } from './download';

/**
 * Exports a learner's progress (or one attempt) as a `chartlab.progress` file and hands it to
 * the browser as a download; returns the file name. Shared by the storage banner, the progress
 * page and the delete-learner dialog ("export first"), which otherwise share nothing.
 */
export async function downloadProgressFile(db: TrainerDB, learnerId: string, options: { attemptId?: string } = {}): Promise<string> {
  const file = await exportProgress(db, learnerId, options.attemptId === undefined ? {} : { attemptId: options.attemptId });
  const base = progressFileName(file);
  const name = options.attemptId === undefined ? base : base.replace(/\.json$/, `-attempt-${options.attemptId.slice(0, 8)}.json`);
  downloadFile(name, serializeProgress(file));
  return name;
}
