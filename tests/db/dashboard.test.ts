import { afterEach, describe, expect, it } from 'vitest';
import { listAttempts, rebuildAttemptSummaries, submitAttempt, type AttemptScenario } from '@/db/attempt-repo';
import { createLearner } from '@/db/learner-repo';
import { addToLearnerStats, getDashboard, loadSummaries } from '@/db/learner-stats';
import { summarizeAttempt, type Attempt } from '@/db/records';
import type { TrainerDB } from '@/db/trainer-db';
import { SKILL_DOMAINS } from '@/domain/scenario/scenario-schema';
import type { Verdict } from '@/domain/scoring/score-types';
import { computeDashboard } from './dashboard-oracle';
import { emptyRecording, emptyValidation, makeReport, openTestDB, recordingScenario, validationScenario } from './db-test-utils';

let db: TrainerDB;
afterEach(() => db?.close());

/** Local times, so the day buckets don't depend on the machine's time zone. */
const day = (d: number, hour: number) => new Date(2026, 2, d, hour).getTime();

const medicationAudit: AttemptScenario = { id: 'medication-safety-audit', domain: 'data-quality', difficulty: 'advanced', task: { kind: 'validation' } };

describe('dashboard queries on a hand-checked set', () => {
  async function seed() {
    db = await openTestDB();
    const a = await createLearner(db, 'A');
    const b = await createLearner(db, 'B');
    const submit = (learnerId: string, scenario: AttemptScenario, score: number, finishedAt: number, elapsedMs: number, items: [Verdict, string?][] = []) =>
      submitAttempt(db, {
        learnerId,
        scenario,
        seed: 7,
        answers: scenario.task.kind === 'recording' ? emptyRecording : emptyValidation,
        report: makeReport(scenario, 7, score, items),
        startedAt: finishedAt - elapsedMs,
        elapsedMs,
        finishedAt,
      });
    await submit(a.id, validationScenario, 0.5, day(10, 9), 60_000, [['missing', 'unit-error'], ['wrong', 'unit-error'], ['missing', 'abnormal-not-flagged'], ['partial', 'unit-error'], ['correct', 'transposed-mrn'], ['extra']]);
    await submit(a.id, validationScenario, 1, day(10, 10), 30_000, [['correct', 'unit-error']]);
    await submit(a.id, recordingScenario, 0.8, day(11, 9), 120_000, [['missing'], ['wrong']]);
    await submit(a.id, medicationAudit, 0.25, day(12, 9), 90_000, [['missing', 'abnormal-not-flagged'], ['missing', 'transposed-mrn'], ['wrong', 'transposed-mrn'], ['missing', 'transposed-mrn']]);
    // B's work must not show up in A's figures.
    await submit(b.id, validationScenario, 0, day(10, 9), 999_000, [['missing', 'duplicate-entry']]);
    return { a, b };
  }

  it('accuracy over time, by local day', async () => {
    const { a } = await seed();
    expect((await getDashboard(db, a.id)).accuracyOverTime).toEqual([
      { day: '2026-03-10', attempts: 2, averageScore: 0.75, passRate: 0.5 },
      { day: '2026-03-11', attempts: 1, averageScore: 0.8, passRate: 1 },
      { day: '2026-03-12', attempts: 1, averageScore: 0.25, passRate: 0 },
    ]);
  });

  it('accuracy by domain, in the catalog order', async () => {
    const { a } = await seed();
    const { byDomain } = await getDashboard(db, a.id);
    expect(byDomain.map((d) => d.domain)).toEqual(['data-abstraction', 'data-quality']);
    expect(byDomain[0]).toEqual({ domain: 'data-abstraction', attempts: 1, averageScore: 0.8, passRate: 1, bestScore: 0.8, lastAttemptAt: day(11, 9) });
    expect(byDomain[1]).toMatchObject({ domain: 'data-quality', attempts: 3, bestScore: 1, lastAttemptAt: day(12, 9) });
    expect(byDomain[1]!.averageScore).toBeCloseTo((0.5 + 1 + 0.25) / 3, 10);
    expect(byDomain[1]!.passRate).toBeCloseTo(1 / 3, 10);
  });

  it('most missed error types count missing and wrong items only', async () => {
    const { a, b } = await seed();
    expect((await getDashboard(db, a.id)).mostMissedErrorTypes).toEqual([
      { errorType: 'transposed-mrn', missed: 3, attempts: 1 },
      { errorType: 'abnormal-not-flagged', missed: 2, attempts: 2 },
      { errorType: 'unit-error', missed: 2, attempts: 1 },
    ]);
    expect((await getDashboard(db, b.id)).mostMissedErrorTypes).toEqual([{ errorType: 'duplicate-entry', missed: 1, attempts: 1 }]);
  });

  it('time per exercise, by scenario', async () => {
    const { a } = await seed();
    expect((await getDashboard(db, a.id)).timePerExercise).toEqual([
      { scenarioId: 'allergy-intake-intro', attempts: 1, averageMs: 120_000, medianMs: 120_000, fastestMs: 120_000, lastMs: 120_000 },
      { scenarioId: 'lab-data-quality', attempts: 2, averageMs: 45_000, medianMs: 45_000, fastestMs: 30_000, lastMs: 30_000 },
      { scenarioId: 'medication-safety-audit', attempts: 1, averageMs: 90_000, medianMs: 90_000, fastestMs: 90_000, lastMs: 90_000 },
    ]);
  });

  it('the totals agree with the figures computed from every summary, and are empty for a new learner', async () => {
    const { a } = await seed();
    const dashboard = await getDashboard(db, a.id);
    expect(dashboard).toMatchObject({ totalAttempts: 4, passedAttempts: 2 });
    expect(dashboard.averageScore).toBeCloseTo((0.5 + 1 + 0.8 + 0.25) / 4, 10);
    expect(dashboard).toEqual(computeDashboard(await loadSummaries(db, a.id)));

    const fresh = await createLearner(db, 'New');
    expect(await getDashboard(db, fresh.id)).toEqual({ totalAttempts: 0, passedAttempts: 0, averageScore: 0, accuracyOverTime: [], byDomain: [], mostMissedErrorTypes: [], timePerExercise: [] });
  });

  it('summaries and stats rebuilt from the attempts give what was written on submit', async () => {
    const { a, b } = await seed();
    const written = await db.attemptSummaries.orderBy('id').toArray();
    const figures = [await getDashboard(db, a.id), await getDashboard(db, b.id)];
    expect(await rebuildAttemptSummaries(db, a.id)).toBe(4);
    expect(await rebuildAttemptSummaries(db)).toBe(5);
    expect(await db.attemptSummaries.orderBy('id').toArray()).toEqual(written);
    expect(await db.learnerStats.count()).toBe(2);
    expect([await getDashboard(db, a.id), await getDashboard(db, b.id)]).toEqual(figures);
  });
});

