import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { listAttempts, submitAttempt } from '@/db/attempt-repo';
import { getDashboard, isCurrentStats, loadSummaries } from '@/db/learner-stats';
import { NewerDatabaseError } from '@/db/db-errors';
import { loadDraft, saveDraft } from '@/db/draft-repo';
import { summarizeAttempt, type Attempt } from '@/db/records';
import { openTrainerDB, readInstalledVersion } from '@/db/storage-status';
import { DB_VERSION, TrainerDB, scenarioLookupFrom } from '@/db/trainer-db';
import { computeDashboard } from './dashboard-oracle';
import { emptyRecording, emptyValidation, freshFactory, freshName, makeReport, recordingScenario, validationScenario } from './db-test-utils';

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const T0 = Date.UTC(2026, 3, 1, 12);

/** Exactly the v1 schema as shipped in trainer-db.ts, with nothing of v2. */
function v1Database(name: string, deps: ReturnType<typeof freshFactory>): Dexie {
  const db = new Dexie(name, deps);
  db.version(1).stores({
    learners: 'id',
    attempts: 'id, learnerId, [learnerId+finishedAt], [learnerId+scenarioId]',
    drafts: 'id, learnerId',
    settings: 'key',
  });
  return db;
}

/** A v1 attempt: no domain, difficulty or assignmentId. */
function v1Attempt(id: string, learnerId: string, scenarioId: string, finishedAt: number, score: number, items: Parameters<typeof makeReport>[3] = []) {
  const scenario = scenarioId === recordingScenario.id ? recordingScenario : { ...validationScenario, id: scenarioId };
  return {
    id,
    learnerId,
    scenarioId,
    seed: 7,
    kind: scenario.task.kind,
    startedAt: finishedAt - 60_000,
    finishedAt,
    elapsedMs: 55_000,
    answers: scenario.task.kind === 'recording' ? { kind: 'recording', allergies: [], problems: [], medications: [], labs: [], immunizations: [], vitals: [] } : emptyValidation,
    report: makeReport(scenario, 7, score, items),
    score,
    passed: score >= 0.8,
    appVersion: '0.0.9',
    generatorVersion: '0.9.0',
  };
}

describe('upgrade from version 1', () => {
  it('keeps every v1 record and fills domain, difficulty, summaries and draft revisions', async () => {
    const name = freshName();
    const deps = freshFactory();
    const old = v1Database(name, deps);
    const learners = [
      { id: 'l1', name: 'Ana', createdAt: T0, lastActiveAt: T0 },
      { id: 'l2', name: 'Ben', createdAt: T0, lastActiveAt: T0 },
    ];
    const attempts = [
      v1Attempt('a1', 'l1', 'lab-data-quality', T0 + 1000, 0.5, [['missing', 'unit-error'], ['wrong', 'unit-error'], ['correct', 'abnormal-not-flagged']]),
      v1Attempt('a2', 'l1', 'allergy-intake-intro', T0 + 2000, 0.9),
      v1Attempt('a3', 'l2', 'retired-scenario', T0 + 3000, 0.7, [['missing', 'transposed-mrn']]),
    ];
    const drafts = [{ id: 'l1:lab-data-quality:8', learnerId: 'l1', scenarioId: 'lab-data-quality', seed: 8, answers: emptyValidation, startedAt: T0, elapsedMs: 1234, updatedAt: T0 + 5 }];
    await old.table('learners').bulkAdd(learners);
    await old.table('attempts').bulkAdd(attempts);
    await old.table('drafts').bulkAdd(drafts);
    await old.table('settings').put({ key: 'activeLearnerId', value: 'l1' });
    old.close();

    const lookup = scenarioLookupFrom([
      { id: 'lab-data-quality', domain: 'data-quality', difficulty: 'intermediate' },
      { id: 'allergy-intake-intro', domain: 'data-abstraction', difficulty: 'intro' },
    ]);
    const db = new TrainerDB(name, { ...deps, scenarioLookup: lookup });
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);

    expect(await db.learners.toArray()).toEqual(learners);
    expect(await db.settings.get('activeLearnerId')).toEqual({ key: 'activeLearnerId', value: 'l1' });

    const upgraded = await db.attempts.orderBy('id').toArray();
    const filled: Record<string, [string, string]> = { a1: ['data-quality', 'intermediate'], a2: ['data-abstraction', 'intro'], a3: ['unknown', 'unknown'] };
    expect(upgraded).toEqual(attempts.map((a) => ({ ...a, domain: filled[a.id]![0], difficulty: filled[a.id]![1] })));

    expect(await db.attemptSummaries.orderBy('id').toArray()).toEqual(upgraded.map((a) => summarizeAttempt(a as Attempt)));
    expect((await listAttempts(db, 'l1', { domain: 'data-quality' })).map((s) => s.id)).toEqual(['a1']);
    expect((await getDashboard(db, 'l1')).mostMissedErrorTypes).toEqual([{ errorType: 'unit-error', missed: 2, attempts: 1 }]);
    expect((await getDashboard(db, 'l2')).byDomain.map((d) => d.domain)).toEqual(['unknown']);
    // v2 → v3 ran too: both learners have a current stats row giving the same figures as their summaries.
    for (const learnerId of ['l1', 'l2']) {
      expect(isCurrentStats(await db.learnerStats.get(learnerId))).toBe(true);
      expect(await getDashboard(db, learnerId)).toEqual(computeDashboard(await loadSummaries(db, learnerId)));
    }

    const draft = await loadDraft(db, 'l1', 'lab-data-quality', 8);
    expect(draft).toEqual({ ...drafts[0], revision: 1, writerId: 'upgrade-v2' });
    // An upgraded draft takes part in conflict detection like any other.
    await expect(saveDraft(db, 'l1', 'lab-data-quality', 8, emptyValidation, 2000, { expectedRevision: 0, writerId: 'tab-new' })).rejects.toMatchObject({ reason: 'newer-elsewhere' });
    expect(await saveDraft(db, 'l1', 'lab-data-quality', 8, emptyValidation, 2000, { expectedRevision: 1, writerId: 'tab-new' })).toBe(2);
  });
});

