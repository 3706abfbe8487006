// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import ExercisesPage from '@/ui/app/exercises-page';
import { buildScenarioCatalog, scenarioCatalog } from '@/ui/app/scenario-catalog';
import { resetExerciseApp, scenarioText } from './exercise-fixtures';

afterEach(() => cleanup());

/** A real scenario with one field of the wrong type and one required field taken out. */
function brokenScenarioText(): string {
  const json = JSON.parse(scenarioText('medication-safety-audit')) as Record<string, unknown> & { task: Record<string, unknown> };
  json.task.errorCount = 'three';
  delete json.passingScore;
  json.id = 'medication-safety-audit-broken';
  return JSON.stringify(json);
}

const injected = () => ({
  '/scenarios/allergy-intake-intro.json': scenarioText('allergy-intake-intro'),
  '/scenarios/lab-report-abstraction.json': scenarioText('lab-report-abstraction'),
  '/scenarios/medication-safety-audit-broken.json': brokenScenarioText(),
  '/scenarios/half-written.json': '{ "schemaVersion": 1, "id": ',
  '/scenarios/scenario.schema.json': '{ "$schema": "http://json-schema.org/draft-07/schema#" }',
});

describe('scenario catalog', () => {
  it('loads the valid files and reports each invalid one with its file, field and what was expected', () => {
    const catalog = buildScenarioCatalog(injected());
    expect(catalog.scenarios.map((s) => s.id).sort()).toEqual(['allergy-intake-intro', 'lab-report-abstraction']);
    expect(catalog.errors.map((e) => e.file)).toEqual(['scenarios/half-written.json', 'scenarios/medication-safety-audit-broken.json']);
    const broken = catalog.errors[1];
    expect(broken?.issues).toEqual(
      expect.arrayContaining([
        { field: 'task.errorCount', message: expect.stringMatching(/^expected number/) },
        { field: 'passingScore', message: 'expected number, got nothing' },
      ]),
    );
    expect(catalog.errors[0]?.issues[0]?.message).toMatch(/^not valid JSON/);
  });

  it('skips scenario.schema.json and loads every bundled scenario file', () => {
    expect(scenarioCatalog.errors).toEqual([]);
    expect(scenarioCatalog.scenarios.length).toBeGreaterThanOrEqual(20);
    expect(scenarioCatalog.scenarios.map((s) => s.id)).toContain('allergy-intake-intro');
  });

  it('shows an invalid file as an error card while the other scenarios still load', () => {
    resetExerciseApp('#/exercises');
    render(<ExercisesPage route={{ section: 'exercises', params: new URLSearchParams() }} navigate={() => {}} catalog={buildScenarioCatalog(injected())} />);

    const errors = screen.getByRole('region', { name: '2 scenario files could not be loaded' });
    const card = within(errors).getByRole('article', { name: 'scenarios/medication-safety-audit-broken.json' });
    expect(card).toHaveTextContent(/task\.errorCount: expected number/);
    expect(card).toHaveTextContent('passingScore: expected number, got nothing');
    expect(within(errors).getByRole('article', { name: 'scenarios/half-written.json' })).toHaveTextContent(/not valid JSON/);

    expect(screen.getByRole('article', { name: 'Allergies and home medications from the intake form' })).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /^Start / })).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent('Showing 2 of 2 exercises');
  });
});
