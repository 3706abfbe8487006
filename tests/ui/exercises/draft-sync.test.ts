import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listAttempts } from '@/db/attempt-repo';
import { loadDraft, saveDraft } from '@/db/draft-repo';
import { createLearner } from '@/db/learner-repo';
import { draftId, type Learner } from '@/db/records';
import type { TrainerDB } from '@/db/trainer-db';
import { scoreAnswers } from '@/domain/exercise/build-exercise';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import { initialAppState, useAppStore } from '@/store/app-store';
import { DraftSync } from '@/ui/features/exercise-session/draft-sync';
import { openTestDB } from '../../db/db-test-utils';
import { allergyIntakeExercise, emptyRecordingAnswers, keyAnswersOf, scenarioById } from './exercise-fixtures';

/*
 * DraftSync on an assignment item: the same scenario and seed as free practice, but its own draft
 * (resumed with its clock, autosaved with the assignment's id), its own tab notices, and a submit
 * that stores the attempt with the assignment's id and deletes that draft in one transaction.
 */

const scenario = scenarioById('allergy-intake-intro');
const SEED = 1101;
const ASSIGNMENT = 'week-3-audit';

let db: TrainerDB;
let learner: Learner;
const syncs: DraftSync[] = [];

beforeEach(async () => {
  useAppStore.setState(initialAppState);
  db = await openTestDB();
  learner = await createLearner(db, 'Maria Lopez');
});
afterEach(() => {
  for (const sync of syncs.splice(0)) sync.detach();
  db.close();
  vi.restoreAllMocks();
});

function withAllergy(substance: string): RecordingAnswers {
  return { ...emptyRecordingAnswers(), allergies: [{ substance, reaction: '', severity: '' }] };
}

async function openSync(options: { assignmentId?: string; writerId?: string } = {}): Promise<DraftSync> {
  const sync = new DraftSync({
    db,
    learnerId: learner.id,
    writerId: options.writerId ?? 'tab-here',
    scenario,
    seed: SEED,
    emptyAnswers: emptyRecordingAnswers(),
    store: useAppStore,
    ...(options.assignmentId ? { assignmentId: options.assignmentId } : {}),
  });
  syncs.push(sync);
  sync.attach();
  await sync.whenReady();
  return sync;
}

const saveAs = (writerId: string, answers: RecordingAnswers, elapsedMs: number, expectedRevision: number, assignmentId?: string) =>
  saveDraft(db, learner.id, scenario.id, SEED, answers, elapsedMs, { expectedRevision, writerId, ...(assignmentId ? { assignmentId } : {}) });

