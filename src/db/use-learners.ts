import { useLiveQuery } from 'dexie-react-hooks';
import { useTrainerDB } from './db-context';
import { getActiveLearner, listLearners } from './learner-repo';
import type { Learner } from './records';

/** All learners by name; undefined while loading. */
export function useLearners(): Learner[] | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => listLearners(db), [db]);
}

/** The active learner; null when nobody is chosen, undefined while loading. */
export function useActiveLearner(): Learner | null | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => getActiveLearner(db), [db]);
}
