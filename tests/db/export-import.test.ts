import { describe, expect, it } from 'vitest';
import { submitAttempt } from '@/db/attempt-repo';
import { LearnerNotFoundError } from '@/db/db-errors';
import { loadDraft, saveDraft } from '@/db/draft-repo';
import { exportProgress, importProgress, ProgressFileError, progressFileName, serializeProgress, verifyProgressFile, type ProgressFile } from '@/db/export-import';
import { createLearner, deleteLearner, listLearners } from '@/db/learner-repo';
import { recordQuizResults } from '@/db/quiz-repo';
import { quizItemId, type Learner } from '@/db/records';
import { DB_VERSION, type TrainerDB } from '@/db/trainer-db';
import { canonicalJson } from '@/domain/checksum/canonical-json';
import { sha256Hex } from '@/domain/checksum/sha256';
import { dumpAll, emptyValidation, makeReport, realValidationCase, recordingScenario, validationScenario, emptyRecording, testDatabases } from './db-test-utils';

const freshDB = testDatabases();

const T0 = Date.UTC(2026, 4, 2, 12);

/** A learner with real and hand-made attempts, two drafts and quiz data, plus another learner. */
async function seedLearner(db: TrainerDB): Promise<{ ana: Learner; ben: Learner }> {
  const ana = await createLearner(db, 'Ana María', { now: T0 });
  const ben = await createLearner(db, 'Ben', { now: T0 });
  const real = realValidationCase();
  await submitAttempt(db, { learnerId: ana.id, scenario: real.scenario, seed: real.seed, answers: real.empty.answers, report: real.empty.report, startedAt: T0, elapsedMs: 61_000, finishedAt: T0 + 61_000 });
  await submitAttempt(db, { learnerId: ana.id, scenario: real.scenario, seed: real.seed, answers: real.key.answers, report: real.key.report, startedAt: T0, elapsedMs: 42_000, finishedAt: T0 + 120_000, assignmentId: 'week-3' });
  await submitAttempt(db, { learnerId: ana.id, scenario: recordingScenario, seed: 3, answers: emptyRecording, report: makeReport(recordingScenario, 3, 0.25), startedAt: T0, elapsedMs: 9_000, finishedAt: T0 + 200_000 });
  await saveDraft(db, ana.id, validationScenario.id, 99, emptyValidation, 3_000, { expectedRevision: 0, writerId: 'tab-1', now: T0 + 300_000 });
  await saveDraft(db, ana.id, recordingScenario.id, 4, { ...emptyRecording, allergies: [{ substance: 'latex', reaction: '', severity: '' }] }, 1_000, { expectedRevision: 0, writerId: 'tab-1', now: T0 + 301_000 });
  await recordQuizResults(db, ana.id, { id: 'quiz-1', learnerId: ana.id, seed: 5, topics: ['icd10'], startedAt: T0, finishedAt: T0 + 5, questionCount: 2, correctCount: 1, itemKeys: ['q1', 'q2'], details: { asked: [1, 2] } }, [
    { id: quizItemId(ana.id, 'q1'), learnerId: ana.id, itemKey: 'q1', topic: 'icd10', box: 2, dueAt: T0 + 86_400_000, seen: 1, correct: 1, lastSeenAt: T0 },
    { id: quizItemId(ana.id, 'q2'), learnerId: ana.id, itemKey: 'q2', topic: 'icd10', box: 1, dueAt: T0, seen: 1, correct: 0, lastSeenAt: T0 },
  ]);
  await submitAttempt(db, { learnerId: ben.id, scenario: recordingScenario, seed: 3, answers: emptyRecording, report: makeReport(recordingScenario, 3, 1), startedAt: T0, elapsedMs: 1, finishedAt: T0 });
  return { ana, ben };
}

