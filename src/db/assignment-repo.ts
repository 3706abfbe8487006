import { assignmentFileSchema, itemScenarioId, type AssignmentFile } from '@/domain/instructor/assignment';
import { listAttempts } from './attempt-repo';
import { guardWrite } from './db-errors';
import { learnerRange } from './learner-range';
import type { AssignmentRecord, Attempt } from './records';
import type { TrainerDB } from './trainer-db';

/**
 * Assignments on this computer (the `assignments` table): those an instructor made here and those
 * a learner opened from a file or link. The payload is the checked `chartlab.assignment` file
 * (src/domain/instructor/assignment.ts); check it with readAssignment before saving.
 */

export interface StoredAssignment {
  record: AssignmentRecord;
  assignment: AssignmentFile;
}

export type SaveAssignmentOutcome = 'added' | 'unchanged' | 'replaced';

/**
 * Saves an assignment for everyone on this computer (learnerId absent). Opening the same link
 * twice changes nothing; a changed copy with the same id (the instructor re-issued it) replaces
 * the old one, and attempts already made keep counting, since they are matched by scenario and seed.
 */
export function saveAssignment(db: TrainerDB, assignment: AssignmentFile, options: { now?: number } = {}): Promise<SaveAssignmentOutcome> {
  return guardWrite(() =>
    db.transaction('rw', db.assignments, async () => {
      const existing = await db.assignments.get(assignment.id);
      const stored = existing ? assignmentFileSchema.safeParse(existing.payload) : null;
      if (stored?.success && stored.data.checksum === assignment.checksum) return 'unchanged';
      await db.assignments.put({ id: assignment.id, payload: assignment, importedAt: options.now ?? Date.now() });
      return existing ? 'replaced' : 'added';
    }),
  );
}

/** Every readable assignment, newest first. Payloads that are not (or no longer) valid are skipped. */
export async function listAssignments(db: TrainerDB): Promise<StoredAssignment[]> {
  const records = await db.assignments.orderBy('importedAt').reverse().toArray();
  return records.flatMap((record) => {
    const parsed = assignmentFileSchema.safeParse(record.payload);
    return parsed.success ? [{ record, assignment: parsed.data }] : [];
  });
}

export async function getAssignment(db: TrainerDB, id: string): Promise<StoredAssignment | null> {
  const record = await db.assignments.get(id);
  if (!record) return null;
  const parsed = assignmentFileSchema.safeParse(record.payload);
  return parsed.success ? { record, assignment: parsed.data } : null;
}

/** Removes the assignment from this computer. Attempts made for it stay in the learners' progress. */
export function deleteAssignment(db: TrainerDB, id: string): Promise<void> {
  return guardWrite(() => db.assignments.delete(id));
}

export interface ItemProgress {
  index: number;
  scenarioId: string;
  seed: number;
  attemptsUsed: number;
  /** Best score so far (0 to 1), null before the first attempt. */
  bestScore: number | null;
  passed: boolean;
}

export interface AssignmentProgress {
  items: ItemProgress[];
  attemptsUsed: number;
  /** Mean of the items' best scores (a missing item counts 0); null before any attempt. */
  bestTotal: number | null;
  complete: boolean;
}

/** How far a learner is with an assignment, from attempt summaries (cheap: no reports are read). */
export async function getAssignmentProgress(db: TrainerDB, learnerId: string, assignment: AssignmentFile): Promise<AssignmentProgress> {
  const summaries = await listAttempts(db, learnerId, { assignmentId: assignment.id, order: 'oldest' });
  const items = assignment.items.map((item, index): ItemProgress => {
    const scenarioId = itemScenarioId(item);
    const mine = summaries.filter((s) => s.scenarioId === scenarioId && s.seed === item.seed);
    const best = mine.length ? Math.max(...mine.map((s) => s.score)) : null;
    return { index, scenarioId, seed: item.seed, attemptsUsed: mine.length, bestScore: best, passed: best !== null && best >= assignment.passMark };
  });
  const attempted = items.some((i) => i.bestScore !== null);
  return {
    items,
    attemptsUsed: items.reduce((n, i) => n + i.attemptsUsed, 0),
    bestTotal: attempted ? items.reduce((sum, i) => sum + (i.bestScore ?? 0), 0) / items.length : null,
    complete: items.every((i) => i.bestScore !== null),
  };
}

/**
 * Which attempt at its assignment item a stored attempt is (1 for the first), counted in time
 * order among the learner's attempts at the same assignment, scenario and seed, as result files
 * count them (resultItemsFromAttempts). Null if the attempt is not an assignment attempt in storage.
 */
export async function itemAttemptNumber(db: TrainerDB, attempt: Pick<Attempt, 'id' | 'learnerId' | 'scenarioId' | 'seed' | 'assignmentId'>): Promise<number | null> {
  if (attempt.assignmentId === undefined) return null;
  const summaries = await listAttempts(db, attempt.learnerId, { assignmentId: attempt.assignmentId, scenarioId: attempt.scenarioId, order: 'oldest' });
  const index = summaries.filter((s) => s.seed === attempt.seed).findIndex((s) => s.id === attempt.id);
  return index < 0 ? null : index + 1;
}

/** A learner's full attempts (answers and reports) for an assignment, oldest first: what a result file is built from. */
export async function listAssignmentAttempts(db: TrainerDB, learnerId: string, assignmentId: string): Promise<Attempt[]> {
  return learnerRange(db.attempts, '[learnerId+finishedAt]', [learnerId])
    .filter((a) => a.assignmentId === assignmentId)
    .toArray();
}
