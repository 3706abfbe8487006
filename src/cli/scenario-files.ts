import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExerciseInputs } from '@/domain/exercise/build-exercise';
import { importScenarioChart } from '@/domain/fhir/import-scenario';
import { checkImportSize, FhirImportError } from '@/domain/fhir/import-errors';
import { loadScenario, type LoadResult } from '@/domain/scenario/load-scenario';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { UsageError } from './cli-io';

/** The shipped library: `scenarios/*.json` at the repository root (the schema file excluded). */
export const SCENARIO_DIR = resolve(fileURLToPath(new URL('../../scenarios', import.meta.url)));

export function loadScenarioDir(dir = SCENARIO_DIR): LoadResult[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort()
    .map((f) => loadScenario(f, readFileSync(join(dir, f), 'utf8')));
}

export function findScenario(id: string, dir = SCENARIO_DIR): Scenario {
  const results = loadScenarioDir(dir);
  const found = results.find((r) => (r.ok ? r.scenario.id === id : r.file === `${id}.json`));
  if (!found) {
    const ids = results.flatMap((r) => (r.ok ? [r.scenario.id] : []));
    throw new UsageError(`no scenario "${id}". Known scenarios: ${ids.join(', ')}`);
  }
  if (!found.ok) throw new UsageError(`scenario "${id}" is invalid:\n${found.errors.map((e) => `  - ${e}`).join('\n')}`);
  return found.scenario;
}

/**
 * What buildExercise needs beyond the scenario: the imported chart of `patients.bundle`, read
 * from `dir` (scenarios/, or the directory of a scenario file being validated).
 */
export function loadScenarioInputs(scenario: Scenario, dir = SCENARIO_DIR): ExerciseInputs {
  const bundle = scenario.patients.bundle;
  if (!bundle) return {};
  const file = join(dir, bundle);
  try {
    checkImportSize(statSync(file).size);
    return { chart: importScenarioChart(scenario, readFileSync(file, 'utf8')) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`scenario "${scenario.id}" names the bundle ${bundle}, which cannot be imported (${file}): ${reason}`, error instanceof FhirImportError || (error as NodeJS.ErrnoException).code === 'ENOENT' ? 1 : 2);
  }
}
