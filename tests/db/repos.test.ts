import { afterEach, describe, expect, it } from 'vitest';
import { getAttempt, listAttempts, submitAttempt } from '@/db/attempt-repo';
import { DraftConflictError, LearnerNameError, LearnerNotFoundError, NotConfirmedError } from '@/db/db-errors';
import { deleteDraft, listDrafts, loadDraft, saveDraft } from '@/db/draft-repo';
import {
  createLearner,
  deleteLearner,
  describeLearnerData,
  getActiveLearner,
  listLearners,
  renameLearner,
  setActiveLearner,
} from '@/db/learner-repo';
import { listDueQuizItems, recordQuizResults } from '@/db/quiz-repo';
import { quizItemId } from '@/db/records';
import { getSetting, setSetting } from '@/db/settings-repo';
import type { TrainerDB } from '@/db/trainer-db';
import { GENERATOR_VERSION } from '@/domain/chart/chart-types';
import { dumpAll, emptyRecording, emptyValidation, makeReport, openTestDB, realValidationCase, recordingScenario, validationScenario } from './db-test-utils';

let db: TrainerDB;
afterEach(() => db?.close());

const T0 = Date.UTC(2026, 4, 2, 12);

describe('learner repo', () => {
  it('creates, lists by name and renames learners, refusing empty and duplicate names', async () => {
    db = await openTestDB();
    const zoe = await createLearner(db, '  Zoe   Park ', { now: T0 });
    const ana = await createLearner(db, 'Ana Lopez', { now: T0 + 1 });
    expect(zoe.name).toBe('Zoe Park');
    expect((await listLearners(db)).map((l) => l.name)).toEqual(['Ana Lopez', 'Zoe Park']);

    await expect(createLearner(db, '   ')).rejects.toBeInstanceOf(LearnerNameError);
    await expect(createLearner(db, 'ana lopez')).rejects.toMatchObject({ reason: 'taken', message: expect.stringMatching(/already a learner called/) });
    await expect(renameLearner(db, zoe.id, 'ANA LOPEZ')).rejects.toMatchObject({ reason: 'taken' });

    const renamed = await renameLearner(db, ana.id, 'Ana María López');
    expect(renamed.name).toBe('Ana María López');
    expect(await listLearners(db)).toHaveLength(2);
  });

  it('remembers the active learner and forgets it when that learner is deleted', async () => {
    db = await openTestDB();
    expect(await getActiveLearner(db)).toBeNull();
    const ana = await createLearner(db, 'Ana', { now: T0 });
    await setActiveLearner(db, ana.id, { now: T0 + 5 });
    expect(await getActiveLearner(db)).toMatchObject({ id: ana.id, lastActiveAt: T0 + 5 });
    await expect(setActiveLearner(db, 'nobody')).rejects.toBeInstanceOf(LearnerNotFoundError);

    await deleteLearner(db, ana.id, { confirm: true });
    expect(await getActiveLearner(db)).toBeNull();
    expect(await getSetting(db, 'activeLearnerId')).toBeNull();
  });

  it('deletes a learner only when confirmed, and then all of their work in one go, leaving others untouched', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    const ben = await createLearner(db, 'Ben');
    for (const learner of [ana, ben]) {
      await saveDraft(db, learner.id, 'allergy-intake-intro', 1, emptyRecording, 1000, { expectedRevision: 0, writerId: 'w' });
      await submitAttempt(db, { learnerId: learner.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 0.5), startedAt: T0, elapsedMs: 60_000, finishedAt: T0 + 60_000 });
      await recordQuizResults(db, learner.id, { id: `${learner.id}-quiz`, learnerId: learner.id, seed: 1, topics: ['icd10'], startedAt: T0, questionCount: 1, correctCount: 1, itemKeys: ['q1'] }, [
        { id: quizItemId(learner.id, 'q1'), learnerId: learner.id, itemKey: 'q1', topic: 'icd10', box: 2, dueAt: T0, seen: 1, correct: 1, lastSeenAt: T0 },
      ]);
    }
    expect(await describeLearnerData(db, ana.id)).toEqual({ attempts: 1, drafts: 1, quizSessions: 1, quizItems: 1 });

    // @ts-expect-error -- the type demands { confirm: true }; check the runtime guard too.
    await expect(deleteLearner(db, ana.id, {})).rejects.toBeInstanceOf(NotConfirmedError);
    expect(await listLearners(db)).toHaveLength(2);

    expect(await deleteLearner(db, ana.id, { confirm: true })).toEqual({ attempts: 1, drafts: 1, quizSessions: 1, quizItems: 1 });
    expect((await listLearners(db)).map((l) => l.name)).toEqual(['Ben']);
    expect(await db.attempts.count()).toBe(1);
    expect(await db.attemptSummaries.count()).toBe(1);
    expect(await db.drafts.count()).toBe(1);
    expect(await db.quizSessions.count()).toBe(1);
    expect(await db.quizItems.count()).toBe(1);
    expect(await describeLearnerData(db, ben.id)).toEqual({ attempts: 1, drafts: 1, quizSessions: 1, quizItems: 1 });
  });
});

