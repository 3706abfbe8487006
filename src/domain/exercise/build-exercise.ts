import type { Chart } from '@/domain/chart/chart-types';
import { generateChart } from '@/domain/chart/generate-chart';
import { createRng, deriveSeed } from '@/domain/rng/rng';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { scoreRecording } from '@/domain/scoring/score-recording';
import { scoreValidation } from '@/domain/scoring/score-validation';
import type { ScoreReport } from '@/domain/scoring/score-types';
import { SUBMISSION_FORMAT, SUBMISSION_VERSION, type Answers, type Submission } from '@/domain/scoring/submission-schema';
import { injectErrors } from './error-catalog';
import type { Exercise, ValidationExercise } from './exercise-types';
import { buildFilingExercise, filingKeyAnswers, scoreFiling } from './filing';
import { buildMpiExercise, mpiKeyAnswers, scoreMpi } from './mpi';
import { buildRecordingExercise, recordingKeyAnswers } from './recording';

function buildValidationExercise(scenario: Scenario, seed: number, imported?: Chart): ValidationExercise {
  if (scenario.task.kind !== 'validation') throw new Error(`Scenario ${scenario.id} is not a validation task`);
  const { seedRange: _range, seed: _seed, bundle: _bundle, ...constraints } = scenario.patients;
  const clean = imported ?? generateChart({ ...constraints, seed, refDate: scenario.refDate });
  const { chart, errors } = injectErrors(clean, scenario.task.errorTypes, scenario.task.errorCount, createRng(deriveSeed(seed, 77)));
  return { kind: 'validation', scenario, seed, chart, errors };
}

/**
 * What a scenario needs from outside the domain. A scenario that names a FHIR bundle
 * (`patients.bundle`) gets its chart from the caller, which reads the file (the CLI from
 * scenarios/, the app from its catalog) and imports it with `importScenarioChart`; the domain
 * never reads files.
 */
export interface ExerciseInputs {
  /** The imported chart of `scenario.patients.bundle`; copied, never changed. */
  chart?: Chart;
}

export class MissingScenarioInputError extends Error {}

/** The exercise a scenario gives for one seed (the scenario's own seed unless a variant is asked for). */
export function buildExercise(scenario: Scenario, seed: number = scenario.patients.seed, inputs: ExerciseInputs = {}): Exercise {
  const bundle = scenario.patients.bundle;
  if (bundle && !inputs.chart) {
    throw new MissingScenarioInputError(`Scenario ${scenario.id} uses the imported chart ${bundle}: read that file, import it (importScenarioChart) and pass the chart to buildExercise.`);
  }
  const imported = bundle ? structuredClone(inputs.chart) : undefined;
  switch (scenario.task.kind) {
    case 'recording':
      return buildRecordingExercise(scenario, seed, imported);
    case 'filing':
      return buildFilingExercise(scenario, seed);
    case 'mpi':
      return buildMpiExercise(scenario, seed);
    case 'validation':
      return buildValidationExercise(scenario, seed, imported);
  }
}

export function keyAnswers(exercise: Exercise): Answers {
  switch (exercise.kind) {
    case 'recording':
      return recordingKeyAnswers(exercise);
    case 'filing':
      return filingKeyAnswers(exercise);
    case 'mpi':
      return mpiKeyAnswers(exercise);
    case 'validation':
      return {
        kind: 'validation',
        findings: exercise.errors.map((e) => ({ target: e.target, errorType: e.type, correction: e.correction })),
      };
  }
}

/** The answer key as a complete submission, in the format the app exports. */
export function keySubmission(exercise: Exercise): Submission {
  return { format: SUBMISSION_FORMAT, version: SUBMISSION_VERSION, scenarioId: exercise.scenario.id, seed: exercise.seed, answers: keyAnswers(exercise) };
}

/** An empty submission for an exercise: what a learner starts from. */
export function emptyAnswers(exercise: Exercise): Answers {
  switch (exercise.kind) {
    case 'recording':
      return { kind: 'recording', allergies: [], problems: [], medications: [], labs: [], immunizations: [], vitals: [] };
    case 'filing':
      return { kind: 'filing', placements: [] };
    case 'mpi':
      return { kind: 'mpi', groups: [] };
    case 'validation':
      return { kind: 'validation', findings: [] };
  }
}

export class SubmissionMismatchError extends Error {}

/** Score answers against the exercise's key. The answers must be of the exercise's kind. */
export function scoreAnswers(exercise: Exercise, answers: Answers): ScoreReport {
  if (answers.kind !== exercise.kind) {
    throw new SubmissionMismatchError(`The submission answers a ${answers.kind} task, but scenario ${exercise.scenario.id} is a ${exercise.kind} task`);
  }
  switch (exercise.kind) {
    case 'recording':
      return scoreRecording(exercise, answers as Extract<Answers, { kind: 'recording' }>);
    case 'filing':
      return scoreFiling(exercise, answers as Extract<Answers, { kind: 'filing' }>);
    case 'mpi':
      return scoreMpi(exercise, answers as Extract<Answers, { kind: 'mpi' }>);
    case 'validation':
      return scoreValidation(exercise, answers as Extract<Answers, { kind: 'validation' }>);
  }
}
