import { DEFAULT_REF_DATE } from '@/domain/chart/chart-types';
import { cohortSeeds, generateChart } from '@/domain/chart/generate-chart';
import { buildExercise, keyAnswers, scoreAnswers } from '@/domain/exercise/build-exercise';
import { chartResources, toBundle } from '@/domain/fhir/to-bundle';
import { loadScenario } from '@/domain/scenario/load-scenario';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';

const seeds = cohortSeeds(20261123, 1000);
const chartAt = (i: number) => generateChart({ seed: seeds[i % seeds.length] as number, refDate: DEFAULT_REF_DATE });

/** Milliseconds to generate `count` full charts (FHIR resources and rendered documents). */
export function timeCharts(count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) chartAt(i);
  return performance.now() - start;
}

/** Mean number of FHIR resources (documents included) in a chart, over `count` charts. */
export function meanResources(count: number): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += chartResources(chartAt(i)).length;
  return total / count;
}

/** Milliseconds to generate `count` charts and serialise each as a FHIR R4 Bundle. */
export function timeBundles(count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) JSON.stringify(toBundle(chartAt(i)));
  return performance.now() - start;
}

/**
 * Milliseconds to score `count` submissions of a full-chart recording exercise (six sections,
 * about 90 fields): the key with one field changed in turn, so no two submissions are alike.
 */
export function timeScoring(count: number, scenarioText: string): number {
  const loaded = loadScenario('full-chart-abstraction.json', scenarioText);
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const exercise = buildExercise(loaded.scenario);
  const key = keyAnswers(exercise) as RecordingAnswers;
  const submissions: RecordingAnswers[] = [];
  for (let i = 0; i < count; i++) {
    const copy = structuredClone(key);
    const row = copy.labs[i % Math.max(1, copy.labs.length)];
    if (row) row.value = String(i);
    submissions.push(copy);
  }
  const start = performance.now();
  for (const s of submissions) scoreAnswers(exercise, s);
  return performance.now() - start;
}