describe('dashboard queries on 10,000 attempts', () => {
  it('returns the right totals and filtered lists (timing is for npm run bench)', async () => {
    db = await openTestDB();
    const a = await createLearner(db, 'A');
    const b = await createLearner(db, 'B');
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const errorTypes = ['unit-error', 'abnormal-not-flagged', 'transposed-mrn', 'copy-forward'];
    const start = new Date(2025, 0, 1, 8).getTime();

    const make = (learnerId: string, i: number): Attempt => {
      const domain = SKILL_DOMAINS[i % SKILL_DOMAINS.length]!;
      const kind = i % 4 === 0 ? 'recording' : 'validation';
      const scenario: AttemptScenario = { id: `scenario-${i % 25}`, domain, difficulty: 'intro', task: { kind } };
      const score = Math.round(random() * 100) / 100;
      const items: [Verdict, string?][] = kind === 'validation' ? [[random() < 0.5 ? 'missing' : 'correct', errorTypes[i % errorTypes.length]], ['wrong', errorTypes[(i + 1) % errorTypes.length]]] : [['missing']];
      const finishedAt = start + i * 3_600_000; // one an hour: about 417 days
      return {
        id: `${learnerId}-${String(i).padStart(5, '0')}`,
        learnerId,
        scenarioId: scenario.id,
        seed: i,
        kind,
        domain,
        difficulty: 'intro',
        startedAt: finishedAt - 60_000,
        finishedAt,
        elapsedMs: 30_000 + (i % 7) * 10_000,
        answers: kind === 'recording' ? emptyRecording : emptyValidation,
        report: makeReport(scenario, i, score, items),
        score,
        passed: score >= 0.8,
        appVersion: 'test',
        generatorVersion: 'test',
      };
    };
    const attempts = [...Array.from({ length: 10_000 }, (_, i) => make(a.id, i)), ...Array.from({ length: 300 }, (_, i) => make(b.id, i))];
    await db.transaction('rw', db.attempts, db.attemptSummaries, db.learnerStats, async () => {
      await db.attempts.bulkAdd(attempts);
      for (const learner of [a, b]) {
        const summaries = attempts.filter((x) => x.learnerId === learner.id).map(summarizeAttempt);
        await db.attemptSummaries.bulkAdd(summaries);
        await addToLearnerStats(db, learner.id, summaries);
      }
    });
    const mine = attempts.filter((x) => x.learnerId === a.id);

    const dashboard = await getDashboard(db, a.id);
    expect(dashboard).toEqual(computeDashboard(await loadSummaries(db, a.id)));
    expect(dashboard.totalAttempts).toBe(10_000);
    expect(dashboard.passedAttempts).toBe(mine.filter((x) => x.passed).length);
    expect(dashboard.byDomain.map((d) => [d.domain, d.attempts])).toEqual(SKILL_DOMAINS.map((d) => [d, mine.filter((x) => x.domain === d).length]));
    expect(dashboard.accuracyOverTime.reduce((n, p) => n + p.attempts, 0)).toBe(10_000);
    expect(dashboard.timePerExercise).toHaveLength(25);
    const missedUnitErrors = mine.reduce((n, x) => n + x.report.items.filter((it) => it.errorType === 'unit-error' && (it.verdict === 'missing' || it.verdict === 'wrong')).length, 0);
    expect(dashboard.mostMissedErrorTypes.find((t) => t.errorType === 'unit-error')?.missed).toBe(missedUnitErrors);

    const newest = await listAttempts(db, a.id, { limit: 20 });
    expect(newest.map((s) => s.id)).toEqual(mine.slice(-20).reverse().map((x) => x.id));
    const passedInDomain = await listAttempts(db, a.id, { domain: 'mpi-integrity', passed: true });
    expect(passedInDomain).toHaveLength(mine.filter((x) => x.domain === 'mpi-integrity' && x.passed).length);
    const lastMonthOfScenario = await listAttempts(db, a.id, { scenarioId: 'scenario-3', from: start + 9_000 * 3_600_000 });
    expect(lastMonthOfScenario.map((s) => s.id)).toEqual(mine.filter((x) => x.scenarioId === 'scenario-3' && x.finishedAt >= start + 9_000 * 3_600_000).reverse().map((x) => x.id));
    expect((await getDashboard(db, b.id)).totalAttempts).toBe(300);
  });
});
