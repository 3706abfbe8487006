import { exportProgress, progressFileName, serializeProgress } from '@/db/export-import';
import type { TrainerDB } from '@/db/trainer-db';

/** Save text as a file through a temporary object URL. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Exports a learner's progress (or one attempt) as a `chartlab.progress` file and hands it to
 * the browser as a download; returns the file name. Shared by the storage banner, the progress
 * page and the delete-learner dialog ("export first"), which otherwise share nothing.
 */
export async function downloadProgressFile(db: TrainerDB, learnerId: string, options: { attemptId?: string } = {}): Promise<string> {
  const file = await exportProgress(db, learnerId, options.attemptId === undefined ? {} : { attemptId: options.attemptId });
  const base = progressFileName(file);
  const name = options.attemptId === undefined ? base : base.replace(/\.json$/, `-attempt-${options.attemptId.slice(0, 8)}.json`);
  downloadText(name, serializeProgress(file));
  return name;
}
