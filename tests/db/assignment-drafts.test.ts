import { describe, expect, it } from 'vitest';
import { itemAttemptNumber } from '@/db/assignment-repo';
import { submitAttempt } from '@/db/attempt-repo';
import { canonicalJson } from '@/domain/checksum/canonical-json';
import { deleteDraft, listDrafts, loadDraft, saveDraft } from '@/db/draft-repo';
import { exportProgress, importProgress, ProgressFileError, type ProgressFile } from '@/db/export-import';
import { createLearner } from '@/db/learner-repo';
import { draftId } from '@/db/records';
import { sha256Hex } from '@/domain/checksum/sha256';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import { dumpAll, emptyRecording, makeReport, recordingScenario, testDatabases } from './db-test-utils';

/*
 * An assignment item is its own case: the same scenario and seed done as free practice, or for
 * another assignment, is separate work with its own draft (draftId), and submitting one never
 * deletes another's draft.
 */

const freshDB = testDatabases();

const T0 = Date.UTC(2026, 4, 2, 12);
const SCENARIO = recordingScenario.id;
const SEED = 1101;

function withAllergy(substance: string): RecordingAnswers {
  return { ...emptyRecording, allergies: [{ substance, reaction: '', severity: '' }] };
}

describe('draftId', () => {
  it('keeps the learner:scenario:seed form for practice, so drafts saved before assignments still resume', () => {
    expect(draftId('l-1', 'allergy-intake-intro', 1101)).toBe('l-1:allergy-intake-intro:1101');
  });

  it('gives an assignment item an id of its own, different from practice and from another assignment', () => {
    const practice = draftId('l-1', SCENARIO, SEED);
    const week3 = draftId('l-1', SCENARIO, SEED, 'week-3');
    const week4 = draftId('l-1', SCENARIO, SEED, 'week-4');
    expect(week3).toBe(`l-1:${SCENARIO}:${SEED}:assignment:week-3`);
    expect(new Set([practice, week3, week4]).size).toBe(3);
    // Another learner's draft of the same assignment item is another id too.
    expect(draftId('l-2', SCENARIO, SEED, 'week-3')).not.toBe(week3);
  });
});

describe('drafts of assignment items', () => {
  it('keeps practice and each assignment apart for the same scenario and seed', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    await saveDraft(db, ana.id, SCENARIO, SEED, withAllergy('Practice'), 1_000, { expectedRevision: 0, writerId: 'tab-1', now: T0 });
    await saveDraft(db, ana.id, SCENARIO, SEED, withAllergy('Week 3'), 2_000, { expectedRevision: 0, writerId: 'tab-1', assignmentId: 'week-3', now: T0 + 1 });
    await saveDraft(db, ana.id, SCENARIO, SEED, withAllergy('Week 4'), 3_000, { expectedRevision: 0, writerId: 'tab-1', assignmentId: 'week-4', now: T0 + 2 });

    expect(await loadDraft(db, ana.id, SCENARIO, SEED)).toMatchObject({ id: draftId(ana.id, SCENARIO, SEED), answers: withAllergy('Practice'), revision: 1 });
    expect((await loadDraft(db, ana.id, SCENARIO, SEED))?.assignmentId).toBeUndefined();
    expect(await loadDraft(db, ana.id, SCENARIO, SEED, 'week-3')).toMatchObject({ assignmentId: 'week-3', answers: withAllergy('Week 3'), elapsedMs: 2_000, revision: 1 });
    expect(await loadDraft(db, ana.id, SCENARIO, SEED, 'week-4')).toMatchObject({ assignmentId: 'week-4', answers: withAllergy('Week 4') });
    expect((await listDrafts(db, ana.id)).map((d) => d.assignmentId ?? 'practice')).toEqual(['week-4', 'week-3', 'practice']);

    // Revisions are per draft: a second practice save doesn't conflict with the assignment's.
    await expect(saveDraft(db, ana.id, SCENARIO, SEED, withAllergy('Practice 2'), 1_500, { expectedRevision: 1, writerId: 'tab-2' })).resolves.toBe(2);
    await expect(saveDraft(db, ana.id, SCENARIO, SEED, withAllergy('Week 3 other tab'), 2_500, { expectedRevision: 0, writerId: 'tab-2', assignmentId: 'week-3' })).rejects.toMatchObject({
      reason: 'newer-elsewhere',
      draftId: draftId(ana.id, SCENARIO, SEED, 'week-3'),
    });

    await deleteDraft(db, ana.id, SCENARIO, SEED, 'week-3');
    expect(await loadDraft(db, ana.id, SCENARIO, SEED, 'week-3')).toBeNull();
    expect(await loadDraft(db, ana.id, SCENARIO, SEED)).not.toBeNull();
    expect(await loadDraft(db, ana.id, SCENARIO, SEED, 'week-4')).not.toBeNull();
  });

  it('submitting an assignment attempt deletes that item\u2019s draft only, in the same transaction as the attempt', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    await saveDraft(db, ana.id, SCENARIO, SEED, withAllergy('Practice'), 1_000, { expectedRevision: 0, writerId: 'tab-1', now: T0 });
    await saveDraft(db, ana.id, SCENARIO, SEED, withAllergy('Week 3'), 2_000, { expectedRevision: 0, writerId: 'tab-1', assignmentId: 'week-3', now: T0 });
    const report = makeReport(recordingScenario, SEED, 0.5);

    // A failure after the draft's deletion (marking the learner active) undoes all of it.
    const before = await dumpAll(db);
    db.learners.update = () => Promise.reject(new Error('disk error')) as never;
    await expect(
      submitAttempt(db, { learnerId: ana.id, scenario: recordingScenario, seed: SEED, answers: withAllergy('Week 3'), report, startedAt: T0, elapsedMs: 2_000, assignmentId: 'week-3' }),
    ).rejects.toThrow('disk error');
    expect(await dumpAll(db)).toEqual(before);
    delete (db.learners as { update?: unknown }).update; // back to the prototype's

    const attempt = await submitAttempt(db, {
      learnerId: ana.id,
      scenario: recordingScenario,
      seed: SEED,
      answers: withAllergy('Week 3'),
      report,
      startedAt: T0,
      elapsedMs: 2_000,
      assignmentId: 'week-3',
      draft: { expectedRevision: 1, writerId: 'tab-1' },
    });
    expect(attempt.assignmentId).toBe('week-3');
    expect(await db.attemptSummaries.get(attempt.id)).toMatchObject({ assignmentId: 'week-3' });
    expect(await loadDraft(db, ana.id, SCENARIO, SEED, 'week-3')).toBeNull();
    expect(await loadDraft(db, ana.id, SCENARIO, SEED)).toMatchObject({ answers: withAllergy('Practice') });

    // And a practice submit leaves a (new) assignment draft alone.
    await saveDraft(db, ana.id, SCENARIO, SEED, withAllergy('Week 3 again'), 500, { expectedRevision: 0, writerId: 'tab-1', assignmentId: 'week-3' });
    await submitAttempt(db, { learnerId: ana.id, scenario: recordingScenario, seed: SEED, answers: withAllergy('Practice'), report, startedAt: T0, elapsedMs: 1_000 });
    expect(await loadDraft(db, ana.id, SCENARIO, SEED)).toBeNull();
    expect(await loadDraft(db, ana.id, SCENARIO, SEED, 'week-3')).toMatchObject({ answers: withAllergy('Week 3 again') });
  });

  it('numbers an assignment attempt among that item\u2019s attempts in time order, not counting practice or other items', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    const submit = (finishedAt: number, seed: number, assignmentId?: string) =>
      submitAttempt(db, {
        learnerId: ana.id,
        scenario: recordingScenario,
        seed,
        answers: emptyRecording,
        report: makeReport(recordingScenario, seed, 0.5),
        startedAt: finishedAt - 10,
        elapsedMs: 10,
        finishedAt,
        ...(assignmentId ? { assignmentId } : {}),
      });
    const practice = await submit(T0, SEED);
    await submit(T0 + 1, SEED, 'week-4');
    await submit(T0 + 2, 7, 'week-3');
    const first = await submit(T0 + 3, SEED, 'week-3');
    const second = await submit(T0 + 4, SEED, 'week-3');
    expect(await itemAttemptNumber(db, first)).toBe(1);
    expect(await itemAttemptNumber(db, second)).toBe(2);
    expect(await itemAttemptNumber(db, practice)).toBeNull();
  });
});

