import { useLiveQuery } from 'dexie-react-hooks';
import { useTrainerDB } from './db-context';
import { listDueQuizItems, listQuizItemsByTopic, listQuizSessions } from './quiz-repo';
import type { QuizItemStats, QuizSession } from './records';

/*
 * Live reads of a learner's quizzes (quiz-repo.ts). learnerId convention, as in use-attempts.ts:
 * `undefined` = the learner is still loading (the hook returns undefined too); `null` = no
 * learner chosen (an empty result).
 */

/** The newest quiz sessions first. */
export function useQuizSessions(learnerId: string | null | undefined, limit?: number): QuizSession[] | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => {
    if (learnerId === undefined) return undefined;
    if (learnerId === null) return [];
    return listQuizSessions(db, learnerId, limit);
  }, [db, learnerId, limit]);
}

/** One stored quiz; null when it is not this learner's (or does not exist). */
export function useQuizSession(learnerId: string | null | undefined, sessionId: string): QuizSession | null | undefined {
  const db = useTrainerDB();
  return useLiveQuery(async () => {
    if (learnerId === undefined) return undefined;
    if (learnerId === null) return null;
    const sessions = await listQuizSessions(db, learnerId);
    return sessions.find((s) => s.id === sessionId) ?? null;
  }, [db, learnerId, sessionId]);
}

/** Items due for review at `now`, most overdue first. */
export function useDueQuizItems(learnerId: string | null | undefined, now: number): QuizItemStats[] | undefined {
  const db = useTrainerDB();
  return useLiveQuery(() => {
    if (learnerId === undefined) return undefined;
    if (learnerId === null) return [];
    return listDueQuizItems(db, learnerId, now);
  }, [db, learnerId, now]);
}

export interface TopicTotals {
  topic: string;
  /** Distinct questions answered. */
  items: number;
  /** Answers given, and how many were right, over every quiz. */
  seen: number;
  correct: number;
}

/**
 * All-time answers per topic (from the Leitner statistics), in the order of `topics`, topics with
 * none left out. The caller names the topics (the quiz's catalog), so this file needs no quiz module.
 */
export function useQuizTopicTotals(learnerId: string | null | undefined, topics: readonly string[]): TopicTotals[] | undefined {
  const db = useTrainerDB();
  // A key rather than the array, so a caller passing a new array of the same topics does not re-query.
  const topicsKey = topics.join('\n');
  return useLiveQuery(async () => {
    if (learnerId === undefined) return undefined;
    if (learnerId === null) return [];
    const rows = await Promise.all(
      topicsKey.split('\n').map(async (topic): Promise<TopicTotals> => {
        const items = await listQuizItemsByTopic(db, learnerId, topic);
        return { topic, items: items.length, seen: items.reduce((n, i) => n + i.seen, 0), correct: items.reduce((n, i) => n + i.correct, 0) };
      }),
    );
    return rows.filter((r) => r.seen > 0);
  }, [db, learnerId, topicsKey]);
}
