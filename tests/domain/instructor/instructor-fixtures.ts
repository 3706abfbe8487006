import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildExercise, emptyAnswers, keyAnswers, scoreAnswers } from '@/domain/exercise/build-exercise';
import { importScenarioChart } from '@/domain/fhir/import-scenario';
import { createAssignment, resolveItemScenario, type AssignmentFile } from '@/domain/instructor/assignment';
import { createResult, type ResultFile, type ResultItem } from '@/domain/instructor/result';
import { loadScenario } from '@/domain/scenario/load-scenario';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import type { Answers } from '@/domain/scoring/submission-schema';
import { DEFAULT_HASHING } from '@/lms/hashing';

/** The shipped library, loaded as the CLI loads it. */
const dir = resolve(__dirname, '../../../scenarios');
export const shippedScenarios: Scenario[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .sort()
  .map((f) => {
    const r = loadScenario(f, readFileSync(join(dir, f), 'utf8'));
    if (!r.ok) throw new Error(r.errors.join('; '));
    return r.scenario;
  });

export const lookupShipped = (id: string) => shippedScenarios.find((s) => s.id === id);
export const hashing = DEFAULT_HASHING;

/** An instructor's own scenario: a one-error lab audit, travelling inside the assignment. */
export const authoredLabAudit: Scenario = {
  ...(lookupShipped('lab-data-quality') as Scenario),
  id: 'unit-check-drill',
  title: 'Unit check drill',
  task: { kind: 'validation', errorTypes: ['unit-error'], errorCount: 1, instructions: 'Find the unit error and correct it.' },
};

/** "Week 3 audit": a shipped MPI task and the authored lab audit, fixed seeds, 2 attempts, pass 70%. */
export function week3Assignment(): Promise<AssignmentFile> {
  return createAssignment(
    {
      id: 'week-3-audit',
      title: 'Week 3: identity and lab audit',
      course: 'HIT 110, Section B',
      dueDate: '2026-07-10',
      attemptsAllowed: 2,
      passMark: 0.7,
      items: [
        { scenario: lookupShipped('mpi-duplicates-intro') as Scenario, seed: 17105, shipped: true },
        { scenario: authoredLabAudit, seed: 10120, shipped: false },
      ],
      createdAt: '2026-07-01T09:00:00.000Z',
    },
    hashing,
  );
}

/**
 * "Week 5 Synthea": both shipped scenarios on the imported Synthea chart (one bundle file between
 * them) and a generated lab audit, as an instructor picks them in the assignment builder.
 */
export function syntheaAssignment(): Promise<AssignmentFile> {
  return createAssignment(
    {
      id: 'week-5-synthea',
      title: 'Week 5: Synthea record',
      dueDate: '2026-07-17',
      attemptsAllowed: 1,
      passMark: 0.7,
      items: [
        { scenario: lookupShipped('synthea-chart-audit') as Scenario, seed: 11, shipped: true },
        { scenario: lookupShipped('lab-data-quality') as Scenario, seed: 10120, shipped: true },
        { scenario: lookupShipped('synthea-immunization-abstraction') as Scenario, seed: 1, shipped: true },
      ],
      createdAt: '2026-07-01T09:00:00.000Z',
    },
    hashing,
  );
}

export type AnswerChoice = 'key' | 'empty';

/** The answers of an item: the full key or nothing. */
export function answersFor(assignment: AssignmentFile, index: number, choice: AnswerChoice): { answers: Answers; score: number; earned: number; possible: number; passed: boolean } {
  const item = assignment.items[index]!;
  const scenario = resolveItemScenario(item, assignment.passMark, lookupShipped)!;
  // A scenario on an imported chart gets it as chartlab does: the bundle file, imported.
  const bundle = scenario.patients.bundle;
  const exercise = buildExercise(scenario, item.seed, bundle ? { chart: importScenarioChart(scenario, readFileSync(join(dir, bundle), 'utf8')) } : {});
  const answers = choice === 'key' ? keyAnswers(exercise) : emptyAnswers(exercise);
  const report = scoreAnswers(exercise, answers);
  return { answers, score: report.score, earned: report.earned, possible: report.possible, passed: report.passed };
}

export interface LearnerSpec {
  id: string;
  name: string;
  studentId?: string;
  /** Per item: key, empty, or not handed in. */
  choices: (AnswerChoice | null)[];
  exportedAt?: string;
  attemptSuffix?: string;
}

export async function resultFor(assignment: AssignmentFile, learner: LearnerSpec): Promise<ResultFile> {
  const items: ResultItem[] = [];
  learner.choices.forEach((choice, index) => {
    if (!choice) return;
    const item = assignment.items[index]!;
    const scored = answersFor(assignment, index, choice);
    items.push({
      index,
      scenarioId: typeof item.scenario === 'string' ? item.scenario : item.scenario.id,
      seed: item.seed,
      attemptId: `${learner.id}-attempt-${index}${learner.attemptSuffix ?? ''}`,
      attemptNumber: 1,
      attemptsUsed: 1,
      answers: scored.answers,
      summary: { score: scored.score, earned: scored.earned, possible: scored.possible, passed: scored.passed, passingScore: assignment.passMark },
      startedAt: '2026-07-02T10:00:00.000Z',
      finishedAt: '2026-07-02T10:12:30.000Z',
      elapsedMs: 750_000,
    });
  });
  return createResult(
    {
      format: 'chartlab.result',
      version: 1,
      learner: { id: learner.id, name: learner.name, ...(learner.studentId ? { studentId: learner.studentId } : {}) },
      assignment,
      items,
      exportedAt: learner.exportedAt ?? '2026-07-02T11:00:00.000Z',
      appVersion: '0.1.0',
      generatorVersion: '1.0.0',
    },
    hashing,
  );
}

/** A result file as the instructor receives it. */
export function asFile(name: string, result: unknown): { name: string; content: string } {
  return { name, content: `${JSON.stringify(result, null, 2)}\n` };
}
