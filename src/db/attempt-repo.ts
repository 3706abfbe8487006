import { GENERATOR_VERSION } from '@/domain/chart/chart-types';
import type { Scenario, TaskKind } from '@/domain/scenario/scenario-schema';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import { APP_VERSION } from './app-version';
import { DraftConflictError, guardWrite, LearnerNotFoundError } from './db-errors';
import { newId } from './ids';
import { learnerRange } from './learner-range';
import { addToLearnerStats, buildAllLearnerStats, buildLearnerStats } from './learner-stats';
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
 * Stores a scored attempt and its summary, counts it in the learner's stats row, deletes the
 * case's draft and marks the learner active, all in ONE transaction: either the attempt is saved
 * and the draft gone, or nothing changed (the draft survives a failed submit). A re-submit of a
 * stored id returns early, so it is never counted twice.
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
    db.transaction('rw', [db.attempts, db.attemptSummaries, db.learnerStats, db.drafts, db.learners], async () => {
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
      await addToLearnerStats(db, learnerId, [summary]);
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

/**
 * Rewrites a learner's (or everyone's) summaries and stats rows from their attempts. For a future
 * version whose summary shape changes, and for repairs; normal writes keep both in step on their own.
 */
export function rebuildAttemptSummaries(db: TrainerDB, learnerId?: string): Promise<number> {
  return guardWrite(() =>
    db.transaction('rw', db.attempts, db.attemptSummaries, db.learnerStats, async () => {
      const summaries: AttemptSummary[] = [];
      const attempts = learnerId === undefined ? db.attempts.toCollection() : learnerRange(db.attempts, '[learnerId+finishedAt]', [learnerId]);
      await attempts.each((a) => {
        summaries.push(summarizeAttempt(a));
      });
      if (learnerId === undefined) {
        await db.attemptSummaries.clear();
        await db.learnerStats.clear();
        await db.learnerStats.bulkPut(buildAllLearnerStats(summaries));
      } else {
        await learnerRange(db.attemptSummaries, '[learnerId+finishedAt]', [learnerId]).delete();
        await db.learnerStats.put(buildLearnerStats(learnerId, summaries));
      }
      await db.attemptSummaries.bulkPut(summaries);
      return summaries.length;
    }),
  );
}