describe('learner scoping', () => {
  it("never shows one learner's attempts, drafts or quiz items to another", async () => {
    db = await openTestDB();
    const a = await createLearner(db, 'A');
    const b = await createLearner(db, 'B');
    const attemptOfB = await submitAttempt(db, { learnerId: b.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 0.9), startedAt: T0, elapsedMs: 1000 });
    await saveDraft(db, b.id, 'lab-data-quality', 8, emptyValidation, 10, { expectedRevision: 0, writerId: 'w' });
    await recordQuizResults(db, b.id, undefined, [{ id: quizItemId(b.id, 'q'), learnerId: b.id, itemKey: 'q', topic: 't', box: 1, dueAt: 0, seen: 1, correct: 0, lastSeenAt: 0 }]);

    expect(await listAttempts(db, a.id)).toEqual([]);
    expect(await listAttempts(db, a.id, { scenarioId: 'lab-data-quality' })).toEqual([]);
    expect(await listAttempts(db, a.id, { domain: 'data-quality' })).toEqual([]);
    expect(await listAttempts(db, a.id, { kind: 'validation' })).toEqual([]);
    expect(await getAttempt(db, a.id, attemptOfB.id)).toBeNull();
    expect(await loadDraft(db, a.id, 'lab-data-quality', 8)).toBeNull();
    expect(await listDrafts(db, a.id)).toEqual([]);
    expect(await listDueQuizItems(db, a.id, T0)).toEqual([]);

    expect((await listAttempts(db, b.id)).map((s) => s.id)).toEqual([attemptOfB.id]);
    expect(await getAttempt(db, b.id, attemptOfB.id)).toEqual(attemptOfB);
  });
});

