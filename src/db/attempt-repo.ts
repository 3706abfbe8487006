import { GENERATOR_VERSION } from '@/domain/chart/chart-types';
import { SKILL_DOMAINS, type Scenario, type TaskKind } from '@/domain/scenario/scenario-schema';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import { APP_VERSION } from './app-version';
import { DraftConflictError, guardWrite, LearnerNotFoundError } from './db-errors';
import { newId } from './ids';
import { learnerRange } from './learner-range';
import { draftId, summarizeAttempt, type Attempt, type AttemptDomain, type AttemptSummary } from './records';
import type { TrainerDB } from './trainer-db';

/** The scenario facts an attempt records; a full Scenario fits. */
export type AttemptScenario = Pick<Scenario, 'id' | 'domain' | 'difficulty'> & {
  task: { kind: TaskKind };
  refDate?: string;
  schemaVersion?: number;
};

export interface SubmitAttemptInput {
  learnerId: string;
  scenario: AttemptScenario;
  seed: number;
  answers: Answers;
  report: ScoreReport;
  startedAt: number;
  elapsedMs: number;
  /** Default: now. */
  finishedAt?: number;
  assignmentId?: string;
  /** Default: APP_VERSION. */
  appVersion?: string;
  /**
   * Optional id chosen by the caller when the learner presses Submit. Submitting again with the
   * same id (a double click, a retry after an error) returns the stored attempt instead of a copy.
   */
  id?: string;
  /**
   * This tab's draft bookkeeping. When given, a newer draft saved by another tab blocks the
   * submit with DraftConflictError instead of being deleted unseen.
   */
  draft?: { expectedRevision: number; writerId: string };
}

/**
 * Stores a scored attempt and its summary, deletes the case's draft and marks the learner active,
 * all in ONE transaction: either the attempt is saved and the draft gone, or nothing changed
 * (the draft survives a failed submit).
 */
export async function submitAttempt(db: TrainerDB, input: SubmitAttemptInput): Promise<Attempt> {
  const { learnerId, scenario, seed, answers, report } = input;
  if (report.scenarioId !== scenario.id || report.seed !== seed) {
    throw new Error(`submitAttempt: the report is for ${report.scenarioId} seed ${report.seed}, not ${scenario.id} seed ${seed}`);
  }
  if (answers.kind !== scenario.task.kind) {
    throw new Error(`submitAttempt: ${answers.kind} answers for a ${scenario.task.kind} task`);
  }
  const finishedAt = input.finishedAt ?? Date.now();
  const attempt: Attempt = {
    id: input.id ?? newId(),
    learnerId,
    scenarioId: scenario.id,
    seed,
    kind: scenario.task.kind,
    domain: scenario.domain,
    difficulty: scenario.difficulty,
    startedAt: input.startedAt,
    finishedAt,
    elapsedMs: input.elapsedMs,
    answers,
    report,
    score: report.score,
    passed: report.passed,
    appVersion: input.appVersion ?? APP_VERSION,
    generatorVersion: GENERATOR_VERSION,
  };
  if (scenario.refDate !== undefined) attempt.refDate = scenario.refDate;
  if (scenario.schemaVersion !== undefined) attempt.scenarioVersion = scenario.schemaVersion;
  if (input.assignmentId !== undefined) attempt.assignmentId = input.assignmentId;
  const summary = summarizeAttempt(attempt);
  // An assignment attempt ends the assignment item's draft, never practice work on the same case.
  const draftKey = draftId(learnerId, scenario.id, seed, input.assignmentId);

  return guardWrite(() =>
    db.transaction('rw', [db.attempts, db.attemptSummaries, db.drafts, db.learners], async () => {
      const existing = await db.attempts.get(attempt.id);
      if (existing && existing.learnerId === learnerId) return existing;
      if (!(await db.learners.get(learnerId))) throw new LearnerNotFoundError(learnerId);
      if (input.draft) {
        const stored = await db.drafts.get(draftKey);
        if (stored && stored.revision > input.draft.expectedRevision && stored.writerId !== input.draft.writerId) {
          throw new DraftConflictError(draftKey, 'newer-elsewhere', input.draft.expectedRevision, {
            revision: stored.revision,
            writerId: stored.writerId,
            updatedAt: stored.updatedAt,
          });
        }
      }
      await db.attempts.add(attempt);
      await db.attemptSummaries.add(summary);
      await db.drafts.delete(draftKey);
      await db.learners.update(learnerId, { lastActiveAt: finishedAt });
      return attempt;
    }),
  );
}

/** One attempt with answers and report, or null if there is none for this learner. */
export async function getAttempt(db: TrainerDB, learnerId: string, attemptId: string): Promise<Attempt | null> {
  const attempt = await db.attempts.get(attemptId);
  return attempt && attempt.learnerId === learnerId ? attempt : null;
}

export interface AttemptFilters {
  domain?: AttemptDomain;
  kind?: TaskKind;
  scenarioId?: string;
  passed?: boolean;
  assignmentId?: string;
  /** finishedAt bounds, inclusive, epoch ms. */
  from?: number;
  to?: number;
  /** Default 'newest'. */
  order?: 'newest' | 'oldest';
  limit?: number;
}

/**
 * A learner's attempts as summaries (no answers, no report), newest first. The most selective
 * filter picks the index (scenario, then domain, then kind; each ordered by finishedAt with the
 * date bounds applied in the index); the rest are checked while reading.
 */
