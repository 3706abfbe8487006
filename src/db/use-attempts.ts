import { useLiveQuery } from 'dexie-react-hooks';
import { getAttempt, listAttempts, type AttemptFilters } from './attempt-repo';
import { useTrainerDB } from './db-context';
import { emptyDashboard, getDashboard, type Dashboard } from './learner-stats';
import type { Attempt, AttemptSummary } from './records';

/*
 * learnerId convention for these hooks: `undefined` = the learner is still loading (the hook
 * returns undefined too); `null` = no learner chosen (an empty result).
 */

/** A learner's attempts as summaries, newest first; undefined while loading. */
export function useAttempts(learnerId: string | null | undefined, filters: AttemptFilters = {}): AttemptSummary[] | undefined {
  const db = useTrainerDB();
  const { domain, kind, scenarioId, passed, assignmentId, from, to, order, limit } = filters;
  return useLiveQuery(
    () => {
      if (learnerId === undefined) return undefined;
      if (learnerId === null) return [];
      return listAttempts(db, learnerId, { domain, kind, scenarioId, passed, assignmentId, from, to, order, limit });
    },
    [db, learnerId, domain, kind, scenarioId, passed, assignmentId, from, to, order, limit],
  );
}

/** One attempt with its report; null if it isn't this learner's; undefined while loading. */
export function useAttempt(learnerId: string | null | undefined, attemptId: string | null | undefined): Attempt | null | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => {
    if (learnerId === undefined || attemptId === undefined) return undefined;
    if (learnerId === null || attemptId === null) return null;
    return getAttempt(db, learnerId, attemptId);
  }, [db, learnerId, attemptId]);
}

/** Every dashboard figure for a learner, kept live; undefined while loading. */
export function useDashboard(learnerId: string | null | undefined): Dashboard | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => {
    if (learnerId === undefined) return undefined;
    if (learnerId === null) return emptyDashboard();
    return getDashboard(db, learnerId);
  }, [db, learnerId]);
}