describe('attempt repo', () => {
  it('stores a real scored attempt with its versions and a summary, and filters the history', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    const real = realValidationCase();
    const attempt = await submitAttempt(db, {
      learnerId: ana.id,
      scenario: real.scenario,
      seed: real.seed,
      answers: real.empty.answers,
      report: real.empty.report,
      startedAt: T0,
      elapsedMs: 90_000,
      finishedAt: T0 + 100_000,
    });
    expect(attempt).toMatchObject({ kind: 'validation', domain: real.scenario.domain, difficulty: real.scenario.difficulty, generatorVersion: GENERATOR_VERSION, refDate: real.scenario.refDate, score: real.empty.report.score, passed: false });
    expect(await getAttempt(db, ana.id, attempt.id)).toEqual(attempt);
    const [summary] = await listAttempts(db, ana.id);
    const missed = real.empty.report.items.filter((i) => i.errorType && (i.verdict === 'missing' || i.verdict === 'wrong')).length;
    expect(missed).toBeGreaterThan(0);
    expect(Object.values(summary!.missedErrorTypes).reduce((a, b) => a + b, 0)).toBe(missed);
    expect(summary).not.toHaveProperty('report');

    const second = await submitAttempt(db, { learnerId: ana.id, scenario: real.scenario, seed: real.seed, answers: real.key.answers, report: real.key.report, startedAt: T0, elapsedMs: 50_000, finishedAt: T0 + 200_000 });
    const other = await submitAttempt(db, { learnerId: ana.id, scenario: recordingScenario, seed: 3, answers: emptyRecording, report: makeReport(recordingScenario, 3, 1), startedAt: T0, elapsedMs: 1, finishedAt: T0 + 300_000 });
    expect((await listAttempts(db, ana.id)).map((s) => s.id)).toEqual([other.id, second.id, attempt.id]);
    expect((await listAttempts(db, ana.id, { order: 'oldest', limit: 2 })).map((s) => s.id)).toEqual([attempt.id, second.id]);
    expect((await listAttempts(db, ana.id, { passed: true })).map((s) => s.id)).toEqual([other.id, second.id]);
    expect((await listAttempts(db, ana.id, { domain: 'data-abstraction' })).map((s) => s.id)).toEqual([other.id]);
    expect((await listAttempts(db, ana.id, { kind: 'validation', passed: false })).map((s) => s.id)).toEqual([attempt.id]);
    expect((await listAttempts(db, ana.id, { scenarioId: real.scenario.id, from: T0 + 150_000 })).map((s) => s.id)).toEqual([second.id]);
    expect((await listAttempts(db, ana.id, { from: T0 + 100_000, to: T0 + 200_000 })).map((s) => s.id)).toEqual([second.id, attempt.id]);
  });

  it('writes the attempt and deletes its draft in one transaction: a failure part-way changes nothing', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    await saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 500, { expectedRevision: 0, writerId: 'tab-1' });
    const before = await dumpAll(db);

    // The attempt and its summary are written first; then deleting the draft fails.
    const realDelete = db.drafts.delete.bind(db.drafts);
    db.drafts.delete = () => Promise.reject(new Error('disk went away')) as never;
    await expect(
      submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 0.4), startedAt: T0, elapsedMs: 1000 }),
    ).rejects.toThrow('disk went away');
    db.drafts.delete = realDelete;

    expect(await dumpAll(db)).toEqual(before);
    expect(await db.attempts.count()).toBe(0);
    expect(await loadDraft(db, ana.id, validationScenario.id, 7)).not.toBeNull();

    await submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 0.4), startedAt: T0, elapsedMs: 1000 });
    expect(await db.attempts.count()).toBe(1);
    expect(await loadDraft(db, ana.id, validationScenario.id, 7)).toBeNull();
  });

  it('stores one attempt when the same submit is sent twice (double click, retry)', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    const input = { id: 'submit-1', learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 0.4), startedAt: T0, elapsedMs: 1000 };
    const [first, second] = await Promise.all([submitAttempt(db, input), submitAttempt(db, input)]);
    expect(second).toEqual(first);
    expect(await db.attempts.count()).toBe(1);
    expect(await db.attemptSummaries.count()).toBe(1);
  });

  it('refuses a report for another case and an unknown learner', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    await expect(submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 8, 1), startedAt: T0, elapsedMs: 1 })).rejects.toThrow(/seed 8/);
    await expect(submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyRecording, report: makeReport(validationScenario, 7, 1), startedAt: T0, elapsedMs: 1 })).rejects.toThrow(/recording answers/);
    await expect(submitAttempt(db, { learnerId: 'ghost', scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 1), startedAt: T0, elapsedMs: 1 })).rejects.toBeInstanceOf(LearnerNotFoundError);
    expect(await db.attempts.count()).toBe(0);
  });

  it('refuses to submit over newer work another tab saved in the draft', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    const r1 = await saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 1, { expectedRevision: 0, writerId: 'tab-A' });
    await saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 2, { expectedRevision: r1, writerId: 'tab-B' });
    await expect(
      submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 1), startedAt: T0, elapsedMs: 1, draft: { expectedRevision: r1, writerId: 'tab-A' } }),
    ).rejects.toBeInstanceOf(DraftConflictError);
    expect(await db.attempts.count()).toBe(0);
  });
});