/** Exactly the v2 schema as shipped in trainer-db.ts (a v2 app creating a new database writes this). */
function v2Database(name: string, deps: ReturnType<typeof freshFactory>): Dexie {
  const db = new Dexie(name, deps);
  db.version(2).stores({
    learners: 'id, lastActiveAt',
    attempts: 'id, [learnerId+finishedAt]',
    attemptSummaries:
      'id, [learnerId+finishedAt], [learnerId+domain+finishedAt], [learnerId+kind+finishedAt], [learnerId+scenarioId+finishedAt], assignmentId',
    drafts: 'id, [learnerId+updatedAt]',
    quizSessions: 'id, [learnerId+startedAt]',
    quizItems: 'id, [learnerId+dueAt], [learnerId+topic]',
    assignments: 'id, importedAt, learnerId',
    authoredScenarios: 'id, updatedAt',
    settings: 'key',
  });
  return db;
}

/** A v2 attempt, as the v2 submitAttempt stored it. */
function v2Attempt(id: string, learnerId: string, scenario: typeof validationScenario, finishedAt: number, score: number, items: Parameters<typeof makeReport>[3] = [], extra: Partial<Attempt> = {}): Attempt {
  return {
    id,
    learnerId,
    scenarioId: scenario.id,
    seed: 7,
    kind: scenario.task.kind,
    domain: scenario.domain,
    difficulty: scenario.difficulty,
    startedAt: finishedAt - 60_000,
    finishedAt,
    elapsedMs: 30_000 + (finishedAt % 7) * 1000,
    answers: scenario.task.kind === 'recording' ? emptyRecording : emptyValidation,
    report: makeReport(scenario, 7, score, items),
    score,
    passed: score >= 0.8,
    appVersion: '0.1.0',
    generatorVersion: '1.0.0',
    refDate: '2026-05-01',
    scenarioVersion: 1,
    ...extra,
  };
}