/** Everything stored for one learner (the learner row, attempts, summaries, drafts, quiz). */
async function learnerDump(db: TrainerDB, learnerId: string) {
  const all = await dumpAll(db);
  const mine = (rows: unknown[]) => rows.filter((r) => (r as { row: { learnerId?: string; id?: string } }).row.learnerId === learnerId);
  return {
    learner: await db.learners.get(learnerId),
    attempts: mine(all.attempts!),
    attemptSummaries: mine(all.attemptSummaries!),
    drafts: mine(all.drafts!),
    quizSessions: mine(all.quizSessions!),
    quizItems: mine(all.quizItems!),
  };
}

/** Rewrites the file's checksum so that only the change under test is wrong. */
async function resign(file: Omit<ProgressFile, 'checksum'> & { checksum?: string }): Promise<string> {
  const { checksum: _old, ...body } = file;
  return JSON.stringify({ ...body, checksum: await sha256Hex(canonicalJson(body)) });
}

describe('export', () => {
  it('writes a versioned, checksummed file with only that learner\u2019s work', async () => {
    const db = await freshDB();
    const { ana } = await seedLearner(db);
    const file = await exportProgress(db, ana.id, { now: T0 + 400_000, appVersion: '9.9.9' });
    const stored = await db.learners.get(ana.id);
    expect(stored?.lastActiveAt).toBe(T0 + 200_000); // the last submit
    expect(file).toMatchObject({ format: 'chartlab.progress', version: 1, exportedAt: new Date(T0 + 400_000).toISOString(), app: { version: '9.9.9', dbVersion: DB_VERSION }, learner: stored });
    expect(file.attempts).toHaveLength(3);
    expect(file.attempts.every((a) => a.learnerId === ana.id)).toBe(true);
    expect(file.drafts).toHaveLength(2);
    expect(file.quiz.sessions).toHaveLength(1);
    expect(file.quiz.items).toHaveLength(2);
    const { checksum, ...body } = file;
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum).toBe(await sha256Hex(canonicalJson(body)));
    expect(progressFileName(file)).toBe(`chartlab-progress-ana-maria-${file.exportedAt.slice(0, 10)}.json`);
    // The text form verifies as it is.
    expect(await verifyProgressFile(serializeProgress(file))).toEqual(file);
  });

  it('can export a single attempt', async () => {
    const db = await freshDB();
    const { ana, ben } = await seedLearner(db);
    const [, second] = await db.attempts.where('[learnerId+finishedAt]').between([ana.id, 0], [ana.id, Infinity]).toArray();
    const file = await exportProgress(db, ana.id, { attemptId: second!.id });
    expect(file.attempts).toEqual([second]);
    expect(file.drafts).toEqual([]);
    const bensAttempt = await db.attempts.where('[learnerId+finishedAt]').between([ben.id, 0], [ben.id, Infinity]).first();
    await expect(exportProgress(db, ana.id, { attemptId: bensAttempt!.id })).rejects.toThrow(/has no attempt/);
  });
});