describe('progress files with assignment drafts', () => {
  it('carry the assignment draft across computers and learners with its own id', async () => {
    const home = await freshDB();
    const ana = await createLearner(home, 'Ana', { now: T0 });
    await saveDraft(home, ana.id, SCENARIO, SEED, withAllergy('Practice'), 1_000, { expectedRevision: 0, writerId: 'tab-1', now: T0 });
    await saveDraft(home, ana.id, SCENARIO, SEED, withAllergy('Week 3'), 2_000, { expectedRevision: 0, writerId: 'tab-1', assignmentId: 'week-3', now: T0 + 1 });
    const file = await exportProgress(home, ana.id);

    const lab = await freshDB();
    await importProgress(lab, file);
    expect(await loadDraft(lab, ana.id, SCENARIO, SEED, 'week-3')).toMatchObject({ answers: withAllergy('Week 3'), assignmentId: 'week-3' });
    expect(await loadDraft(lab, ana.id, SCENARIO, SEED)).toMatchObject({ answers: withAllergy('Practice') });

    const other = await freshDB();
    const me = await createLearner(other, 'Ana L.');
    expect(await importProgress(other, file, { intoLearnerId: me.id })).toMatchObject({ draftsAdded: 2 });
    expect(await loadDraft(other, me.id, SCENARIO, SEED, 'week-3')).toMatchObject({ id: draftId(me.id, SCENARIO, SEED, 'week-3'), learnerId: me.id });
    expect(await loadDraft(other, me.id, SCENARIO, SEED)).toMatchObject({ answers: withAllergy('Practice') });
  });

  it('refuses a draft whose id does not match its assignment, and changes nothing', async () => {
    const home = await freshDB();
    const ana = await createLearner(home, 'Ana', { now: T0 });
    await saveDraft(home, ana.id, SCENARIO, SEED, withAllergy('Week 3'), 2_000, { expectedRevision: 0, writerId: 'tab-1', assignmentId: 'week-3', now: T0 });
    const file = await exportProgress(home, ana.id);
    // The assignment dropped: the draft would silently become practice work.
    const { checksum: _old, ...body } = { ...file, drafts: [{ ...file.drafts[0]!, assignmentId: undefined }] } as ProgressFile;
    const forged = JSON.stringify({ ...body, checksum: await sha256Hex(canonicalJson(body)) });

    const lab = await freshDB();
    const before = await dumpAll(lab);
    const error = await importProgress(lab, forged).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgressFileError);
    expect((error as Error).message).toMatch(/drafts\.0\.id.*:assignment:<assignmentId> for an assignment item/);
    expect(await dumpAll(lab)).toEqual(before);
  });
});
