import { useLiveQuery } from 'dexie-react-hooks';
import { useTrainerDB } from './db-context';
import { listDrafts, loadDraft } from './draft-repo';
import type { Draft } from './records';

/**
 * The saved draft of one case; null when there is none, undefined while loading. It updates when
 * any tab saves, so a tab can notice that another one moved ahead (compare `revision`).
 */
export function useDraft(
  learnerId: string | null | undefined,
  scenarioId: string | undefined,
  seed: number | undefined,
  assignmentId?: string,
): Draft | null | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => {
    if (learnerId === undefined || scenarioId === undefined || seed === undefined) return undefined;
    if (learnerId === null) return null;
    return loadDraft(db, learnerId, scenarioId, seed, assignmentId);
  }, [db, learnerId, scenarioId, seed, assignmentId]);
}

/** A learner's drafts, most recent first ("continue where you left off"); undefined while loading. */
export function useDrafts(learnerId: string | null | undefined): Draft[] | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => {
    if (learnerId === undefined) return undefined;
    if (learnerId === null) return [];
    return listDrafts(db, learnerId);
  }, [db, learnerId]);
}