describe('draft repo', () => {
  it('numbers revisions, keeps the start time, and loads and deletes drafts', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    const opts = { writerId: 'tab-1', now: T0, startedAt: T0 - 5000 };
    const r1 = await saveDraft(db, ana.id, 'allergy-intake-intro', 1101, emptyRecording, 1000, { ...opts, expectedRevision: 0 });
    const answers = { ...emptyRecording, allergies: [{ substance: 'PCN', reaction: 'hives', severity: '' }] };
    const r2 = await saveDraft(db, ana.id, 'allergy-intake-intro', 1101, answers, 2000, { ...opts, expectedRevision: r1, now: T0 + 10, startedAt: T0 });
    expect([r1, r2]).toEqual([1, 2]);
    expect(await loadDraft(db, ana.id, 'allergy-intake-intro', 1101)).toEqual({
      id: `${ana.id}:allergy-intake-intro:1101`,
      learnerId: ana.id,
      scenarioId: 'allergy-intake-intro',
      seed: 1101,
      answers,
      startedAt: T0 - 5000,
      elapsedMs: 2000,
      updatedAt: T0 + 10,
      revision: 2,
      writerId: 'tab-1',
      generatorVersion: GENERATOR_VERSION,
    });
    await deleteDraft(db, ana.id, 'allergy-intake-intro', 1101);
    expect(await loadDraft(db, ana.id, 'allergy-intake-intro', 1101)).toBeNull();
  });

  it('refuses a save from a second tab that has not seen the newer revision, with a typed error', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    const save = (writerId: string, expectedRevision: number, elapsedMs: number) =>
      saveDraft(db, ana.id, 'lab-data-quality', 7, emptyValidation, elapsedMs, { writerId, expectedRevision, now: T0 + elapsedMs });

    // Both tabs load the draft at revision 1.
    const base = await save('tab-A', 0, 1);
    const afterA = await save('tab-A', base, 2); // A saves: revision 2
    const error = await save('tab-B', base, 3).catch((e: unknown) => e); // B still thinks 1
    expect(error).toBeInstanceOf(DraftConflictError);
    expect(error).toMatchObject({ code: 'draft-conflict', reason: 'newer-elsewhere', expectedRevision: 1, stored: { revision: 2, writerId: 'tab-A', updatedAt: T0 + 2 } });
    expect((error as Error).message).toMatch(/another tab/);
    expect(await loadDraft(db, ana.id, 'lab-data-quality', 7)).toMatchObject({ revision: afterA, elapsedMs: 2, writerId: 'tab-A' });

    // The same tab's own overlapping saves are not a conflict.
    expect(await save('tab-A', base, 4)).toBe(3);
    // B takes over deliberately by basing its save on the stored revision; now A is the stale one.
    expect(await save('tab-B', 3, 5)).toBe(4);
    await expect(save('tab-A', 3, 6)).rejects.toBeInstanceOf(DraftConflictError);
  });

  it('refuses to bring back a draft that another tab submitted or discarded', async () => {
    db = await openTestDB();
    const ana = await createLearner(db, 'Ana');
    const r1 = await saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 1, { expectedRevision: 0, writerId: 'tab-A' });
    await submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 1), startedAt: T0, elapsedMs: 1 });
    await expect(saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 2, { expectedRevision: r1, writerId: 'tab-B' })).rejects.toMatchObject({ reason: 'gone', stored: null });
    expect(await loadDraft(db, ana.id, validationScenario.id, 7)).toBeNull();
    // Starting the case again from scratch is a new draft.
    expect(await saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 0, { expectedRevision: 0, writerId: 'tab-B' })).toBe(1);
  });
});

describe('settings repo', () => {
  it('stores and reads typed settings', async () => {
    db = await openTestDB();
    expect(await getSetting(db, 'storageNoticeDismissedAt')).toBeUndefined();
    await setSetting(db, 'storageNoticeDismissedAt', T0);
    expect(await getSetting(db, 'storageNoticeDismissedAt')).toBe(T0);
  });
});