describe('import', () => {
  it('round trip: export, delete the learner, import: everything is back exactly', async () => {
    const db = await freshDB();
    const { ana, ben } = await seedLearner(db);
    const before = await learnerDump(db, ana.id);
    expect(before.attempts).toHaveLength(3);
    const bensBefore = await learnerDump(db, ben.id);
    const text = serializeProgress(await exportProgress(db, ana.id));

    await deleteLearner(db, ana.id, { confirm: true });
    expect(await db.learners.get(ana.id)).toBeUndefined();

    const summary = await importProgress(db, text);
    expect(summary).toEqual({ learner: before.learner, learnerCreated: true, attemptsAdded: 3, attemptsSkipped: 0, draftsAdded: 2, draftsSkipped: 0, quizSessionsAdded: 1, quizItemsUpdated: 2 });
    expect(await learnerDump(db, ana.id)).toEqual(before);
    expect(await learnerDump(db, ben.id)).toEqual(bensBefore);
  });

  it('round trip into an empty database on another computer', async () => {
    const db = await freshDB();
    const { ana } = await seedLearner(db);
    const before = await learnerDump(db, ana.id);
    const text = serializeProgress(await exportProgress(db, ana.id));
    const other = await freshDB();
    await importProgress(other, text);
    expect(await learnerDump(other, ana.id)).toEqual(before);
  });

  it('merges without duplicates: importing twice adds nothing the second time', async () => {
    const db = await freshDB();
    const { ana } = await seedLearner(db);
    const text = serializeProgress(await exportProgress(db, ana.id));
    const other = await freshDB();
    await importProgress(other, text);
    const once = await dumpAll(other);
    const again = await importProgress(other, text);
    expect(again).toMatchObject({ learnerCreated: false, attemptsAdded: 0, attemptsSkipped: 3, draftsAdded: 0, draftsSkipped: 2, quizSessionsAdded: 0, quizItemsUpdated: 0 });
    expect(await dumpAll(other)).toEqual(once);
    // And into the database it came from: nothing new either.
    const home = await dumpAll(db);
    await importProgress(db, text);
    expect(await dumpAll(db)).toEqual(home);
  });

  it('adds only new attempts and replaces drafts only with newer revisions', async () => {
    const db = await freshDB();
    const { ana } = await seedLearner(db);
    const other = await freshDB();
    await importProgress(other, await exportProgress(db, ana.id));

    // On the home computer: one more attempt, one draft saved again (revision 2).
    await submitAttempt(db, { learnerId: ana.id, scenario: recordingScenario, seed: 3, answers: emptyRecording, report: makeReport(recordingScenario, 3, 0.5), startedAt: T0, elapsedMs: 1, finishedAt: T0 + 500_000 });
    await saveDraft(db, ana.id, validationScenario.id, 99, emptyValidation, 9_000, { expectedRevision: 1, writerId: 'tab-1', now: T0 + 501_000 });
    // On the lab computer: the other draft moved further (revision 3), which the import must keep.
    const lab1 = await saveDraft(other, ana.id, recordingScenario.id, 4, emptyRecording, 5_000, { expectedRevision: 1, writerId: 'lab' });
    await saveDraft(other, ana.id, recordingScenario.id, 4, emptyRecording, 6_000, { expectedRevision: lab1, writerId: 'lab' });

    const summary = await importProgress(other, await exportProgress(db, ana.id));
    expect(summary).toMatchObject({ attemptsAdded: 1, attemptsSkipped: 3, draftsAdded: 1, draftsSkipped: 1 });
    expect(await loadDraft(other, ana.id, validationScenario.id, 99)).toMatchObject({ revision: 2, elapsedMs: 9_000 });
    expect(await loadDraft(other, ana.id, recordingScenario.id, 4)).toMatchObject({ revision: 3, elapsedMs: 6_000, writerId: 'lab' });
    expect(await other.attemptSummaries.count()).toBe(4);
  });

  it('gives the imported learner a distinct name when another learner here has it, or imports into a chosen learner', async () => {
    const home = await freshDB();
    const { ana } = await seedLearner(home);
    const file = await exportProgress(home, ana.id);

    const lab = await freshDB();
    const labAna = await createLearner(lab, 'Ana María');
    const summary = await importProgress(lab, file);
    expect(summary.learner.name).toBe('Ana María (2)');
    expect((await listLearners(lab)).map((l) => l.name)).toEqual(['Ana María', 'Ana María (2)']);

    const lab2 = await freshDB();
    const mine = await createLearner(lab2, 'Ana M.');
    const into = await importProgress(lab2, file, { intoLearnerId: mine.id });
    expect(into).toMatchObject({ learner: mine, learnerCreated: false, attemptsAdded: 3, draftsAdded: 2 });
    expect(await lab2.learners.count()).toBe(1);
    expect((await lab2.attempts.toArray()).every((a) => a.learnerId === mine.id)).toBe(true);
    expect(await loadDraft(lab2, mine.id, validationScenario.id, 99)).not.toBeNull();
    await expect(importProgress(lab2, file, { intoLearnerId: labAna.id })).rejects.toBeInstanceOf(LearnerNotFoundError);
  });

  describe('refuses a bad file with a clear message and leaves the database unchanged', () => {
    async function expectRefused(db: TrainerDB, input: unknown, reason: string, message: RegExp) {
      const before = await dumpAll(db);
      const error = await importProgress(db, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProgressFileError);
      expect(error).toMatchObject({ reason });
      expect((error as Error).message).toMatch(message);
      expect(await dumpAll(db)).toEqual(before);
    }

    async function setup() {
      const db = await freshDB();
      const { ana } = await seedLearner(db);
      const file = await exportProgress(db, ana.id);
      return { db, ana, file, text: serializeProgress(file) };
    }

    it('not JSON', async () => {
      const { db } = await setup();
      await expectRefused(db, 'Name,Score\nAna,0.9\n', 'not-json', /not a ChartLab progress file \(it isn\u2019t JSON text\)/);
      await expectRefused(db, '<html>oops</html>', 'not-json', /isn\u2019t JSON/);
    });

    it('truncated', async () => {
      const { db, text } = await setup();
      await expectRefused(db, text.slice(0, Math.floor(text.length / 2)), 'incomplete', /the file is incomplete/);
      await expectRefused(db, text.slice(0, text.length - 3), 'incomplete', /the file is incomplete/);
      await expectRefused(db, '', 'incomplete', /the file is incomplete/);
    });

    it('wrong format', async () => {
      const { db, file } = await setup();
      await expectRefused(db, '{"hello": "world"}', 'wrong-format', /not a ChartLab progress file/);
      await expectRefused(db, '[1, 2, 3]', 'wrong-format', /not a ChartLab progress file/);
      await expectRefused(db, JSON.stringify({ format: 'chartlab.submission', version: 1, scenarioId: 'x', seed: 1, answers: {} }), 'wrong-format', /exercise submission/);
      await expectRefused(db, await resign({ ...file, version: 'one' as never }), 'wrong-format', /not a ChartLab progress file/);
    });

    it('tampered: one score changed after export', async () => {
      const { db, text } = await setup();
      const tampered = JSON.parse(text) as ProgressFile;
      tampered.attempts[0]!.score = 1;
      tampered.attempts[0]!.report.score = 1;
      await expectRefused(db, JSON.stringify(tampered), 'tampered', /the file was changed after export/);
      // Re-indenting or reordering keys is not a change.
      const reordered = JSON.parse(text) as Record<string, unknown>;
      const { checksum, ...rest } = reordered;
      const reversed = Object.fromEntries(Object.entries(rest).reverse());
      await expect(importProgress(db, JSON.stringify({ checksum, ...reversed }))).resolves.toMatchObject({ attemptsSkipped: 3 });
    });

    it('made by a newer ChartLab', async () => {
      const { db, file } = await setup();
      await expectRefused(db, await resign({ ...file, version: 2 as never, shinyNewThing: true } as never), 'newer-version', /made by a newer ChartLab.*update first/);
    });

    it('missing checksum, or valid checksum over invalid contents', async () => {
      const { db, file } = await setup();
      const { checksum: _c, ...unsigned } = file;
      await expectRefused(db, JSON.stringify(unsigned), 'invalid', /checksum missing/);
      const otherLearner = { ...file, attempts: [{ ...file.attempts[0]!, learnerId: 'someone-else' }] };
      await expectRefused(db, await resign(otherLearner), 'invalid', /attempts\.0\.learnerId/);
      const badBox = { ...file, quiz: { ...file.quiz, items: [{ ...file.quiz.items[0]!, box: 9 }] } };
      await expectRefused(db, await resign(badBox as never), 'invalid', /quiz\.items\.0\.box/);
    });
  });

  it('is all or nothing: a failure in the middle of the merge leaves nothing behind', async () => {
    const db = await freshDB();
    const { ana } = await seedLearner(db);
    const file = await exportProgress(db, ana.id);
    const other = await freshDB();
    const before = await dumpAll(other);
    other.quizItems.bulkPut = () => Promise.reject(new Error('disk error')) as never;
    await expect(importProgress(other, file)).rejects.toThrow('disk error');
    expect(await dumpAll(other)).toEqual(before);
  });
});
