import { guardWrite } from './db-errors';
import { learnerRange } from './learner-range';
import { quizItemId, type QuizItemStats, type QuizSession } from './records';
import type { TrainerDB } from './trainer-db';

/**
 * Storage for the quiz module (its rules live in src/domain/quiz): sessions and per-item
 * Leitner statistics. Generic on purpose; the quiz engineer decides what goes in
 * QuizSession.details and how boxes and due dates move.
 */

function checkOwned(learnerId: string, session: QuizSession | undefined, items: readonly QuizItemStats[]): void {
  if (session && session.learnerId !== learnerId) throw new Error('recordQuizResults: the session belongs to another learner');
  for (const item of items) {
    if (item.learnerId !== learnerId || item.id !== quizItemId(learnerId, item.itemKey)) {
      throw new Error(`recordQuizResults: item ${item.id} must have learnerId ${learnerId} and id quizItemId(learnerId, itemKey)`);
    }
  }
}

/** Saves a session (new or updated) and the item statistics it changed, in one transaction. */
export async function recordQuizResults(
  db: TrainerDB,
  learnerId: string,
  session: QuizSession | undefined,
  items: readonly QuizItemStats[],
): Promise<void> {
  checkOwned(learnerId, session, items);
  return guardWrite(() =>
    db.transaction('rw', db.quizSessions, db.quizItems, async () => {
      if (session) await db.quizSessions.put(session);
      if (items.length) await db.quizItems.bulkPut([...items]);
    }),
  );
}

export async function getQuizItemStats(db: TrainerDB, learnerId: string, itemKeys: readonly string[]): Promise<Map<string, QuizItemStats>> {
  const rows = await db.quizItems.bulkGet(itemKeys.map((k) => quizItemId(learnerId, k)));
  const found = new Map<string, QuizItemStats>();
  for (const row of rows) if (row) found.set(row.itemKey, row);
  return found;
}

/** Items due at `now` or earlier, most overdue first. */
export function listDueQuizItems(db: TrainerDB, learnerId: string, now: number, limit?: number): Promise<QuizItemStats[]> {
  const due = learnerRange(db.quizItems, '[learnerId+dueAt]', [learnerId], { to: now });
  return (limit === undefined ? due : due.limit(limit)).toArray();
}

export function listQuizItemsByTopic(db: TrainerDB, learnerId: string, topic: string): Promise<QuizItemStats[]> {
  return db.quizItems
    .where('[learnerId+topic]')
    .equals([learnerId, topic])
    .toArray();
}

/** A learner's quiz sessions, newest first. */
export function listQuizSessions(db: TrainerDB, learnerId: string, limit?: number): Promise<QuizSession[]> {
  const sessions = learnerRange(db.quizSessions, '[learnerId+startedAt]', [learnerId]).reverse();
  return (limit === undefined ? sessions : sessions.limit(limit)).toArray();
}
