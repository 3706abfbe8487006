import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findScenario, loadScenarioInputs, SCENARIO_DIR } from '@/cli/scenario-files';
import { buildExercise, keyAnswers, MissingScenarioInputError, scoreAnswers } from '@/domain/exercise/build-exercise';
import { importScenarioChart } from '@/domain/fhir/import-scenario';
import { loadScenario } from '@/domain/scenario/load-scenario';
import type { Scenario } from '@/domain/scenario/scenario-schema';

/** The shipped scenarios that name a bundle, and the trimmed Synthea bundle they share. */
const BUNDLE = resolve(SCENARIO_DIR, 'bundles/synthea-cris-rath.json');
const dir = SCENARIO_DIR;

/** A scenarios/ directory of its own, for what the shipped one must not hold. */
const scratch = mkdtempSync(join(tmpdir(), 'chartlab-scenarios-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scenario(id: string): Scenario {
  const result = loadScenario(`${id}.json`, readFileSync(join(dir, `${id}.json`), 'utf8'));
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.scenario;
}

describe('scenarios that name an imported bundle', () => {
  it('accepts patients.bundle for recording and validation tasks and rejects it for filing', () => {
    expect(scenario('synthea-immunization-abstraction').patients.bundle).toBe('bundles/synthea-cris-rath.json');
    const filing = JSON.parse(readFileSync(resolve(__dirname, '../../../scenarios/file-loose-documents-intro.json'), 'utf8'));
    filing.patients.bundle = 'bundles/synthea-cris-rath.json';
    const result = loadScenario('file-loose-documents-intro.json', JSON.stringify(filing));
    expect(!result.ok && result.errors.join('\n')).toMatch(/patients\.bundle: an imported bundle can be used by recording and validation tasks, not by a filing task/);
    const outside = JSON.parse(readFileSync(join(dir, 'synthea-chart-audit.json'), 'utf8'));
    outside.patients.bundle = '../secrets.json';
    const bad = loadScenario('synthea-chart-audit.json', JSON.stringify(outside));
    expect(!bad.ok && bad.errors.join('\n')).toMatch(/patients\.bundle: a FHIR R4 bundle file in scenarios\/bundles\//);
  });

  it('builds a recording exercise on the imported chart and scores its own key as full marks', () => {
    const s = scenario('synthea-immunization-abstraction');
    const chart = importScenarioChart(s, readFileSync(BUNDLE, 'utf8'));
    const exercise = buildExercise(s, undefined, { chart });
    if (exercise.kind !== 'recording') throw new Error('expected a recording exercise');
    expect(exercise.chart.patient.id).toBe('d4519c92-d241-b2b2-7360-291d60be699e');
    expect(exercise.chart).not.toBe(chart);
    const sections = new Set(exercise.key.map((k) => k.section));
    expect(sections).toEqual(new Set(['immunizations', 'vitals', 'problems']));
    expect(exercise.key.filter((k) => k.section === 'immunizations').length).toBeGreaterThan(0);
    expect(scoreAnswers(exercise, keyAnswers(exercise)).score).toBe(1);
  });

  it('plants errors in the imported chart for a validation task, different errors per seed', () => {
    const s = scenario('synthea-chart-audit');
    const { chart } = loadScenarioInputs(s, dir);
    const a = buildExercise(s, 11, { chart });
    const b = buildExercise(s, 12, { chart });
    if (a.kind !== 'validation' || b.kind !== 'validation') throw new Error('expected validation exercises');
    expect(a.errors.length).toBeGreaterThan(0);
    expect(a.chart.patient.name?.[0]?.family).toBe('Rath779');
    expect(scoreAnswers(a, keyAnswers(a)).score).toBe(1);
    expect(a.errors.map((e) => e.target)).not.toEqual(b.errors.map((e) => e.target));
    // The imported chart the caller passed is never changed.
    expect(chart).toEqual(loadScenarioInputs(s, dir).chart);
  });

  it('asks for the chart when a bundle scenario is built without it', () => {
    expect(() => buildExercise(scenario('synthea-chart-audit'))).toThrow(MissingScenarioInputError);
    expect(() => buildExercise(scenario('synthea-chart-audit'))).toThrow(/uses the imported chart bundles\/synthea-cris-rath\.json/);
  });

  it('lets the CLI find the bundle next to the scenario and report a missing or broken one', () => {
    const s = findScenario('synthea-immunization-abstraction', dir);
    expect(loadScenarioInputs(s, dir).chart?.patient.id).toBe('d4519c92-d241-b2b2-7360-291d60be699e');
    expect(() => loadScenarioInputs({ ...s, patients: { ...s.patients, bundle: 'bundles/missing.json' } }, dir)).toThrow(/names the bundle bundles\/missing\.json, which cannot be imported .*: no such file/);
    mkdirSync(join(scratch, 'bundles'), { recursive: true });
    writeFileSync(join(scratch, 'bundles', 'broken.json'), '{ "resourceType": ');
    expect(() => loadScenarioInputs({ ...s, patients: { ...s.patients, bundle: 'bundles/broken.json' } }, scratch)).toThrow(/names the bundle bundles\/broken\.json, which cannot be imported .*: This file is not JSON/);
  });
});
