import { GENERATOR_VERSION } from '@/domain/chart/chart-types';
import { buildExercise, scoreAnswers, type ExerciseInputs } from '@/domain/exercise/build-exercise';
import type { Exercise } from '@/domain/exercise/exercise-types';
import type { Scenario, TaskKind } from '@/domain/scenario/scenario-schema';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import { itemScenarioId, resolveItemScenario, type AssignmentFile } from './assignment';
import type { Hashing } from './hashing';
import { readResult, type ResultFile, type ResultItem, type ResultLearner } from './result';

/**
 * The gradebook: many result files in, one table per assignment out (learners × items), with
 * every file accounted for. A file is counted only when it is intact (its integrity hash
 * matches), belongs to the assignment as the instructor made it, and every stored score equals
 * the score its answers get when re-scored now ("re-scoring with the current key"). Everything
 * else is flagged with the reason, never silently counted: tampered, score changed, duplicate,
 * replaced by a newer export of the same learner, unreadable.
 */

export type FileStatus =
  | 'counted'
  /** An older export from the same learner for the same assignment; the newest one counts. */
  | 'superseded'
  /** The same learner, assignment and attempts as a file already counted. */
  | 'duplicate'
  /** The integrity hash does not match, or items do not match the assignment. */
  | 'tampered'
  /** A stored score differs from re-scoring the stored answers. */
  | 'score-mismatch'
  /** The embedded assignment differs from the instructor's (or from the other files'). */
  | 'assignment-mismatch'
  /** A scenario is unknown here or its exercise could not be built. */
  | 'unscorable'
  /** Not JSON, not a result file, or damaged. */
  | 'unreadable';

export interface FileVerdict {
  fileName: string;
  status: FileStatus;
  /** Plain words: what is wrong, or what was counted. */
  message: string;
  learnerName?: string;
  assignmentId?: string;
}

export interface GradedItem {
  index: number;
  scenarioId: string;
  seed: number;
  /** Re-scored now, 0 to 1. */
  score: number;
  /** What the file said the learner scored. Equal to `score` for every counted file. */
  storedScore: number;
  passed: boolean;
  earned: number;
  possible: number;
  elapsedMs: number;
  startedAt: string;
  finishedAt: string;
  attemptNumber: number;
  attemptsUsed: number;
  answers: Answers;
  /** The full report, as the learner saw it (same scenario, seed, answers and key). */
  report: ScoreReport;
}

export interface GradebookRow {
  /** Student id (case-folded) when the learner gave one, else the learner's local id. */
  learnerKey: string;
  learner: ResultLearner;
  fileName: string;
  exportedAt: string;
  /** One per assignment item, in order; null when the learner did not submit that item. */
  items: (GradedItem | null)[];
  /** Mean of the item scores, a missing item counting 0. */
  total: number;
  passed: boolean;
  /** Time spent on the counted attempts. */
  elapsedMs: number;
  appVersion: string;
  generatorVersion: string;
}

export interface GradebookColumn {
  index: number;
  scenarioId: string;
  title: string;
  seed: number;
  kind: TaskKind;
  /** The scenario as graded (the assignment's pass mark applied); undefined when unknown here. */
  scenario?: Scenario;
}

export interface AssignmentGradebook {
  assignment: AssignmentFile;
  columns: GradebookColumn[];
  /** By learner name. */
  rows: GradebookRow[];
}

export interface Gradebook {
  assignments: AssignmentGradebook[];
  /** Every input file, in input order, with what happened to it. */
  files: FileVerdict[];
}

export interface GradeInputFile {
  name: string;
  /** The file's text (or already parsed JSON). */
  content: unknown;
}

export interface GradeOptions {
  hashing: Hashing;
  /** Shipped scenarios by id. */
  lookupScenario: (id: string) => Scenario | undefined;
  /** Imported charts for scenarios that name a FHIR bundle (the CLI reads them from scenarios/). */
  inputsFor?: (scenario: Scenario) => ExerciseInputs;
  /**
   * The instructor's own copies of the assignments. A result whose embedded assignment has the
   * same id but another checksum was made for a changed copy and is flagged.
   */
  knownAssignments?: readonly AssignmentFile[];
}

const SCORE_TOLERANCE = 1e-9;

export function learnerKeyOf(learner: ResultLearner): string {
  const studentId = learner.studentId?.trim();
  return studentId ? `student:${studentId.toLowerCase()}` : `local:${learner.id}`;
}

