import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromBundleText } from '@/domain/fhir/from-bundle';
import { loadScenario } from '@/domain/scenario/load-scenario';
import { DIFFICULTIES, SKILL_DOMAINS, type Scenario } from '@/domain/scenario/scenario-schema';
import { scenarioJsonSchema } from '../scripts/scenario-schema';

const dir = resolve(__dirname, '../scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
const scenarios: Scenario[] = files.map((f) => {
  const result = loadScenario(f, readFileSync(join(dir, f), 'utf8'));
  if (!result.ok) throw new Error(`${f}: ${result.errors.join('; ')}`);
  return result.scenario;
});

const valid = JSON.parse(readFileSync(join(dir, 'allergy-intake-intro.json'), 'utf8')) as Record<string, unknown>;
const load = (mutate: (s: Record<string, unknown>) => void) => {
  const copy = structuredClone(valid);
  mutate(copy);
  return loadScenario('scenarios/allergy-intake-intro.json', JSON.stringify(copy));
};

describe('the scenario library', () => {
  it('parses every file in scenarios/ and names each file after its id', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
    for (const [i, s] of scenarios.entries()) expect(`${s.id}.json`).toBe(files[i]);
  });

  it('covers every skill domain, every difficulty and every task kind', () => {
    expect(new Set(scenarios.map((s) => s.domain))).toEqual(new Set(SKILL_DOMAINS));
    expect(new Set(scenarios.map((s) => s.difficulty))).toEqual(new Set(DIFFICULTIES));
    expect(new Set(scenarios.map((s) => s.task.kind))).toEqual(new Set(['recording', 'filing', 'mpi', 'validation']));
  });

  it('ships every bundle a scenario names, and each imports as a chart', () => {
    const named = scenarios.flatMap((s) => (s.patients.bundle ? [s.patients.bundle] : []));
    expect(named.length).toBeGreaterThan(0);
    for (const bundle of new Set(named)) {
      const { chart } = fromBundleText(readFileSync(join(dir, bundle), 'utf8'), { fileName: bundle });
      expect(chart.meta.source?.fileName, bundle).toBe(bundle);
      expect(chart.documents.length, bundle).toBeGreaterThan(0);
    }
    // Nothing else lies in scenarios/bundles/: every file there is used.
    expect(readdirSync(join(dir, 'bundles')).map((f) => `bundles/${f}`).sort()).toEqual([...new Set(named)].sort());
  });

  it('keeps scenarios/scenario.schema.json in step with the zod schema', () => {
    expect(readFileSync(join(dir, 'scenario.schema.json'), 'utf8')).toBe(scenarioJsonSchema());
  });
});

describe('loadScenario with malformed files', () => {
  it('reports text that is not JSON', () => {
    const result = loadScenario('scenarios/broken.json', '{ "id": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/not valid JSON/);
  });

  it('names the missing field and what was expected', () => {
    const result = load((s) => delete s.title);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.file).toBe('scenarios/allergy-intake-intro.json');
      expect(result.errors.join('\n')).toMatch(/title: expected string, got nothing/);
    }
  });

  it('says what was found when a value has the wrong type', () => {
    const result = load((s) => ((s.task as { sections: unknown }).sections = 'allergies'));
    expect(!result.ok && result.errors.join('\n')).toMatch(/task\.sections: expected array, got string "allergies"/);
  });

  it('names a bad enum value with the allowed values', () => {
    const result = load((s) => (s.difficulty = 'expert'));
    expect(!result.ok && result.errors.join('\n')).toMatch(/difficulty: expected one of "intro", "intermediate", "advanced"/);
  });

  it('points into nested fields such as task.sections[1]', () => {
    const result = load((s) => ((s.task as { sections: string[] }).sections = ['allergies', 'x-rays']));
    expect(!result.ok && result.errors.join('\n')).toMatch(/task\.sections\[1\]: expected one of/);
  });

  it('rejects an unknown task kind, an unknown condition and an unknown field', () => {
    expect(!load((s) => ((s.task as { kind: string }).kind = 'coding')).ok).toBe(true);
    const unknownCondition = load((s) => ((s.patients as { conditions: string[] }).conditions = ['dragon-pox']));
    expect(!unknownCondition.ok && unknownCondition.errors.join('\n')).toMatch(/patients\.conditions\[0\]: a condition module id .*dragon-pox/);
    const unknownField = load((s) => (s.colour = 'blue'));
    expect(!unknownField.ok && unknownField.errors.join('\n')).toMatch(/unknown field colour/);
  });

  it('rejects impossible values: a passing score above 1, an age band upside down, a non-date', () => {
    expect(!load((s) => (s.passingScore = 1.5)).ok).toBe(true);
    const ages = load((s) => Object.assign(s.patients as object, { minAge: 60, maxAge: 20 }));
    expect(!ages.ok && ages.errors.join('\n')).toMatch(/patients\.maxAge: maxAge must be at least minAge/);
    const date = load((s) => (s.refDate = '2026-02-30'));
    expect(!date.ok && date.errors.join('\n')).toMatch(/refDate: a real calendar date/);
  });

  it('requires the id to match the file name', () => {
    const result = loadScenario('scenarios/other-name.json', JSON.stringify(valid));
    expect(!result.ok && result.errors[0]).toMatch(/id: expected "other-name"/);
  });
});