describe('upgrade from version 2', () => {
  it('keeps every v2 record and builds each learner\u2019s stats row from the summaries', async () => {
    const name = freshName();
    const deps = freshFactory();
    const old = v2Database(name, deps);
    const learners = [
      { id: 'l1', name: 'Ana', createdAt: T0, lastActiveAt: T0 + 9000 },
      { id: 'l2', name: 'Ben', createdAt: T0, lastActiveAt: T0 + 500 },
      { id: 'l3', name: 'Cleo, who has not submitted anything', createdAt: T0, lastActiveAt: T0 },
    ];
    const attempts = [
      v2Attempt('a1', 'l1', validationScenario, T0 + 1000, 0.5, [['missing', 'unit-error'], ['wrong', 'unit-error'], ['correct', 'abnormal-not-flagged']]),
      v2Attempt('a2', 'l1', recordingScenario, T0 + 2000, 0.9),
      // Same finish time as a4: the index orders them by id.
      v2Attempt('a5', 'l1', validationScenario, T0 + 86_400_000, 0.35, [['missing', 'transposed-mrn']], { assignmentId: 'week-3' }),
      v2Attempt('a4', 'l1', validationScenario, T0 + 86_400_000, 0.7, [['wrong', 'unit-error']]),
      v2Attempt('a3', 'l2', { ...validationScenario, id: 'retired-scenario' }, T0 + 3000, 0.2, [['missing', 'duplicate-entry']], { domain: 'unknown', difficulty: 'unknown' }),
    ];
    const summaries = attempts.map(summarizeAttempt);
    const drafts = [
      { id: 'l1:lab-data-quality:8', learnerId: 'l1', scenarioId: 'lab-data-quality', seed: 8, answers: emptyValidation, startedAt: T0, elapsedMs: 1234, updatedAt: T0 + 5, revision: 4, writerId: 'tab-x', generatorVersion: '1.0.0' },
      { id: 'l3:allergy-intake-intro:2', learnerId: 'l3', scenarioId: 'allergy-intake-intro', seed: 2, answers: emptyRecording, startedAt: T0, elapsedMs: 10, updatedAt: T0 + 6, revision: 1, writerId: 'tab-y' },
    ];
    const quizSessions = [{ id: 'q1', learnerId: 'l2', seed: 5, topics: ['icd10'], startedAt: T0, finishedAt: T0 + 60_000, questionCount: 2, correctCount: 1, itemKeys: ['k1', 'k2'], details: { asked: [1, 2] } }];
    const quizItems = [
      { id: 'l2:k1', learnerId: 'l2', itemKey: 'k1', topic: 'icd10', box: 2, dueAt: T0 + 86_400_000, seen: 1, correct: 1, lastSeenAt: T0 },
      { id: 'l2:k2', learnerId: 'l2', itemKey: 'k2', topic: 'icd10', box: 1, dueAt: T0, seen: 1, correct: 0, lastSeenAt: T0 },
    ];
    const assignments = [
      { id: 'week-3', payload: { format: 'chartlab.assignment', version: 1, title: 'Week 3' }, importedAt: T0 },
      { id: 'make-up', payload: { format: 'chartlab.assignment', version: 1, title: 'Make-up' }, importedAt: T0 + 1, learnerId: 'l2' },
    ];
    const authoredScenarios = [{ id: 'my-scenario', scenario: { id: 'my-scenario', title: 'Mine' }, updatedAt: T0 }];
    const settings = [
      { key: 'activeLearnerId', value: 'l1' },
      { key: 'storageNoticeDismissedAt', value: T0 },
    ];
    const written = { learners, attempts, attemptSummaries: summaries, drafts, quizSessions, quizItems, assignments, authoredScenarios, settings };
    for (const [table, rows] of Object.entries(written)) await old.table(table).bulkAdd(rows);
    old.close();

    const db = new TrainerDB(name, deps);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);

    const byKey = (rows: object[], key: string) => [...rows].sort((a, b) => String((a as Record<string, unknown>)[key]).localeCompare(String((b as Record<string, unknown>)[key])));
    for (const [table, rows] of Object.entries(written)) {
      const key = table === 'settings' ? 'key' : 'id';
      expect(await db.table(table).toArray(), table).toEqual(byKey(rows, key));
    }

    expect((await db.learnerStats.toArray()).map((row) => row.learnerId).sort()).toEqual(['l1', 'l2']);
    for (const learnerId of ['l1', 'l2']) {
      const row = await db.learnerStats.get(learnerId);
      expect(isCurrentStats(row)).toBe(true);
      const mine = await loadSummaries(db, learnerId);
      expect(Array.from(row!.finishedAt)).toEqual(mine.map((s) => s.finishedAt));
      expect(await getDashboard(db, learnerId)).toEqual(computeDashboard(mine));
    }
    const ana = await getDashboard(db, 'l1');
    expect(ana).toMatchObject({ totalAttempts: 4, passedAttempts: 1 });
    expect(ana.mostMissedErrorTypes).toEqual([
      { errorType: 'unit-error', missed: 3, attempts: 2 },
      { errorType: 'transposed-mrn', missed: 1, attempts: 1 },
    ]);
    // a4 and a5 finished at the same time; a5 comes last in the index, so its time is the "last".
    expect(ana.timePerExercise.find((t) => t.scenarioId === 'lab-data-quality')).toMatchObject({ attempts: 3, lastMs: attempts[2]!.elapsedMs });
    expect((await getDashboard(db, 'l2')).byDomain).toEqual([{ domain: 'unknown', attempts: 1, averageScore: 0.2, passRate: 0, bestScore: 0.2, lastAttemptAt: T0 + 3000 }]);
    expect(await getDashboard(db, 'l3')).toMatchObject({ totalAttempts: 0, accuracyOverTime: [] });

    // The upgraded database goes on working: a new submit is counted on top of the upgraded row.
    await submitAttempt(db, { learnerId: 'l1', scenario: recordingScenario, seed: 3, answers: emptyRecording, report: makeReport(recordingScenario, 3, 1), startedAt: T0, elapsedMs: 5000, finishedAt: T0 + 2 * 86_400_000 });
    expect(await getDashboard(db, 'l1')).toEqual(computeDashboard(await loadSummaries(db, 'l1')));
    expect((await getDashboard(db, 'l1')).totalAttempts).toBe(5);
  });
});

