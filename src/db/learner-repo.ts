import { guardWrite, LearnerNameError, LearnerNotFoundError, NotConfirmedError } from './db-errors';
import { newId } from './ids';
import { learnerRange } from './learner-range';
import type { Learner } from './records';
import { getSetting } from './settings-repo';
import type { TrainerDB } from './trainer-db';

const MAX_NAME_LENGTH = 80;

function cleanName(name: string): string {
  const cleaned = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!cleaned) throw new LearnerNameError('empty', name);
  if (cleaned.length > MAX_NAME_LENGTH) throw new LearnerNameError('too-long', name);
  return cleaned;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * Adds a learner. Names must be unique on this computer (ignoring case), because the name is
 * all a learner picks on a shared lab computer. The check runs inside the write transaction,
 * which IndexedDB serializes across tabs, so two tabs can't both create "Maria".
 */
export async function createLearner(db: TrainerDB, name: string, options: { now?: number } = {}): Promise<Learner> {
  const cleaned = cleanName(name);
  return guardWrite(() =>
    db.transaction('rw', db.learners, async () => {
      const all = await db.learners.toArray();
      if (all.some((l) => sameName(l.name, cleaned))) throw new LearnerNameError('taken', cleaned);
      const now = options.now ?? Date.now();
      const learner: Learner = { id: newId(), name: cleaned, createdAt: now, lastActiveAt: now };
      await db.learners.add(learner);
      return learner;
    }),
  );
}

export async function renameLearner(db: TrainerDB, learnerId: string, name: string): Promise<Learner> {
  const cleaned = cleanName(name);
  return guardWrite(() =>
    db.transaction('rw', db.learners, async () => {
      const all = await db.learners.toArray();
      const learner = all.find((l) => l.id === learnerId);
      if (!learner) throw new LearnerNotFoundError(learnerId);
      if (all.some((l) => l.id !== learnerId && sameName(l.name, cleaned))) throw new LearnerNameError('taken', cleaned);
      const renamed = { ...learner, name: cleaned };
      await db.learners.put(renamed);
      return renamed;
    }),
  );
}

export function getLearner(db: TrainerDB, learnerId: string): Promise<Learner | undefined> {
  return db.learners.get(learnerId);
}

/** All learners, by name. */
export async function listLearners(db: TrainerDB): Promise<Learner[]> {
  const all = await db.learners.toArray();
  return all.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.createdAt - b.createdAt);
}

export interface LearnerDataCounts {
  attempts: number;
  drafts: number;
  quizSessions: number;
  quizItems: number;
}

/** What deleting a learner would remove, for the confirmation dialog ("Delete Maria and her 42 attempts?"). */
export async function describeLearnerData(db: TrainerDB, learnerId: string): Promise<LearnerDataCounts> {
  return db.transaction('r', [db.attempts, db.drafts, db.quizSessions, db.quizItems], async () => ({
    attempts: await learnerRange(db.attempts, '[learnerId+finishedAt]', [learnerId]).count(),
    drafts: await learnerRange(db.drafts, '[learnerId+updatedAt]', [learnerId]).count(),
    quizSessions: await learnerRange(db.quizSessions, '[learnerId+startedAt]', [learnerId]).count(),
    quizItems: await learnerRange(db.quizItems, '[learnerId+dueAt]', [learnerId]).count(),
  }));
}

/**
 * Deletes a learner and all their work (attempts, summaries, stats, drafts, quiz data) in one
 * transaction, and clears the active learner if it was them. This can't be undone, so the
 * caller must pass `{ confirm: true }` after asking the user (show describeLearnerData first;
 * suggest exporting). Returns what was removed.
 */
export async function deleteLearner(db: TrainerDB, learnerId: string, options: { confirm: true }): Promise<LearnerDataCounts> {
  if (options?.confirm !== true) throw new NotConfirmedError('Deleting a learner');
  const tables = [db.learners, db.attempts, db.attemptSummaries, db.learnerStats, db.drafts, db.quizSessions, db.quizItems, db.settings];
  return guardWrite(() =>
    db.transaction('rw', tables, async () => {
      if (!(await db.learners.get(learnerId))) throw new LearnerNotFoundError(learnerId);
      const counts: LearnerDataCounts = {
        attempts: await learnerRange(db.attempts, '[learnerId+finishedAt]', [learnerId]).delete(),
        drafts: await learnerRange(db.drafts, '[learnerId+updatedAt]', [learnerId]).delete(),
        quizSessions: await learnerRange(db.quizSessions, '[learnerId+startedAt]', [learnerId]).delete(),
        quizItems: await learnerRange(db.quizItems, '[learnerId+dueAt]', [learnerId]).delete(),
      };
      await learnerRange(db.attemptSummaries, '[learnerId+finishedAt]', [learnerId]).delete();
      await db.learnerStats.delete(learnerId);
      await db.learners.delete(learnerId);
      if ((await getSetting(db, 'activeLearnerId')) === learnerId) await db.settings.put({ key: 'activeLearnerId', value: null });
      return counts;
    }),
  );
}

/** Chooses whose work is shown (null: nobody, e.g. on "switch learner"). */
export function setActiveLearner(db: TrainerDB, learnerId: string | null, options: { now?: number } = {}): Promise<void> {
  return guardWrite(() =>
    db.transaction('rw', db.learners, db.settings, async () => {
      if (learnerId !== null) {
        const updated = await db.learners.update(learnerId, { lastActiveAt: options.now ?? Date.now() });
        if (!updated) throw new LearnerNotFoundError(learnerId);
      }
      await db.settings.put({ key: 'activeLearnerId', value: learnerId });
    }),
  );
}

/** The active learner, or null if none is chosen or they were deleted. */
export function getActiveLearner(db: TrainerDB): Promise<Learner | null> {
  return db.transaction('r', db.learners, db.settings, async () => {
    const id = await getSetting(db, 'activeLearnerId');
    if (!id) return null;
    return (await db.learners.get(id)) ?? null;
  });
}
