import type { Observation } from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import { generateChart } from '@/domain/chart/generate-chart';
import { getLab, getVital, LABS, VITALS } from '@/domain/codes/code-tables';
import { factTexts } from '@/domain/documents/fact-text';
import type { RecordingSection, Scenario } from '@/domain/scenario/scenario-schema';
import { addYears, daysBetween, printDate } from '@/domain/time/dates';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import type { KeyField, KeyItem, RecordingExercise } from './exercise-types';

/** The vital signs a learner abstracts from the most recent set, in chart order. */
const VITALS_TO_RECORD = ['85354-9', 'heart-rate', 'respiratory-rate', 'body-temperature', 'oxygen-saturation', 'body-weight'] as const;

const ref = (resource: { resourceType: string; id?: string }) => `${resource.resourceType}/${resource.id}`;

function field(chart: Chart, factRef: string, name: string, compare: KeyField['compare'], weight: number, extra: Partial<KeyField> = {}): KeyField | undefined {
  const accepted = factTexts(chart, factRef, name);
  if (accepted.length === 0) return undefined;
  return { field: name, expected: accepted[0] as string, accepted, compare, weight, ...extra };
}

function usDate(day: string | undefined): string {
  return day ? printDate(day.slice(0, 10), 'us') : '';
}

function compact(fields: (KeyField | undefined)[]): KeyField[] {
  return fields.filter((f): f is KeyField => f !== undefined);
}

/** The latest lab report (one panel), preferring one with an abnormal result: it teaches flags. */
function labReportToRecord(chart: Chart) {
  const reports = [...chart.labReports].sort((a, b) => (b.effectiveDateTime ?? '').localeCompare(a.effectiveDateTime ?? ''));
  const resultsOf = (reportIndex: number) => {
    const ids = new Set(reports[reportIndex]?.result?.map((r) => r.reference));
    return chart.labs.filter((o) => ids.has(ref(o)));
  };
  const abnormal = reports.findIndex((_, i) => i < 4 && resultsOf(i).some((o) => o.interpretation?.[0]?.coding?.[0]?.code !== 'N'));
  const index = abnormal >= 0 ? abnormal : 0;
  return { report: reports[index], results: resultsOf(index) };
}

function latestVitals(chart: Chart): Observation[] {
  const latest = chart.vitals.reduce((max, o) => ((o.effectiveDateTime ?? '') > max ? (o.effectiveDateTime ?? '') : max), '');
  const set = chart.vitals.filter((o) => o.effectiveDateTime === latest);
  const codeOf = (id: (typeof VITALS_TO_RECORD)[number]) => (id === '85354-9' ? id : getVital(id).loinc.code);
  return VITALS_TO_RECORD.map((id) => set.find((o) => o.code.coding?.[0]?.code === codeOf(id))).filter((o): o is Observation => o !== undefined);
}

