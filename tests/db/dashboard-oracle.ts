import type { AccuracyPoint, Dashboard, DomainAccuracy, ExerciseTime, MissedErrorType } from '@/db/learner-stats';
import type { AttemptDomain, AttemptSummary } from '@/db/records';
import { SKILL_DOMAINS } from '@/domain/scenario/scenario-schema';

/*
 * The dashboard as ChartLab computed it before version 3, straight from every summary of the
 * learner (oldest first, as the [learnerId+finishedAt] index returns them). Kept unchanged from
 * src/db/attempt-repo.ts at 864cd5a as the reference the stats row must reproduce exactly.
 */

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Daily accuracy in time order (summaries must be oldest first, as loadSummaries returns them). */
function computeAccuracyOverTime(summaries: readonly AttemptSummary[]): AccuracyPoint[] {
  const days = new Map<string, { attempts: number; scoreSum: number; passed: number }>();
  for (const s of summaries) {
    const key = localDay(s.finishedAt);
    const day = days.get(key) ?? { attempts: 0, scoreSum: 0, passed: 0 };
    day.attempts += 1;
    day.scoreSum += s.score;
    if (s.passed) day.passed += 1;
    days.set(key, day);
  }
  return [...days].map(([day, d]) => ({ day, attempts: d.attempts, averageScore: d.scoreSum / d.attempts, passRate: d.passed / d.attempts }));
}

const DOMAIN_ORDER: readonly AttemptDomain[] = [...SKILL_DOMAINS, 'unknown'];

function computeAccuracyByDomain(summaries: readonly AttemptSummary[]): DomainAccuracy[] {
  const byDomain = new Map<AttemptDomain, DomainAccuracy & { scoreSum: number; passed: number }>();
  for (const s of summaries) {
    const d = byDomain.get(s.domain) ?? { domain: s.domain, attempts: 0, averageScore: 0, passRate: 0, bestScore: 0, lastAttemptAt: 0, scoreSum: 0, passed: 0 };
    d.attempts += 1;
    d.scoreSum += s.score;
    if (s.passed) d.passed += 1;
    d.bestScore = Math.max(d.bestScore, s.score);
    d.lastAttemptAt = Math.max(d.lastAttemptAt, s.finishedAt);
    byDomain.set(s.domain, d);
  }
  return [...byDomain.values()]
    .sort((a, b) => DOMAIN_ORDER.indexOf(a.domain) - DOMAIN_ORDER.indexOf(b.domain))
    .map(({ scoreSum, passed, ...d }) => ({ ...d, averageScore: scoreSum / d.attempts, passRate: passed / d.attempts }));
}

/** Error types most often missed or got wrong, most missed first (ties by name). */
function computeMostMissedErrorTypes(summaries: readonly AttemptSummary[]): MissedErrorType[] {
  const byType = new Map<string, MissedErrorType>();
  for (const s of summaries) {
    for (const [errorType, count] of Object.entries(s.missedErrorTypes)) {
      const t = byType.get(errorType) ?? { errorType, missed: 0, attempts: 0 };
      t.missed += count;
      t.attempts += 1;
      byType.set(errorType, t);
    }
  }
  return [...byType.values()].sort((a, b) => b.missed - a.missed || a.errorType.localeCompare(b.errorType));
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Time spent per scenario, by scenario id (summaries oldest first, so "last" is the newest). */
function computeTimePerExercise(summaries: readonly AttemptSummary[]): ExerciseTime[] {
  const byScenario = new Map<string, number[]>();
  for (const s of summaries) {
    const times = byScenario.get(s.scenarioId) ?? [];
    times.push(s.elapsedMs);
    byScenario.set(s.scenarioId, times);
  }
  return [...byScenario]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([scenarioId, times]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return {
        scenarioId,
        attempts: times.length,
        averageMs: times.reduce((sum, t) => sum + t, 0) / times.length,
        medianMs: median(sorted),
        fastestMs: sorted[0]!,
        lastMs: times[times.length - 1]!,
      };
    });
}

export function computeDashboard(summaries: readonly AttemptSummary[]): Dashboard {
  const passedAttempts = summaries.filter((s) => s.passed).length;
  return {
    totalAttempts: summaries.length,
    passedAttempts,
    averageScore: summaries.length ? summaries.reduce((sum, s) => sum + s.score, 0) / summaries.length : 0,
    accuracyOverTime: computeAccuracyOverTime(summaries),
    byDomain: computeAccuracyByDomain(summaries),
    mostMissedErrorTypes: computeMostMissedErrorTypes(summaries),
    timePerExercise: computeTimePerExercise(summaries),
  };
}