describe('a database from a newer ChartLab', () => {
  async function newerDatabase(version = 99) {
    const name = freshName();
    const deps = freshFactory();
    const future = new Dexie(name, deps);
    future.version(version).stores({ learners: 'id, nickname', attempts: 'id, learnerId', learnerStats: 'learnerId, layout', flashcards: 'id' });
    await future.table('learners').add({ id: 'l1', name: 'Ana', nickname: 'A', createdAt: 1, lastActiveAt: 1 });
    await future.table('attempts').add({ id: 'a1', learnerId: 'l1', shapeOfTheFuture: true });
    await future.table('flashcards').add({ id: 'f1' });
    future.close();
    return { name, deps };
  }

  async function rawContents(name: string, deps: ReturnType<typeof freshFactory>) {
    const db = new Dexie(name, deps);
    opened.push(db);
    await db.open(); // no version declared: opens whatever is there, read-only use
    const out: Record<string, unknown[]> = {};
    for (const table of db.tables) out[table.name] = await table.toArray();
    db.close();
    return { version: db.verno, tables: out };
  }

  it('says so plainly, falls back to memory and leaves the stored data exactly as it was', async () => {
    const { name, deps } = await newerDatabase();
    const before = await rawContents(name, deps);
    expect(await readInstalledVersion(deps.indexedDB, name)).toBe(990);

    const { db, status } = await openTrainerDB({ name, ...deps, storageManager: null });
    opened.push(db);
    expect(status.mode).toBe('memory');
    expect(status.problem).toBe('newer-version');
    expect(status.reason).toMatch(/This browser holds ChartLab data from a newer version of ChartLab/);
    expect(status.reason).toMatch(/Nothing has been changed or deleted/);
    expect(status.error).toBeInstanceOf(NewerDatabaseError);
    // The app still works, in memory.
    expect(await db.learners.count()).toBe(0);

    expect(await rawContents(name, deps)).toEqual(before);
    expect(await readInstalledVersion(deps.indexedDB, name)).toBe(990);
  });

  it.each([DB_VERSION + 1, 99])('version %i is refused, untouched, even when TrainerDB is opened directly (not through openTrainerDB)', async (version) => {
    const { name, deps } = await newerDatabase(version);
    const before = await rawContents(name, deps);
    const db = new TrainerDB(name, deps);
    opened.push(db);
    const error = await db.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewerDatabaseError);
    expect(error).toMatchObject({ installedVersion: version, supportedVersion: DB_VERSION });
    // Plain Dexie 4 would have opened it and added our missing tables; TrainerDB looks first.
    expect(await rawContents(name, deps)).toEqual(before);
    expect(await readInstalledVersion(deps.indexedDB, name)).toBe(version * 10);
  });

  it('after another tab upgrades it, this tab stops instead of reopening it', async () => {
    const name = freshName();
    const deps = freshFactory();
    const versionChanges: number[] = [];
    const { db } = await openTrainerDB({ name, ...deps, storageManager: null, onVersionChange: () => versionChanges.push(1) });
    opened.push(db);
    const future = new Dexie(name, deps);
    opened.push(future);
    future.version(DB_VERSION + 1).stores({ learners: 'id, nickname' });
    await future.open(); // the old tab's connection is closed for the upgrade
    expect(versionChanges).toEqual([1]);
    await expect(db.learners.count()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
    future.close();
    await expect(db.open()).rejects.toBeInstanceOf(NewerDatabaseError);
  });
});

describe('a database that does not exist yet', () => {
  it('is not created by the version check', async () => {
    const deps = freshFactory();
    const name = freshName();
    expect(await readInstalledVersion(deps.indexedDB, name)).toBeNull();
    expect(await readInstalledVersion(deps.indexedDB, name)).toBeNull();
    const { db, status } = await openTrainerDB({ name, ...deps, storageManager: null });
    opened.push(db);
    expect(status.mode).toBe('best-effort');
    expect(await readInstalledVersion(deps.indexedDB, name)).toBe(DB_VERSION * 10);
  });
});