/** The answer key of a recording task, derived from the chart; `scope` tells the learner its limits. */
export function recordingKey(chart: Chart, sections: readonly RecordingSection[]): { key: KeyItem[]; scope: RecordingExercise['scope'] } {
  const key: KeyItem[] = [];
  const scope: RecordingExercise['scope'] = {};
  const refDate = chart.meta.refDate;
  for (const section of sections) {
    switch (section) {
      case 'allergies':
        scope.allergies = 'Every allergy and intolerance documented, or that the patient has no known allergies.';
        for (const a of chart.allergies) {
          const r = ref(a);
          key.push({
            section,
            ref: r,
            label: `Allergy: ${a.code?.text ?? ''}`,
            fields: compact([field(chart, r, 'code', 'term', 2), field(chart, r, 'reaction', 'term', 1), field(chart, r, 'severity', 'term', 1)]),
          });
        }
        break;
      case 'problems':
        scope.problems = 'Every problem on the problem list and in the past medical history, with onset date and status (active or resolved).';
        for (const c of chart.conditions) {
          const r = ref(c);
          key.push({
            section,
            ref: r,
            label: `Problem: ${c.code?.text ?? ''}`,
            fields: compact([
              field(chart, r, 'code', 'term', 2),
              field(chart, r, 'icd10', 'code', 1, { optional: true }),
              field(chart, r, 'onset', 'onset', 1, { expected: usDate(c.onsetDateTime) }),
              field(chart, r, 'status', 'term', 1),
            ]),
          });
        }
        break;
      case 'medications':
        scope.medications = 'Every medication the patient currently takes, with dose, route and frequency.';
        for (const m of chart.medications.filter((s) => s.status === 'active')) {
          const r = ref(m);
          key.push({
            section,
            ref: r,
            label: `Medication: ${m.medicationCodeableConcept?.text ?? ''}`,
            fields: compact([field(chart, r, 'drug', 'term', 2), field(chart, r, 'dose', 'dose', 1), field(chart, r, 'route', 'term', 1), field(chart, r, 'frequency', 'term', 1)]),
          });
        }
        break;
      case 'labs': {
        const { report, results } = labReportToRecord(chart);
        if (!report) break;
        scope.labs = `Every result of the ${report.code?.text ?? 'lab'} collected ${usDate(report.effectiveDateTime)}, with its flag (blank if normal).`;
        for (const o of results) {
          const r = ref(o);
          const test = LABS.find((l) => l.loinc.code === o.code.coding?.[0]?.code);
          key.push({
            section,
            ref: r,
            label: `Lab: ${o.code.text ?? ''} ${usDate(o.effectiveDateTime)}`,
            fields: compact([
              field(chart, r, 'code', 'term', 2),
              field(chart, r, 'value', 'number', 1, { expected: String(o.valueQuantity?.value ?? ''), decimals: test?.decimals ?? getLab('glucose').decimals }),
              field(chart, r, 'unit', 'unit', 1),
              field(chart, r, 'date', 'date', 1, { expected: usDate(o.effectiveDateTime) }),
              field(chart, r, 'flag', 'term', 1),
            ]),
          });
        }
        break;
      }
      case 'immunizations': {
        const since = addYears(refDate, -3);
        scope.immunizations = `Every immunization given on or after ${usDate(since)}.`;
        for (const i of chart.immunizations.filter((d) => daysBetween(since, d.occurrenceDateTime as string) >= 0)) {
          const r = ref(i);
          key.push({
            section,
            ref: r,
            label: `Immunization: ${i.vaccineCode.text ?? ''} ${usDate(i.occurrenceDateTime)}`,
            fields: compact([field(chart, r, 'vaccine', 'term', 2), field(chart, r, 'date', 'date', 1, { expected: usDate(i.occurrenceDateTime) })]),
          });
        }
        break;
      }
      case 'vitals': {
        const set = latestVitals(chart);
        if (set.length === 0) break;
        scope.vitals = `The most recent set of vital signs (${usDate(set[0]?.effectiveDateTime)}): blood pressure, pulse, respirations, temperature, SpO2 and weight.`;
        for (const o of set) {
          const r = ref(o);
          const vital = VITALS.find((v) => v.loinc.code === o.code.coding?.[0]?.code);
          const isBp = o.code.coding?.[0]?.code === '85354-9';
          key.push({
            section,
            ref: r,
            label: `Vital sign: ${o.code.text ?? ''}`,
            fields: compact([
              field(chart, r, 'code', 'term', 2),
              isBp ? field(chart, r, 'value', 'term', 1) : field(chart, r, 'value', 'number', 1, { expected: String(o.valueQuantity?.value ?? ''), decimals: vital?.decimals ?? 0 }),
              isBp ? { field: 'unit', expected: 'mmHg', accepted: ['mmHg', 'mm[Hg]'], compare: 'unit', weight: 1 } : field(chart, r, 'unit', 'unit', 1),
              field(chart, r, 'date', 'date', 1, { expected: usDate(o.effectiveDateTime) }),
            ]),
          });
        }
        break;
      }
    }
  }
  return { key, scope };
}

/** `imported`: the chart of the scenario's FHIR bundle (see buildExercise), used instead of a generated one. */
export function buildRecordingExercise(scenario: Scenario, seed: number, imported?: Chart): RecordingExercise {
  if (scenario.task.kind !== 'recording') throw new Error(`Scenario ${scenario.id} is not a recording task`);
  const { seedRange: _range, seed: _seed, bundle: _bundle, ...constraints } = scenario.patients;
  const chart = imported ?? generateChart({ ...constraints, seed, refDate: scenario.refDate });
  const kinds = scenario.task.documents;
  const documents = kinds ? chart.documents.filter((d) => kinds.includes(d.kind)) : chart.documents;
  const { key, scope } = recordingKey(chart, scenario.task.sections);
  return { kind: 'recording', scenario, seed, chart, documents, sections: scenario.task.sections, scope, key };
}

/** The key as a submission's answers: every item with the canonical value of each field. */
export function recordingKeyAnswers(exercise: RecordingExercise): RecordingAnswers {
  const answers: RecordingAnswers = { kind: 'recording', allergies: [], problems: [], medications: [], labs: [], immunizations: [], vitals: [] };
  const value = (item: KeyItem, name: string) => item.fields.find((f) => f.field === name)?.expected ?? '';
  for (const item of exercise.key) {
    switch (item.section) {
      case 'allergies':
        answers.allergies.push({ substance: value(item, 'code'), reaction: value(item, 'reaction'), severity: value(item, 'severity') });
        break;
      case 'problems':
        answers.problems.push({ problem: value(item, 'code'), icd10: value(item, 'icd10'), onset: value(item, 'onset'), status: value(item, 'status') });
        break;
      case 'medications':
        answers.medications.push({ drug: value(item, 'drug'), dose: value(item, 'dose'), route: value(item, 'route'), frequency: value(item, 'frequency') });
        break;
      case 'labs':
        answers.labs.push({ test: value(item, 'code'), value: value(item, 'value'), unit: value(item, 'unit'), date: value(item, 'date'), flag: value(item, 'flag') });
        break;
      case 'immunizations':
        answers.immunizations.push({ vaccine: value(item, 'vaccine'), date: value(item, 'date') });
        break;
      case 'vitals':
        answers.vitals.push({ vital: value(item, 'code'), value: value(item, 'value'), unit: value(item, 'unit'), date: value(item, 'date') });
        break;
    }
  }
  return answers;
}
