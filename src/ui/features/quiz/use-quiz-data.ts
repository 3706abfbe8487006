import { useLiveQuery } from 'dexie-react-hooks';
import { useTrainerDB } from '@/db/db-context';
import { listDueQuizItems, listQuizItemsByTopic, listQuizSessions } from '@/db/quiz-repo';
import type { QuizItemStats, QuizSession } from '@/db/records';
import { QUIZ_TOPIC_ORDER } from './quiz-labels';

/*
 * Live reads of a learner's quizzes (src/db/quiz-repo.ts), after the hooks in src/db: `undefined`
 * while loading (or while the learner is), `null` learner: nobody chosen, an empty result. They
 * sit with the feature because src/db has no quiz hooks; they only call the repo.
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

/** All-time answers per topic (from the Leitner statistics), topics with none left out. */
export function useQuizTopicTotals(learnerId: string | null | undefined): TopicTotals[] | undefined {
  const db = useTrainerDB();
  return useLiveQuery(async () => {
    if (learnerId === undefined) return undefined;
    if (learnerId === null) return [];
    const rows = await Promise.all(
      QUIZ_TOPIC_ORDER.map(async (topic): Promise<TopicTotals> => {
        const items = await listQuizItemsByTopic(db, learnerId, topic);
        return { topic, items: items.length, seen: items.reduce((n, i) => n + i.seen, 0), correct: items.reduce((n, i) => n + i.correct, 0) };
      }),
    );
    return rows.filter((r) => r.seen > 0);
  }, [db, learnerId]);
}
