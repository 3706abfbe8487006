import { formatHash } from './routes';

export const PROGRESS_HASH = formatHash({ section: 'progress' });
export const LEARNERS_HASH = formatHash({ section: 'learners' });
export const STORAGE_HASH = formatHash({ section: 'storage' });

/** `#/progress/attempt/<id>`: one submitted attempt, read-only. */
export function attemptHash(attemptId: string): string {
  return formatHash({ section: 'progress', id: 'attempt', rest: [attemptId] });
}
