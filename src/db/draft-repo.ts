import { GENERATOR_VERSION } from '@/domain/chart/chart-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import { DraftConflictError, guardWrite } from './db-errors';
import { learnerRange } from './learner-range';
import { draftId, type Draft } from './records';
import type { TrainerDB } from './trainer-db';

export interface SaveDraftOptions {
  /**
   * The revision this tab last loaded or saved (0 for a new draft). If the stored draft is
   * newer and another tab wrote it, the save is refused with DraftConflictError.
   */
  expectedRevision: number;
  /** This tab's id (createWriterId()). */
  writerId: string;
  /** When work on the case began; kept from the stored draft if there is one. Default: now. */
  startedAt?: number;
  /** The assignment this case is an item of: a separate draft from practice of the same scenario and seed (see draftId). */
  assignmentId?: string;
  now?: number;
}

/**
 * Saves in-progress answers and returns the new revision; keep it and pass it as
 * `expectedRevision` next time. Two tabs on the same case are detected here:
 *
 * - stored revision > expectedRevision, written by another writer → DraftConflictError
 *   ('newer-elsewhere'): the other tab saved work this tab hasn't seen.
 * - stored revision > expectedRevision, same writer → saved (this tab's own overlapping saves).
 * - no stored draft but expectedRevision > 0 → DraftConflictError ('gone'): it was submitted or
 *   discarded elsewhere; saving would bring it back.
 *
 * To resolve a conflict in favour of this tab, save again with `expectedRevision: error.stored.revision`
 * (or 0 for 'gone'). The read and write run in one readwrite transaction, which IndexedDB
 * serializes across tabs, so the check can't race.
 */
export function saveDraft(
  db: TrainerDB,
  learnerId: string,
  scenarioId: string,
  seed: number,
  answers: Answers,
  elapsedMs: number,
  options: SaveDraftOptions,
): Promise<number> {
  const { expectedRevision, writerId, assignmentId } = options;
  const id = draftId(learnerId, scenarioId, seed, assignmentId);
  return guardWrite(() =>
    db.transaction('rw', db.drafts, async () => {
      const stored = await db.drafts.get(id);
      if (!stored && expectedRevision > 0) throw new DraftConflictError(id, 'gone', expectedRevision, null);
      if (stored && stored.revision > expectedRevision && stored.writerId !== writerId) {
        throw new DraftConflictError(id, 'newer-elsewhere', expectedRevision, {
          revision: stored.revision,
          writerId: stored.writerId,
          updatedAt: stored.updatedAt,
        });
      }
      const now = options.now ?? Date.now();
      const revision = Math.max(stored?.revision ?? 0, expectedRevision) + 1;
      const draft: Draft = {
        id,
        learnerId,
        scenarioId,
        seed,
        answers,
        startedAt: stored?.startedAt ?? options.startedAt ?? now,
        elapsedMs,
        updatedAt: now,
        revision,
        writerId,
        generatorVersion: stored?.generatorVersion ?? GENERATOR_VERSION,
      };
      if (assignmentId !== undefined) draft.assignmentId = assignmentId;
      await db.drafts.put(draft);
      return revision;
    }),
  );
}

/** The draft of one case: free practice without `assignmentId`, an assignment item with it. */
export async function loadDraft(db: TrainerDB, learnerId: string, scenarioId: string, seed: number, assignmentId?: string): Promise<Draft | null> {
  return (await db.drafts.get(draftId(learnerId, scenarioId, seed, assignmentId))) ?? null;
}

/** A learner's drafts, most recently saved first ("continue where you left off"). */
export async function listDrafts(db: TrainerDB, learnerId: string): Promise<Draft[]> {
  return learnerRange(db.drafts, '[learnerId+updatedAt]', [learnerId]).reverse().toArray();
}

/** Discards a draft ("start over"). A tab still editing it will get a 'gone' conflict on its next save. */
export function deleteDraft(db: TrainerDB, learnerId: string, scenarioId: string, seed: number, assignmentId?: string): Promise<void> {
  return guardWrite(() => db.drafts.delete(draftId(learnerId, scenarioId, seed, assignmentId)));
}

/**
 * For `pagehide` only: writes the draft with ONE native put, issued before this returns, so the
 * browser commits it although the page is going away. saveDraft reads, then writes; when a
 * reload tears the page down between the two, the write never happens and the last seconds of
 * work (or of the clock) are lost.
 *
 * There is no revision check here. Call it only when no other tab can be writing this draft (the
 * exercise session knows through its tab notices) and with `revision` one above the revision
 * this tab last saved. Returns false if the write could not even be issued (database closed).
 */
export function putDraftOnExit(db: TrainerDB, draft: Draft): boolean {
  try {
    const transaction = db.backendDB().transaction('drafts', 'readwrite');
    transaction.objectStore('drafts').put(draft);
    transaction.commit?.();
    return true;
  } catch {
    return false;
  }
}
