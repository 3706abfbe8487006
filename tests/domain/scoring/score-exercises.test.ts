import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioInputs } from '@/cli/scenario-files';
import { buildExercise, emptyAnswers, keyAnswers, scoreAnswers } from '@/domain/exercise/build-exercise';
import type { RecordingExercise, ValidationExercise } from '@/domain/exercise/exercise-types';
import { loadScenario } from '@/domain/scenario/load-scenario';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import type { Answers, RecordingAnswers, ValidationAnswers } from '@/domain/scoring/submission-schema';

const dir = resolve(__dirname, '../../../scenarios');
const scenarios: Scenario[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .map((f) => {
    const r = loadScenario(f, readFileSync(join(dir, f), 'utf8'));
    if (!r.ok) throw new Error(r.errors.join('; '));
    return r.scenario;
  });
const byId = (id: string) => scenarios.find((s) => s.id === id) as Scenario;

/** The scenario's own seed and two more from its variant range. */
function seedsOf(s: Scenario): number[] {
  const [from, to] = s.patients.seedRange ?? [s.patients.seed, s.patients.seed];
  return [...new Set([s.patients.seed, from + 7 <= to ? from + 7 : to, to])];
}

type Row = Record<string, string>;
const RECORDING_SECTIONS = ['allergies', 'problems', 'medications', 'labs', 'immunizations', 'vitals'] as const;

/** Every single-field corruption of a recording key: one answer wrong, everything else right. */
function* recordingCorruptions(key: RecordingAnswers): Generator<{ what: string; answers: RecordingAnswers }> {
  for (const section of RECORDING_SECTIONS) {
    const rows = key[section] as Row[];
    for (let i = 0; i < rows.length; i++) {
      for (const field of Object.keys(rows[i] as Row)) {
        const value = (rows[i] as Row)[field] as string;
        if (value === '' || field === 'icd10') continue;
        const copy = structuredClone(key);
        ((copy[section] as Row[])[i] as Row)[field] = field === 'value' && /^\d/.test(value) ? `${value}9` : 'zzz wrong';
        yield { what: `${section}[${i}].${field}`, answers: copy };
      }
    }
  }
}

describe('scoring every scenario of the library', () => {
  for (const scenario of scenarios) {
    it(`${scenario.id}: the key scores 1 and an empty submission 0, for several seeds`, () => {
      // A scenario on an imported chart (patients.bundle) reads it from scenarios/bundles/, as `chartlab score` does.
      const inputs = loadScenarioInputs(scenario);
      for (const seed of seedsOf(scenario)) {
        const exercise = buildExercise(scenario, seed, inputs);
        const key = scoreAnswers(exercise, keyAnswers(exercise));
        expect(key.score, `key of seed ${seed}`).toBe(1);
        expect(key.passed).toBe(true);
        expect(key.items.every((i) => i.verdict === 'correct')).toBe(true);
        const empty = scoreAnswers(exercise, emptyAnswers(exercise));
        expect(empty.score, `empty of seed ${seed}`).toBe(0);
        expect(empty.passed).toBe(false);
      }
    });
  }
});

describe('recording scores', () => {
  const exercise = buildExercise(byId('full-chart-abstraction')) as RecordingExercise;
  const key = keyAnswers(exercise) as RecordingAnswers;

  it('lowers the score strictly below 1, and keeps it above 0, when any single answer is wrong', () => {
    let checked = 0;
    for (const { what, answers } of recordingCorruptions(key)) {
      const { score } = scoreAnswers(exercise, answers);
      expect(score, what).toBeLessThan(1);
      expect(score, what).toBeGreaterThan(0);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('explains each field with expected, entered, why it matters and evidence in the documents', () => {
    const report = scoreAnswers(exercise, key);
    for (const item of report.items) {
      expect(item.expected.length).toBeGreaterThan(0);
      expect(item.whyItMatters.length).toBeGreaterThan(20);
    }
    const withEvidence = report.items.filter((i) => i.evidence.length > 0);
    expect(withEvidence.length / report.items.length).toBeGreaterThan(0.8);
    for (const item of withEvidence) {
      const doc = exercise.documents.find((d) => d.id === item.evidence[0]?.documentId);
      expect(doc?.text.slice(item.evidence[0]?.start, item.evidence[0]?.end)).toBe(item.evidence[0]?.quote);
    }
  });

  it('is tolerant of case, date formats, unit synonyms and abbreviations', () => {
    const tolerant = structuredClone(key);
    for (const lab of tolerant.labs) {
      lab.test = lab.test.toUpperCase();
      const [m, d, y] = lab.date.split('/');
      lab.date = `${y}-${m}-${d}`;
      lab.unit = lab.unit.replace('mg/dL', 'mg/dl').replace('10*3/uL', 'K/uL');
      lab.flag = lab.flag === 'High' ? 'H' : lab.flag === 'Low' ? 'L' : lab.flag;
    }
    for (const med of tolerant.medications) med.route = med.route === 'by mouth' || med.route === 'oral' ? 'PO' : med.route;
    expect(scoreAnswers(exercise, tolerant).score).toBe(1);
  });

  it('accepts PCN for a penicillin allergy and NKDA for no known allergies', () => {
    for (let seed = 1101; seed < 1199; seed++) {
      const ex = buildExercise(byId('allergy-intake-intro'), seed) as RecordingExercise;
      const item = ex.key.find((k) => k.section === 'allergies' && /penicillin/i.test(k.label));
      if (!item) continue;
      const answers = keyAnswers(ex) as RecordingAnswers;
      const row = answers.allergies.find((a) => /penicillin|pcn/i.test(a.substance));
      if (!row) continue;
      row.substance = 'PCN';
      expect(scoreAnswers(ex, answers).score).toBe(1);
      return;
    }
    throw new Error('no penicillin allergy in the seed range');
  });

  it('is strict about the drug and the dose: another strength or mg for mcg earns nothing for that field', () => {
    const answers = structuredClone(key);
    const med = answers.medications[0];
    expect(med).toBeDefined();
    if (!med) return;
    med.dose = med.dose.replace(/(\d+(\.\d+)?)/, (n) => String(Number(n) * 10));
    const report = scoreAnswers(exercise, answers);
    const item = report.items.find((i) => i.section === 'medications' && i.field === 'dose' && i.entered === med.dose);
    expect(item?.verdict).toBe('wrong');
    expect(item?.earned).toBe(0);
  });

  it('does not pay for listing everything: extra entries lower the score', () => {
    const padded = structuredClone(key);
    padded.medications.push({ drug: 'warfarin 5 MG Oral Tablet', dose: '1 tablet', route: 'PO', frequency: 'daily' });
    const report = scoreAnswers(exercise, padded);
    expect(report.score).toBeLessThan(1);
    expect(report.items.some((i) => i.verdict === 'extra' && /warfarin/.test(i.entered ?? ''))).toBe(true);
  });

  it('gives and explains partial credit for an onset given only to the year', () => {
    const answers = structuredClone(key);
    const problem = answers.problems[0];
    if (!problem) return;
    problem.onset = problem.onset.slice(-4);
    const item = scoreAnswers(exercise, answers).items.find((i) => i.section === 'problems' && i.field === 'onset' && i.entered === problem.onset);
    expect(item?.verdict).toBe('partial');
    expect(item?.earned).toBe(0.5);
    expect(item?.note).toMatch(/right year/);
  });
});

describe('validation scores', () => {
  const exercise = buildExercise(byId('comprehensive-chart-audit')) as ValidationExercise;
  const key = keyAnswers(exercise) as ValidationAnswers;

  it('plants the errors the scenario asks for', () => {
    expect(exercise.errors.length).toBe(6);
    expect(new Set(exercise.errors.map((e) => e.target)).size).toBe(6);
  });

  it('lowers the score strictly between 0 and 1 for each single wrong finding', () => {
    for (let i = 0; i < key.findings.length; i++) {
      for (const change of ['target', 'errorType', 'correction'] as const) {
        const answers = structuredClone(key);
        const finding = answers.findings[i] as ValidationAnswers['findings'][number];
        if (change === 'target') finding.target = 'Patient/nobody';
        if (change === 'errorType') finding.errorType = finding.errorType === 'duplicate-entry' ? 'unit-error' : 'duplicate-entry';
        if (change === 'correction') finding.correction = 'no idea';
        const { score } = scoreAnswers(exercise, answers);
        expect(score, `finding ${i} ${change}`).toBeGreaterThan(0);
        expect(score, `finding ${i} ${change}`).toBeLessThan(1);
      }
    }
  });

  it('reports precision and recall, so flagging everything does not pay', () => {
    const everything: ValidationAnswers = {
      kind: 'validation',
      findings: [...exercise.chart.medications, ...exercise.chart.labs, ...exercise.chart.conditions, ...exercise.chart.allergies].map((r) => ({
        target: `${r.resourceType}/${r.id}`,
        errorType: 'duplicate-entry',
        correction: 'remove',
      })),
    };
    const report = scoreAnswers(exercise, everything);
    expect(report.metrics?.precision).toBeLessThan(0.1);
    expect(report.score).toBeLessThan(0.2);
    const keyReport = scoreAnswers(exercise, key);
    expect(keyReport.metrics).toMatchObject({ precision: 1, recall: 1, correctionAccuracy: 1, falsePositives: 0, falseNegatives: 0 });
  });

  it('refuses answers of another task kind', () => {
    const wrongKind: Answers = { kind: 'mpi', groups: [] };
    expect(() => scoreAnswers(exercise, wrongKind)).toThrow(/validation task/);
  });
});
