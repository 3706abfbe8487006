import type { Difficulty, Scenario, SkillDomain, TaskKind } from '@/domain/scenario/scenario-schema';
import type { Answers } from '@/domain/scoring/submission-schema';
import type { ScoreReport } from '@/domain/scoring/score-types';

/**
 * The shapes stored in TrainerDB (current version, see DB_VERSION in trainer-db.ts). All times
 * are epoch milliseconds (numbers index and sort well in IndexedDB and survive JSON unchanged).
 * Every learner-owned record carries `learnerId`, and every query that reads one is scoped by it.
 */

/** Attempts made before the v2 upgrade could not always be placed in a domain / difficulty. */
export type AttemptDomain = SkillDomain | 'unknown';
export type AttemptDifficulty = Difficulty | 'unknown';

/** A person using this browser. No password: lab computers are shared, and the data stays local. */
export interface Learner {
  id: string;
  name: string;
  createdAt: number;
  /** Last submit or activation; lets the picker put the most recent learners first. */
  lastActiveAt: number;
}

/** One submitted, scored exercise. Written once by submitAttempt and never edited afterwards. */
export interface Attempt {
  id: string;
  learnerId: string;
  scenarioId: string;
  seed: number;
  kind: TaskKind;
  domain: AttemptDomain;
  difficulty: AttemptDifficulty;
  startedAt: number;
  finishedAt: number;
  /** Time actually spent working (the UI pauses the clock when the tab is hidden). */
  elapsedMs: number;
  answers: Answers;
  report: ScoreReport;
  /** Copied from the report: 0 to 1. */
  score: number;
  passed: boolean;
  appVersion: string;
  /** GENERATOR_VERSION at submit: the same seed gives the same chart only under the same generator. */
  generatorVersion: string;
  /** The scenario's refDate and schemaVersion at submit (STYLE §4: enough to rebuild the case). */
  refDate?: string;
  scenarioVersion?: number;
  assignmentId?: string;
}

/**
 * The small, derived part of an attempt that lists and dashboards read, so they never load
 * `answers` and `report` (a report is tens of kilobytes; 10,000 of them would be hundreds of MB).
 * It is rebuilt from the attempt by `summarizeAttempt` and never written on its own.
 */
export interface AttemptSummary {
  id: string;
  learnerId: string;
  scenarioId: string;
  seed: number;
  kind: TaskKind;
  domain: AttemptDomain;
  difficulty: AttemptDifficulty;
  startedAt: number;
  finishedAt: number;
  elapsedMs: number;
  score: number;
  passed: boolean;
  earned: number;
  possible: number;
  /** For each error type: how many report items about it were missed or wrong. Empty for non-validation tasks. */
  missedErrorTypes: Record<string, number>;
  assignmentId?: string;
}

/**
 * Everything the Progress dashboard shows for one learner, in ONE row (added in v3), so the
 * dashboard reads this row and the first page of history instead of every summary (10,000
 * summaries are 3 MB; reading them took longer than the dashboard's 100 ms budget).
 *
 * Derived from the learner's attemptSummaries and written in the same transaction as every write
 * to them (learner-stats.ts). The per-attempt columns are typed arrays (structured clone copies
 * them as blocks) in the order of the `[learnerId+finishedAt]` index: finishedAt, then id. The
 * figures are computed from them at read time, in that order, so they come out exactly as reading
 * every summary would give them (floating-point sums included), in the reader's time zone.
 * A row whose `layout` is not the current one is rebuilt from the summaries before it is used.
 */
export interface LearnerStats {
  learnerId: string;
  /** STATS_LAYOUT of the code that wrote it. */
  layout: number;
  finishedAt: Float64Array;
  score: Float64Array;
  elapsedMs: Float64Array;
  /** 1 = passed. */
  passed: Uint8Array;
  /** Index into `domains`. */
  domain: Uint32Array;
  /** Index into `scenarioIds`. */
  scenario: Uint32Array;
  domains: AttemptDomain[];
  scenarioIds: string[];
  /**
   * Summed over all attempts: for each error type, the report items missed or wrong (`missed`)
   * and the attempts with at least one (`attempts`). Counts, so the order of adding doesn't matter.
   */
  missedErrorTypes: { errorType: string; missed: number; attempts: number }[];
}

/**
 * Work in progress on one case (scenario + seed, and the assignment when it is an assignment item)
 * for one learner. Deleted when the attempt is submitted.
 */