interface Candidate {
  order: number;
  fileName: string;
  result: ResultFile;
  items: GradedItem[];
}

type Verdicts = (FileVerdict | undefined)[];

export async function gradeResults(files: readonly GradeInputFile[], options: GradeOptions): Promise<Gradebook> {
  const verdicts: Verdicts = new Array(files.length);
  const known = new Map((options.knownAssignments ?? []).map((a) => [a.id, a]));
  const canonical = new Map<string, AssignmentFile>(known);
  const exercises = new Map<string, Exercise | Error>();
  const candidates: Candidate[] = [];

  const reads = await Promise.all(files.map((f) => readResult(f.content, options.hashing)));
  reads.forEach((read, order) => {
    const fileName = (files[order] as GradeInputFile).name;
    const flag = (status: FileStatus, message: string, result?: ResultFile) => {
      verdicts[order] = {
        fileName,
        status,
        message,
        ...(result ? { learnerName: result.learner.name, assignmentId: result.assignment.id } : {}),
      };
    };
    if (!read.ok) return flag('unreadable', read.error.message);
    const { result } = read;
    const who = `${result.learner.name}\u2019s result for \u201c${result.assignment.title}\u201d`;
    if (!read.intact) return flag('tampered', `${who} was changed after it was exported (its integrity hash does not match). Not counted.`, result);

    const assignment = canonical.get(result.assignment.id);
    if (!assignment) canonical.set(result.assignment.id, result.assignment);
    else if (assignment.checksum !== result.assignment.checksum) {
      const whose = known.has(assignment.id) ? 'yours' : 'the one in the other files';
      return flag('assignment-mismatch', `${who} was made for a different version of the assignment than ${whose} (checksums differ). Not counted.`, result);
    }

    const graded: GradedItem[] = [];
    const seen = new Set<number>();
    for (const item of result.items) {
      const assignmentItem = result.assignment.items[item.index];
      if (!assignmentItem || itemScenarioId(assignmentItem) !== item.scenarioId || assignmentItem.seed !== item.seed || seen.has(item.index)) {
        return flag('tampered', `${who} has an item that is not in the assignment (item ${item.index + 1}: ${item.scenarioId}, seed ${item.seed}). Not counted.`, result);
      }
      seen.add(item.index);
      const scenario = resolveItemScenario(assignmentItem, result.assignment.passMark, options.lookupScenario);
      if (!scenario) return flag('unscorable', `${who} uses the scenario \u201c${item.scenarioId}\u201d, which this copy of ChartLab does not have. Not counted.`, result);
      const exercise = exerciseFor(exercises, `${result.assignment.checksum}:${item.index}`, scenario, item.seed, options);
      if (exercise instanceof Error) return flag('unscorable', `${who}: item ${item.index + 1} could not be rebuilt (${exercise.message}). Not counted.`, result);
      let report: ScoreReport;
      try {
        report = scoreAnswers(exercise, item.answers);
      } catch (error) {
        return flag('unscorable', `${who}: item ${item.index + 1} could not be scored (${(error as Error).message}). Not counted.`, result);
      }
      if (Math.abs(report.score - item.summary.score) > SCORE_TOLERANCE) {
        // A changed generator gives other charts for the same seed, which would explain it.
        const versionNote =
          result.generatorVersion !== GENERATOR_VERSION
            ? ` (the file was made with chart generator ${result.generatorVersion}; this ChartLab has ${GENERATOR_VERSION}, which may build a different chart for the same seed)`
            : '';
        return flag(
          'score-mismatch',
          `${who}: item ${item.index + 1} claims ${formatPercent(item.summary.score)} but its answers score ${formatPercent(report.score)} when re-scored${versionNote}. Not counted.`,
          result,
        );
      }
      graded.push(toGradedItem(item, report));
    }
    candidates.push({ order, fileName, result, items: graded });
  });

  // Duplicates: the same learner, assignment and attempts. The first one in the input counts.
  const byAttempts = new Map<string, Candidate>();
  const unique: Candidate[] = [];
  for (const c of candidates) {
    const key = `${learnerKeyOf(c.result.learner)}|${c.result.assignment.id}|${c.result.items.map((i) => i.attemptId).sort().join(',')}`;
    const first = byAttempts.get(key);
    if (first) {
      verdicts[c.order] = {
        fileName: c.fileName,
        status: 'duplicate',
        message: `A duplicate of ${first.fileName} (same learner, assignment and attempts). Counted once.`,
        learnerName: c.result.learner.name,
        assignmentId: c.result.assignment.id,
      };
    } else {
      byAttempts.set(key, c);
      unique.push(c);
    }
  }

  // One file per learner and assignment: the newest export (it carries the best attempts so far).
  const newest = new Map<string, Candidate>();
  for (const c of unique) {
    const key = `${learnerKeyOf(c.result.learner)}|${c.result.assignment.id}`;
    const current = newest.get(key);
    if (!current || c.result.exportedAt > current.result.exportedAt) newest.set(key, c);
  }
  for (const c of unique) {
    const winner = newest.get(`${learnerKeyOf(c.result.learner)}|${c.result.assignment.id}`) as Candidate;
    verdicts[c.order] =
      winner === c
        ? {
            fileName: c.fileName,
            status: 'counted',
            message: `Counted: ${c.result.learner.name}, ${c.items.length} of ${c.result.assignment.items.length} items.`,
            learnerName: c.result.learner.name,
            assignmentId: c.result.assignment.id,
          }
        : {
            fileName: c.fileName,
            status: 'superseded',
            message: `An older export from ${c.result.learner.name}; the newer ${winner.fileName} counts instead.`,
            learnerName: c.result.learner.name,
            assignmentId: c.result.assignment.id,
          };
  }

  const assignments: AssignmentGradebook[] = [];
  for (const assignment of canonical.values()) {
    const counted = [...newest.values()].filter((c) => c.result.assignment.id === assignment.id);
    if (counted.length === 0 && !known.has(assignment.id)) continue;
    const columns = assignment.items.map((item, index): GradebookColumn => {
      const scenario = resolveItemScenario(item, assignment.passMark, options.lookupScenario);
      return {
        index,
        scenarioId: itemScenarioId(item),
        title: scenario?.title ?? itemScenarioId(item),
        seed: item.seed,
        kind: scenario?.task.kind ?? 'recording',
        ...(scenario ? { scenario } : {}),
      };
    });
    const rows = counted
      .map((c) => toRow(c, assignment))
      .sort((a, b) => a.learner.name.localeCompare(b.learner.name, undefined, { sensitivity: 'base' }) || a.learnerKey.localeCompare(b.learnerKey));
    assignments.push({ assignment, columns, rows });
  }
  assignments.sort((a, b) => a.assignment.title.localeCompare(b.assignment.title));

  return { assignments, files: verdicts.map((v, i) => v ?? { fileName: (files[i] as GradeInputFile).name, status: 'unreadable', message: 'Not read.' }) };
}