describe('DraftSync on an assignment item', () => {
  it('resumes the item\u2019s own draft with its clock, not the practice draft of the same scenario and seed', async () => {
    await saveAs('tab-yesterday', withAllergy('Practice'), 10_000, 0);
    await saveAs('tab-yesterday', withAllergy('Latex'), 125_000, 0, ASSIGNMENT);
    await openSync({ assignmentId: ASSIGNMENT });
    expect(useAppStore.getState().exercise).toMatchObject({
      scenarioId: scenario.id,
      seed: SEED,
      assignmentId: ASSIGNMENT,
      learnerId: learner.id,
      answers: withAllergy('Latex'),
      elapsedMs: 125_000,
      revision: 1,
      status: 'working',
    });
  });

  it('does not take this learner\u2019s practice work on the same case, already in the store, for the assignment\u2019s', async () => {
    await saveAs('tab-here', withAllergy('Practice'), 10_000, 0);
    await openSync();
    expect(useAppStore.getState().exercise).toMatchObject({ answers: withAllergy('Practice') });
    expect(useAppStore.getState().exercise.assignmentId).toBeUndefined();
    syncs.pop()?.detach();

    await openSync({ assignmentId: ASSIGNMENT });
    expect(useAppStore.getState().exercise).toMatchObject({ assignmentId: ASSIGNMENT, answers: emptyRecordingAnswers(), elapsedMs: 0, revision: 0 });
    expect(await loadDraft(db, learner.id, scenario.id, SEED)).toMatchObject({ answers: withAllergy('Practice'), revision: 1 });
  });

  it('autosaves to the item\u2019s draft, which carries the assignment id', async () => {
    const sync = await openSync({ assignmentId: ASSIGNMENT });
    useAppStore.getState().setAnswers(withAllergy('PCN'));
    useAppStore.getState().tickExercise(42_000);
    await sync.flush();
    expect(await loadDraft(db, learner.id, scenario.id, SEED, ASSIGNMENT)).toMatchObject({
      id: draftId(learner.id, scenario.id, SEED, ASSIGNMENT),
      assignmentId: ASSIGNMENT,
      answers: withAllergy('PCN'),
      elapsedMs: 42_000,
      writerId: 'tab-here',
      revision: 1,
    });
    expect(await loadDraft(db, learner.id, scenario.id, SEED)).toBeNull();
    expect(useAppStore.getState().exercise.revision).toBe(1);
    expect(sync.getSnapshot().status).toMatchObject({ kind: 'saved' });
  });

  it('submits the attempt with the assignment id and deletes the item\u2019s draft in one transaction', async () => {
    await saveAs('tab-other', withAllergy('Practice'), 10_000, 0);
    const sync = await openSync({ assignmentId: ASSIGNMENT });
    const key = keyAnswersOf(allergyIntakeExercise());
    useAppStore.getState().setAnswers(key);
    await sync.flush();
    const report = scoreAnswers(allergyIntakeExercise(), key);

    // A failure after the draft's deletion in the same transaction: nothing is stored, the draft stays.
    const update = vi.spyOn(db.learners, 'update').mockRejectedValueOnce(new Error('disk error'));
    await expect(sync.submit(report, 'attempt-1')).rejects.toThrow('disk error');
    expect(update).toHaveBeenCalled();
    expect(await listAttempts(db, learner.id)).toEqual([]);
    expect(await loadDraft(db, learner.id, scenario.id, SEED, ASSIGNMENT)).toMatchObject({ answers: key });

    // The retry with the same id stores it once.
    const attempt = await sync.submit(report, 'attempt-1');
    expect(attempt).toMatchObject({ id: 'attempt-1', assignmentId: ASSIGNMENT, scenarioId: scenario.id, seed: SEED, score: 1, answers: key });
    expect(await listAttempts(db, learner.id, { assignmentId: ASSIGNMENT })).toHaveLength(1);
    expect(await loadDraft(db, learner.id, scenario.id, SEED, ASSIGNMENT)).toBeNull();
    // Practice work on the same scenario and seed is untouched.
    expect(await loadDraft(db, learner.id, scenario.id, SEED)).toMatchObject({ answers: withAllergy('Practice') });
  });

  it('stops autosave when another tab saved newer work on the item, but not for practice on the same case', async () => {
    await saveAs('tab-earlier', withAllergy('Latex'), 60_000, 0, ASSIGNMENT);
    const sync = await openSync({ assignmentId: ASSIGNMENT });

    // Another tab works on the practice case: nothing to do with this item.
    await saveAs('tab-other', withAllergy('Practice'), 10_000, 0);
    sync.onStoredDraft(await loadDraft(db, learner.id, scenario.id, SEED, ASSIGNMENT));
    useAppStore.getState().setAnswers(withAllergy('Latex, hives'));
    await sync.flush();
    expect(sync.getSnapshot().status).toMatchObject({ kind: 'saved' });
    expect(await loadDraft(db, learner.id, scenario.id, SEED, ASSIGNMENT)).toMatchObject({ revision: 2, answers: withAllergy('Latex, hives') });

    // Another tab saves the item itself on top of revision 2.
    await saveAs('tab-other', withAllergy('Peanuts'), 70_000, 2, ASSIGNMENT);
    useAppStore.getState().setAnswers(withAllergy('Latex, rash'));
    await sync.flush();
    expect(sync.getSnapshot().status).toMatchObject({ kind: 'conflict', reason: 'newer-elsewhere', stored: { revision: 3, writerId: 'tab-other' } });
    expect(await loadDraft(db, learner.id, scenario.id, SEED, ASSIGNMENT)).toMatchObject({ answers: withAllergy('Peanuts') });

    // "Load the other tab's version" brings it, still as the assignment's case.
    await sync.loadSaved();
    expect(useAppStore.getState().exercise).toMatchObject({ assignmentId: ASSIGNMENT, answers: withAllergy('Peanuts'), elapsedMs: 70_000, revision: 3 });
  });

  it('hears other tabs on the same item, not on practice of the same case', async () => {
    const sync = await openSync({ assignmentId: ASSIGNMENT });
    const other = new BroadcastChannel('chartlab-exercise-tabs');
    try {
      other.postMessage({ type: 'opened', draftId: draftId(learner.id, scenario.id, SEED), writerId: 'tab-other' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sync.getSnapshot().otherTab).toBe(false);
      other.postMessage({ type: 'opened', draftId: draftId(learner.id, scenario.id, SEED, ASSIGNMENT), writerId: 'tab-other' });
      await vi.waitFor(() => expect(sync.getSnapshot().otherTab).toBe(true));
    } finally {
      other.close();
    }
  });

  it('keeps the other-tab notice until the last other tab on the item has closed', async () => {
    const sync = await openSync({ assignmentId: ASSIGNMENT });
    const id = draftId(learner.id, scenario.id, SEED, ASSIGNMENT);
    const other = new BroadcastChannel('chartlab-exercise-tabs');
    try {
      other.postMessage({ type: 'opened', draftId: id, writerId: 'tab-a' });
      other.postMessage({ type: 'opened', draftId: id, writerId: 'tab-b' });
      await vi.waitFor(() => expect(sync.getSnapshot().otherTab).toBe(true));
      other.postMessage({ type: 'closed', draftId: id, writerId: 'tab-a' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sync.getSnapshot().otherTab).toBe(true);
      other.postMessage({ type: 'closed', draftId: id, writerId: 'tab-b' });
      await vi.waitFor(() => expect(sync.getSnapshot().otherTab).toBe(false));
    } finally {
      other.close();
    }
  });
});