export interface Draft {
  /** `${learnerId}:${scenarioId}:${seed}`, plus `:assignment:${assignmentId}` for an assignment item (see draftId). */
  id: string;
  learnerId: string;
  scenarioId: string;
  seed: number;
  answers: Answers;
  startedAt: number;
  elapsedMs: number;
  updatedAt: number;
  /** Incremented on every save; a save must name the revision it was based on. */
  revision: number;
  /** The tab (see createWriterId) that wrote this revision. */
  writerId: string;
  generatorVersion?: string;
  /** Set for an assignment item's work: part of the id, and copied to the attempt on submit. */
  assignmentId?: string;
}

/**
 * One run through a quiz (for the quiz module, src/domain/quiz; adopt or extend).
 * Anything quiz-specific (the questions asked, the options chosen) goes in `details`, which this
 * layer stores and exports but does not interpret.
 */
export interface QuizSession {
  id: string;
  learnerId: string;
  /** The seed the quiz was generated from, so the same questions can be shown again. */
  seed: number;
  /** Topic or topics the learner chose; free text owned by the quiz module. */
  topics: string[];
  startedAt: number;
  /** Absent while the quiz is in progress. */
  finishedAt?: number;
  questionCount: number;
  correctCount: number;
  /** The itemKeys asked, in order. */
  itemKeys: string[];
  details?: unknown;
}

export type LeitnerBox = 1 | 2 | 3 | 4 | 5;

/**
 * Per-learner statistics for one quiz item, for spaced repetition with Leitner boxes: a right
 * answer moves the item up a box (longer interval), a wrong one back to box 1. The scheduling
 * rule itself is domain logic and belongs in src/domain/quiz; this record only stores its state.
 */
export interface QuizItemStats {
  /** `${learnerId}:${itemKey}` (see quizItemId). */
  id: string;
  learnerId: string;
  /** A stable key for the question from the quiz module, e.g. "icd10:E11.9:meaning". */
  itemKey: string;
  topic: string;
  box: LeitnerBox;
  /** When the item should be asked again. */
  dueAt: number;
  seen: number;
  correct: number;
  lastSeenAt: number;
}

/**
 * An instructor assignment imported from a file. The payload's shape belongs to the assignments
 * feature; it should carry its own `format` and `version` (like the progress file) so it can be
 * migrated. Attempts made for it carry `assignmentId`.
 */
export interface AssignmentRecord {
  id: string;
  payload: unknown;
  importedAt: number;
  /** Set when imported for one learner; absent when it is meant for everyone on this computer. */
  learnerId?: string;
}

/** A scenario written or edited by an instructor in the app (validate with scenarioSchema before saving). */
export interface AuthoredScenarioRecord {
  id: string;
  scenario: Scenario;
  updatedAt: number;
}

/** A key-value setting; typed access goes through settings-repo (SettingsValues). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * The id of a learner's draft of one case. An assignment item is its own case even when it uses
 * the same scenario and seed as free practice or as another assignment: its attempts count
 * against that assignment, so its work must not resume in (or be deleted by a submit of) another.
 * Practice keeps the original `learner:scenario:seed` form, so drafts saved before this still
 * resume (no schema change: the key is the primary key's value, not a new index). Learner ids are
 * UUIDs, scenario ids kebab-case and assignment ids have no ':' (assignmentIdSchema), so the two
 * forms can't collide.
 */
export function draftId(learnerId: string, scenarioId: string, seed: number, assignmentId?: string): string {
  const base = `${learnerId}:${scenarioId}:${seed}`;
  return assignmentId === undefined ? base : `${base}:assignment:${assignmentId}`;
}

export function quizItemId(learnerId: string, itemKey: string): string {
  return `${learnerId}:${itemKey}`;
}

const MISSED_VERDICTS = new Set(['missing', 'wrong']);

/** The summary row of an attempt. Pure; used on submit, import, and in the v2 upgrade. */
export function summarizeAttempt(attempt: Attempt): AttemptSummary {
  const missedErrorTypes: Record<string, number> = {};
  for (const item of attempt.report.items) {
    if (item.errorType && MISSED_VERDICTS.has(item.verdict)) {
      missedErrorTypes[item.errorType] = (missedErrorTypes[item.errorType] ?? 0) + 1;
    }
  }
  const summary: AttemptSummary = {
    id: attempt.id,
    learnerId: attempt.learnerId,
    scenarioId: attempt.scenarioId,
    seed: attempt.seed,
    kind: attempt.kind,
    domain: attempt.domain,
    difficulty: attempt.difficulty,
    startedAt: attempt.startedAt,
    finishedAt: attempt.finishedAt,
    elapsedMs: attempt.elapsedMs,
    score: attempt.score,
    passed: attempt.passed,
    earned: attempt.report.earned,
    possible: attempt.report.possible,
    missedErrorTypes,
  };
  if (attempt.assignmentId !== undefined) summary.assignmentId = attempt.assignmentId;
  return summary;
}
