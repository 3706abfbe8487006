import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildExercise, keySubmission } from '@/domain/exercise/build-exercise';
import type { Exercise, RecordingExercise } from '@/domain/exercise/exercise-types';
import { loadScenario } from '@/domain/scenario/load-scenario';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import { initialAppState, useAppStore } from '@/store/app-store';

// The repository root is vitest's working directory (import.meta.url is not a file URL under jsdom).
const scenariosDir = path.resolve(process.cwd(), 'scenarios') + path.sep;

/** The raw text of a real scenario file. */
export function scenarioText(id: string): string {
  return readFileSync(`${scenariosDir}${id}.json`, 'utf8');
}

export function scenarioById(id: string): Scenario {
  const result = loadScenario(`scenarios/${id}.json`, scenarioText(id));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.scenario;
}

const built = new Map<string, Exercise>();

/** The exercise of a real scenario for a seed (built once per test file). */
export function exerciseFor(id: string, seed?: number): Exercise {
  const scenario = scenarioById(id);
  const key = `${id}:${seed ?? scenario.patients.seed}`;
  let exercise = built.get(key);
  if (!exercise) {
    exercise = buildExercise(scenario, seed);
    built.set(key, exercise);
  }
  return exercise;
}

/** allergy-intake-intro at its own seed (1101): one allergy, two medications, two documents. */
export function allergyIntakeExercise(): RecordingExercise {
  const exercise = exerciseFor('allergy-intake-intro');
  if (exercise.kind !== 'recording') throw new Error('allergy-intake-intro is a recording task');
  return exercise;
}

/** The answer key of a recording exercise as the learner's answers. */
export function keyAnswersOf(exercise: RecordingExercise): RecordingAnswers {
  return structuredClone(keySubmission(exercise).answers) as RecordingAnswers;
}

export function emptyRecordingAnswers(): RecordingAnswers {
  return { kind: 'recording', allergies: [], problems: [], medications: [], labs: [], immunizations: [], vitals: [] };
}

/** Fresh store and URL, as a learner who has just opened the app. */
export function resetExerciseApp(hash = '') {
  window.history.replaceState(null, '', `/${hash}`);
  useAppStore.setState(initialAppState);
}