export async function listAttempts(db: TrainerDB, learnerId: string, filters: AttemptFilters = {}): Promise<AttemptSummary[]> {
  const { domain, kind, scenarioId, passed, assignmentId, from, to, order = 'newest', limit } = filters;
  const bounds = { from, to };
  let collection;
  if (scenarioId !== undefined) {
    collection = learnerRange(db.attemptSummaries, '[learnerId+scenarioId+finishedAt]', [learnerId, scenarioId], bounds);
  } else if (domain !== undefined) {
    collection = learnerRange(db.attemptSummaries, '[learnerId+domain+finishedAt]', [learnerId, domain], bounds);
  } else if (kind !== undefined) {
    collection = learnerRange(db.attemptSummaries, '[learnerId+kind+finishedAt]', [learnerId, kind], bounds);
  } else {
    collection = learnerRange(db.attemptSummaries, '[learnerId+finishedAt]', [learnerId], bounds);
  }
  const needsFilter =
    (scenarioId !== undefined && (domain !== undefined || kind !== undefined)) ||
    (domain !== undefined && kind !== undefined) ||
    passed !== undefined ||
    assignmentId !== undefined;
  if (needsFilter) {
    collection = collection.filter(
      (s) =>
        (domain === undefined || s.domain === domain) &&
        (kind === undefined || s.kind === kind) &&
        (passed === undefined || s.passed === passed) &&
        (assignmentId === undefined || s.assignmentId === assignmentId),
    );
  }
  if (order === 'newest') collection = collection.reverse();
  if (limit !== undefined) collection = collection.limit(limit);
  return collection.toArray();
}

/** Every summary of a learner, oldest first: the input of the dashboard computations. */
function loadSummaries(db: TrainerDB, learnerId: string): Promise<AttemptSummary[]> {
  return learnerRange(db.attemptSummaries, '[learnerId+finishedAt]', [learnerId]).toArray();
}

// --- Dashboard ------------------------------------------------------------------------------

export interface AccuracyPoint {
  /** The local calendar day, YYYY-MM-DD. */
  day: string;
  attempts: number;
  /** Mean score (0 to 1) of that day's attempts. */
  averageScore: number;
  passRate: number;
}

export interface DomainAccuracy {
  domain: AttemptDomain;
  attempts: number;
  averageScore: number;
  passRate: number;
  bestScore: number;
  lastAttemptAt: number;
}

export interface MissedErrorType {
  errorType: string;
  /** Report items about this error type that were missed or wrong, over all attempts. */
  missed: number;
  /** Attempts in which it was missed at least once. */
  attempts: number;
}

export interface ExerciseTime {
  scenarioId: string;
  attempts: number;
  averageMs: number;
  /** Less affected than the mean by a tab left open over lunch. */
  medianMs: number;
  fastestMs: number;
  /** The most recent attempt's time. */
  lastMs: number;
}

export interface Dashboard {
  totalAttempts: number;
  passedAttempts: number;
  /** Mean score over all attempts, 0 when there are none. */
  averageScore: number;
  accuracyOverTime: AccuracyPoint[];
  byDomain: DomainAccuracy[];
  mostMissedErrorTypes: MissedErrorType[];
  timePerExercise: ExerciseTime[];
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Daily accuracy in time order (summaries must be oldest first, as loadSummaries returns them). */
export function computeAccuracyOverTime(summaries: readonly AttemptSummary[]): AccuracyPoint[] {
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

export function computeAccuracyByDomain(summaries: readonly AttemptSummary[]): DomainAccuracy[] {
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
export function computeMostMissedErrorTypes(summaries: readonly AttemptSummary[]): MissedErrorType[] {
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
export function computeTimePerExercise(summaries: readonly AttemptSummary[]): ExerciseTime[] {
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

export async function accuracyOverTime(db: TrainerDB, learnerId: string): Promise<AccuracyPoint[]> {
  return computeAccuracyOverTime(await loadSummaries(db, learnerId));
}

export async function accuracyByDomain(db: TrainerDB, learnerId: string): Promise<DomainAccuracy[]> {
  return computeAccuracyByDomain(await loadSummaries(db, learnerId));
}

export async function mostMissedErrorTypes(db: TrainerDB, learnerId: string): Promise<MissedErrorType[]> {
  return computeMostMissedErrorTypes(await loadSummaries(db, learnerId));
}

export async function timePerExercise(db: TrainerDB, learnerId: string): Promise<ExerciseTime[]> {
  return computeTimePerExercise(await loadSummaries(db, learnerId));
}

/** All dashboard figures from ONE read of the learner's summaries (what useDashboard uses). */
export async function getDashboard(db: TrainerDB, learnerId: string): Promise<Dashboard> {
  return computeDashboard(await loadSummaries(db, learnerId));
}

/**
 * Rewrites a learner's (or everyone's) summaries from their attempts. For a future version whose
 * summary shape changes, and for repairs; normal writes keep summaries in step on their own.
 */
export function rebuildAttemptSummaries(db: TrainerDB, learnerId?: string): Promise<number> {
  return guardWrite(() =>
    db.transaction('rw', db.attempts, db.attemptSummaries, async () => {
      const summaries: AttemptSummary[] = [];
      const attempts = learnerId === undefined ? db.attempts.toCollection() : learnerRange(db.attempts, '[learnerId+finishedAt]', [learnerId]);
      await attempts.each((a) => {
        summaries.push(summarizeAttempt(a));
      });
      if (learnerId === undefined) await db.attemptSummaries.clear();
      else await learnerRange(db.attemptSummaries, '[learnerId+finishedAt]', [learnerId]).delete();
      await db.attemptSummaries.bulkPut(summaries);
      return summaries.length;
    }),
  );
}
