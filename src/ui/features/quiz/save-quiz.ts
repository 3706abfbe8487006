import { guardWrite } from '@/db/db-errors';
import { getQuizItemStats, recordQuizResults } from '@/db/quiz-repo';
import type { TrainerDB } from '@/db/trainer-db';
import { buildQuizSession, updatedItemStats, type QuizOutcome } from './quiz-record';

/**
 * Stores a finished quiz for a learner: the session and the Leitner update of every answered
 * item. The current boxes are read and the new ones written in one transaction, so two tabs
 * finishing quizzes at once can't both move an item from the same box.
 */
export async function saveQuizOutcome(db: TrainerDB, learnerId: string, outcome: QuizOutcome, now: number): Promise<void> {
  const session = buildQuizSession(outcome, learnerId);
  await guardWrite(() =>
    db.transaction('rw', db.quizSessions, db.quizItems, async () => {
      const existing = await getQuizItemStats(db, learnerId, session.itemKeys);
      await recordQuizResults(db, learnerId, session, updatedItemStats(learnerId, outcome, existing, now));
    }),
  );
}
