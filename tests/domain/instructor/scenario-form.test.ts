import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/domain/checksum/canonical-json';
import {
  checkScenarioForm,
  formToScenario,
  issuesAt,
  newScenarioForm,
  scenarioToForm,
  uniqueScenarioId,
  type ScenarioForm,
} from '@/domain/instructor/scenario-form';
import { shippedScenarios } from './instructor-fixtures';

describe('the scenario editor form', () => {
  it.each(shippedScenarios.map((s) => [s.id, s] as const))('loads %s into the editor and back unchanged', (_id, scenario) => {
    const form = scenarioToForm(scenario);
    const check = checkScenarioForm(form);
    expect(check.issues).toEqual([]);
    expect(canonicalJson(formToScenario(form))).toBe(canonicalJson(scenario));
    // And form → scenario → form is stable too.
    if (check.ok) expect(scenarioToForm(check.scenario)).toEqual(form);
  });

  it('keeps every task kind’s settings when the kind is switched and back', () => {
    const form = scenarioToForm(shippedScenarios.find((s) => s.id === 'mpi-duplicates-intro')!);
    const switched: ScenarioForm = { ...form, taskKind: 'validation' };
    expect(formToScenario(switched)).toMatchObject({ task: { kind: 'validation', errorTypes: ['abnormal-not-flagged', 'unit-error'] } });
    expect(formToScenario({ ...switched, taskKind: 'mpi' })).toEqual(formToScenario(form));
  });

  it('reports the schema’s messages by field for a half-filled form', () => {
    const form = newScenarioForm('Bad Id');
    form.patients.minAge = '70';
    form.patients.maxAge = '40';
    form.validation.errorCount = 'two';
    form.passingPercent = '150';
    const check = checkScenarioForm(form);
    expect(check.ok).toBe(false);
    const fields = check.issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'title', 'summary', 'learningObjectives[0]', 'patients.maxAge', 'task.errorCount', 'passingScore', 'instructorNotes', 'task.instructions']));
    expect(issuesAt(check.issues, 'id')[0]?.message).toMatch(/kebab-case/);
    expect(issuesAt(check.issues, 'task.errorCount')[0]?.message).toMatch(/expected number, got string "two"/);
    expect(issuesAt(check.issues, 'patients')).toEqual([{ field: 'patients.maxAge', message: 'maxAge must be at least minAge' }]);
    expect(issuesAt(check.issues, 'passingScore')[0]?.message).toBe('a percentage from 0 to 100');
  });

  it('refuses an id that another scenario already has', () => {
    const form = scenarioToForm(shippedScenarios[0]!);
    const check = checkScenarioForm(form, { takenIds: new Set([shippedScenarios[0]!.id]) });
    expect(check.ok).toBe(false);
    expect(issuesAt(check.issues, 'id')[0]?.message).toMatch(/already used/);
    expect(uniqueScenarioId('lab-data-quality', new Set(['lab-data-quality-copy']))).toBe('lab-data-quality-copy-2');
    expect(uniqueScenarioId('lab-data-quality-copy', new Set())).toBe('lab-data-quality-copy');
  });

  it('turns the percent pass mark into a fraction without float noise', () => {
    const form = { ...scenarioToForm(shippedScenarios[0]!), passingPercent: '29' };
    expect(formToScenario(form)).toMatchObject({ passingScore: 0.29 });
  });
});
