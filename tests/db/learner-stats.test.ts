import { describe, expect, it, vi } from 'vitest';
import { rebuildAttemptSummaries, submitAttempt, type AttemptScenario } from '@/db/attempt-repo';
import { exportProgress, importProgress } from '@/db/export-import';
import { createLearner, deleteLearner } from '@/db/learner-repo';
import { getDashboard, isCurrentStats, loadSummaries, STATS_LAYOUT } from '@/db/learner-stats';
import { summarizeAttempt, type Attempt, type AttemptSummary, type LearnerStats } from '@/db/records';
import type { TrainerDB } from '@/db/trainer-db';
import type { Verdict } from '@/domain/scoring/score-types';
import { computeDashboard } from './dashboard-oracle';
import { dumpAll, emptyRecording, emptyValidation, makeReport, recordingScenario, validationScenario, testDatabases } from './db-test-utils';

const freshDB = testDatabases();

const HOUR = 3_600_000;
/** Local time, so that some attempts share a local day and others don't, in any time zone. */
const T0 = new Date(2026, 2, 1, 9).getTime();

const SCENARIOS: AttemptScenario[] = [
  validationScenario,
  recordingScenario,
  { id: 'medication-safety-audit', domain: 'data-quality', difficulty: 'advanced', task: { kind: 'validation' } },
  { id: 'mpi-duplicates', domain: 'mpi-integrity', difficulty: 'intro', task: { kind: 'validation' } },
];
const ERROR_TYPES = ['unit-error', 'abnormal-not-flagged', 'transposed-mrn', 'copy-forward'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random attempt. Few distinct finish times, so many attempts tie on finishedAt and their
 * order comes from their ids; scores with three decimals, so sums depend on the order of adding.
 */
function randomAttempt(random: () => number, learnerId: string, n: number): Attempt {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const scenario = pick(SCENARIOS);
  const score = Math.round(random() * 1000) / 1000;
  const items: [Verdict, string?][] =
    scenario.task.kind === 'validation'
      ? Array.from({ length: Math.floor(random() * 4) }, () => [pick(['missing', 'wrong', 'correct', 'partial'] as const), pick(ERROR_TYPES)])
      : [['missing']];
  const report = makeReport(scenario, 7, score, items);
  const finishedAt = T0 + Math.floor(random() * 10) * 7 * HOUR;
  const elapsedMs = 1000 * Math.floor(1 + random() * 900);
  // 'unknown' can only come from the v2 upgrade or from a file; imports carry it here.
  const domain = random() < 0.1 ? 'unknown' : scenario.domain;
  return {
    id: `${learnerId}-${Math.floor(random() * 1e9).toString(36)}-${n}`,
    learnerId,
    scenarioId: scenario.id,
    seed: 7,
    kind: scenario.task.kind,
    domain,
    difficulty: scenario.difficulty,
    startedAt: finishedAt - elapsedMs,
    finishedAt,
    elapsedMs,
    answers: scenario.task.kind === 'recording' ? emptyRecording : emptyValidation,
    report,
    score,
    passed: report.passed,
    appVersion: 'test',
    generatorVersion: 'test',
  };
}

function submit(db: TrainerDB, a: Attempt) {
  const scenario = SCENARIOS.find((s) => s.id === a.scenarioId)!;
  return submitAttempt(db, { id: a.id, learnerId: a.learnerId, scenario, seed: a.seed, answers: a.answers, report: a.report, startedAt: a.startedAt, elapsedMs: a.elapsedMs, finishedAt: a.finishedAt });
}

/** A progress file with these attempts of `learnerId`, exported from a database of its own. */
async function fileWith(learnerId: string, attempts: Attempt[]) {
  const source = await freshDB();
  await source.learners.add({ id: learnerId, name: 'Source', createdAt: T0, lastActiveAt: T0 });
  await source.attempts.bulkAdd(attempts);
  return exportProgress(source, learnerId);
}

type Column = [finishedAt: number, score: number, elapsedMs: number, passed: boolean, domain: string, scenarioId: string];

/** The row's columns spelled out, one tuple per attempt. */
function decode(row: LearnerStats): Column[] {
  return Array.from(row.finishedAt, (t, i) => [t, row.score[i]!, row.elapsedMs[i]!, row.passed[i] === 1, row.domains[row.domain[i]!]!, row.scenarioIds[row.scenario[i]!]!]);
}
const project = (s: AttemptSummary): Column => [s.finishedAt, s.score, s.elapsedMs, s.passed, s.domain, s.scenarioId];

/** The dashboard from the row is exactly the one computed from every summary, and the row holds exactly the summaries. */
async function expectInStep(db: TrainerDB, learnerId: string) {
  const summaries = await loadSummaries(db, learnerId);
  expect(await getDashboard(db, learnerId)).toEqual(computeDashboard(summaries));
  const row = await db.learnerStats.get(learnerId);
  if (isCurrentStats(row)) expect(decode(row)).toEqual(summaries.map(project));
  return row;
}

describe('learner stats kept in step with the summaries', () => {
  it('for random attempts, submitted, re-submitted and imported in random order, the dashboard equals the one computed from every summary', async () => {
    for (let run = 0; run < 12; run++) {
      const random = mulberry32(9000 + run);
      const db = await freshDB();
      const ana = await createLearner(db, 'Ana');
      const ben = await createLearner(db, 'Ben');
      const pool = Array.from({ length: 30 }, (_, n) => randomAttempt(random, ana.id, n));
      let bens = 0;
      for (let step = 0; step < 20; step++) {
        const r = random();
        if (r < 0.45) {
          // Includes submitting an attempt that is already stored (a double click): no double counting.
          await submit(db, pool[Math.floor(random() * pool.length)]!);
        } else if (r < 0.75) {
          // A file overlapping what is stored: only the new attempts are added.
          const subset = pool.filter(() => random() < 0.3);
          if (subset.length) await importProgress(db, await fileWith('elsewhere', subset.map((a) => ({ ...a, learnerId: 'elsewhere' }))), { intoLearnerId: ana.id });
        } else if (r < 0.9) {
          await submit(db, randomAttempt(random, ben.id, 1000 + bens++));
        } else {
          await rebuildAttemptSummaries(db, random() < 0.5 ? ana.id : undefined);
        }
        await expectInStep(db, ana.id);
        await expectInStep(db, ben.id);
      }
      expect(isCurrentStats(await db.learnerStats.get(ana.id))).toBe(true);
      db.close();
    }
  });

  it('counts a re-submitted attempt once', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    const attempt = randomAttempt(mulberry32(1), ana.id, 0);
    await Promise.all([submit(db, attempt), submit(db, attempt)]);
    await submit(db, attempt);
    expect((await getDashboard(db, ana.id)).totalAttempts).toBe(1);
    expect((await db.learnerStats.get(ana.id))!.finishedAt).toHaveLength(1);
  });

  it('places an attempt that ties on finishedAt where the index has it, by id', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    const random = mulberry32(2);
    const at = (id: string, elapsedMs: number): Attempt => ({ ...randomAttempt(random, ana.id, 0), id, finishedAt: T0, startedAt: T0 - elapsedMs, elapsedMs, scenarioId: validationScenario.id, report: makeReport(validationScenario, 7, 0.5) });
    for (const [id, ms] of [['m', 2000], ['a', 1000], ['z', 3000], ['c', 4000]] as const) await submit(db, at(id, ms));
    const row = await expectInStep(db, ana.id);
    expect(Array.from(row!.elapsedMs)).toEqual([1000, 4000, 2000, 3000]);
    // "last" is the attempt the index puts last: id 'z'.
    expect((await getDashboard(db, ana.id)).timePerExercise[0]).toMatchObject({ attempts: 4, lastMs: 3000 });
  });

  it('rebuilds a row that disagrees with the index instead of merging into it', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    const random = mulberry32(3);
    const first = { ...randomAttempt(random, ana.id, 0), finishedAt: T0 };
    await submit(db, first);
    // Damage the row: it now claims a second attempt at the same time that the index doesn't have.
    const row = (await db.learnerStats.get(ana.id))!;
    const twice = <T extends Float64Array | Uint8Array | Uint32Array>(c: T) => {
      const out = new (c.constructor as new (n: number) => T)(2);
      out.set([c[0]!, c[0]!]);
      return out;
    };
    await db.learnerStats.put({ ...row, finishedAt: twice(row.finishedAt), score: twice(row.score), elapsedMs: twice(row.elapsedMs), passed: twice(row.passed), domain: twice(row.domain), scenario: twice(row.scenario) });
    expect((await getDashboard(db, ana.id)).totalAttempts).toBe(2);

    await submit(db, { ...randomAttempt(random, ana.id, 1), finishedAt: T0 });
    await expectInStep(db, ana.id);
    expect((await getDashboard(db, ana.id)).totalAttempts).toBe(2);
  });

  it('a missing row or one of an older layout: right figures at once, and the row is rebuilt once in the background', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    const random = mulberry32(4);
    for (let n = 0; n < 6; n++) await submit(db, randomAttempt(random, ana.id, n));
    const expected = computeDashboard(await loadSummaries(db, ana.id));

    for (const damage of [() => db.learnerStats.delete(ana.id), async () => db.learnerStats.put({ ...(await db.learnerStats.get(ana.id))!, layout: STATS_LAYOUT - 1 })]) {
      await damage();
      const puts = vi.spyOn(db.learnerStats, 'put');
      expect(await Promise.all([getDashboard(db, ana.id), getDashboard(db, ana.id), getDashboard(db, ana.id)])).toEqual([expected, expected, expected]);
      await vi.waitFor(async () => expect(isCurrentStats(await db.learnerStats.get(ana.id))).toBe(true));
      expect(puts).toHaveBeenCalledTimes(1);
      puts.mockRestore();
      await expectInStep(db, ana.id);
    }
  });

  it('a write to a learner whose row is missing rebuilds it from the summaries in the same transaction', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    const random = mulberry32(5);
    for (let n = 0; n < 4; n++) await submit(db, randomAttempt(random, ana.id, n));
    await db.learnerStats.delete(ana.id);
    await submit(db, randomAttempt(random, ana.id, 4));
    const row = await expectInStep(db, ana.id);
    expect(row?.finishedAt).toHaveLength(5);
  });

  it('a failed submit or import leaves the row as it was', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    const random = mulberry32(6);
    for (let n = 0; n < 3; n++) await submit(db, randomAttempt(random, ana.id, n));
    const before = await dumpAll(db);

    const realDelete = db.drafts.delete.bind(db.drafts);
    db.drafts.delete = () => Promise.reject(new Error('disk went away')) as never;
    await expect(submit(db, randomAttempt(random, ana.id, 3))).rejects.toThrow('disk went away');
    db.drafts.delete = realDelete;
    expect(await dumpAll(db)).toEqual(before);

    const file = await fileWith(ana.id, [randomAttempt(random, ana.id, 4), randomAttempt(random, ana.id, 5)]);
    db.quizItems.bulkPut = () => Promise.reject(new Error('disk error')) as never;
    await expect(importProgress(db, file)).rejects.toThrow('disk error');
    expect(await dumpAll(db)).toEqual(before);
  });

  it('deleting a learner deletes their row and leaves the others', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    const ben = await createLearner(db, 'Ben');
    const random = mulberry32(7);
    await submit(db, randomAttempt(random, ana.id, 0));
    await submit(db, randomAttempt(random, ben.id, 1));
    await deleteLearner(db, ana.id, { confirm: true });
    expect(await db.learnerStats.get(ana.id)).toBeUndefined();
    expect(await db.learnerStats.count()).toBe(1);
    await expectInStep(db, ben.id);
  });

  it('imports 2,000 attempts into a new learner without reading them back, with the same figures', async () => {
    const db = await freshDB();
    const random = mulberry32(8);
    const attempts = Array.from({ length: 2000 }, (_, n) => randomAttempt(random, 'traveller', n));
    const file = await fileWith('traveller', attempts);
    const reads = vi.spyOn(db.attemptSummaries, 'where');
    await importProgress(db, file);
    // One count of the learner's index keys, no read of the summaries (Table.where is how they would be read).
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    expect(await getDashboard(db, 'traveller')).toEqual(computeDashboard(attempts.map(summarizeAttempt).sort((a, b) => a.finishedAt - b.finishedAt || (a.id < b.id ? -1 : 1))));
    await expectInStep(db, 'traveller');
  });
});