function exerciseFor(cache: Map<string, Exercise | Error>, key: string, scenario: Scenario, seed: number, options: GradeOptions): Exercise | Error {
  const cached = cache.get(key);
  if (cached) return cached;
  let built: Exercise | Error;
  try {
    built = buildExercise(scenario, seed, options.inputsFor?.(scenario) ?? {});
  } catch (error) {
    built = error instanceof Error ? error : new Error(String(error));
  }
  cache.set(key, built);
  return built;
}

function toGradedItem(item: ResultItem, report: ScoreReport): GradedItem {
  return {
    index: item.index,
    scenarioId: item.scenarioId,
    seed: item.seed,
    score: report.score,
    storedScore: item.summary.score,
    passed: report.passed,
    earned: report.earned,
    possible: report.possible,
    elapsedMs: item.elapsedMs,
    startedAt: item.startedAt,
    finishedAt: item.finishedAt,
    attemptNumber: item.attemptNumber,
    attemptsUsed: item.attemptsUsed,
    answers: item.answers,
    report,
  };
}

function toRow(c: Candidate, assignment: AssignmentFile): GradebookRow {
  const items: (GradedItem | null)[] = assignment.items.map((_, index) => c.items.find((i) => i.index === index) ?? null);
  const total = items.reduce((sum, i) => sum + (i?.score ?? 0), 0) / items.length;
  return {
    learnerKey: learnerKeyOf(c.result.learner),
    learner: c.result.learner,
    fileName: c.fileName,
    exportedAt: c.result.exportedAt,
    items,
    total,
    passed: total + SCORE_TOLERANCE >= assignment.passMark,
    elapsedMs: items.reduce((sum, i) => sum + (i?.elapsedMs ?? 0), 0),
    appVersion: c.result.appVersion,
    generatorVersion: c.result.generatorVersion,
  };
}

function formatPercent(score: number): string {
  return `${Math.round(score * 1000) / 10}%`;
}
