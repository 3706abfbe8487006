import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Chart, EvidenceSpan, SourceDocument } from '@/domain/chart/chart-types';
import { cohortSeeds, generateChart } from '@/domain/chart/generate-chart';
import { ALLERGENS } from '@/domain/codes/code-tables';
import { factTexts } from '@/domain/documents/fact-text';
import { CLINICIAN_NAME_FORMS, clinicianName, icd10Of } from '@/domain/documents/phrases';
import { correctionMatches, editDocument, ERROR_CATALOG, injectErrors } from '@/domain/exercise/error-catalog';
import type { InjectedError } from '@/domain/exercise/exercise-types';
import { chartResources, toBundle } from '@/domain/fhir/to-bundle';
import { createRng, deriveSeed } from '@/domain/rng/rng';
import { ERROR_TYPES, type ErrorType } from '@/domain/scenario/scenario-schema';
import { parseUserDate, sameTerm } from '@/domain/scoring/match';
import { addDays, printDate } from '@/domain/time/dates';
import { schemaErrors, structureErrors } from '../../helpers/fhir-validator';

const REF_DATE = '2026-06-30';

/** Admitted patients with allergies (every document kind), and a few drawn without constraints. */
const SPECS = [
  ...cohortSeeds(2026, 24).map((seed) => ({ seed, refDate: REF_DATE, admission: true, allergies: true })),
  ...cohortSeeds(31, 8).map((seed) => ({ seed, refDate: REF_DATE })),
];
const CHARTS: { chart: Chart; json: string }[] = SPECS.map((spec) => {
  const chart = generateChart(spec);
  return { chart, json: JSON.stringify(chart) };
});

const rngFor = (chart: Chart, salt = 0) => createRng(deriveSeed(chart.meta.seed, 500 + salt));

function plantOne(chart: Chart, type: ErrorType) {
  return injectErrors(chart, [type], 1, rngFor(chart));
}

interface Planting {
  input: Chart;
  inputJson: string;
  chart: Chart;
  error: InjectedError;
}

/** Every chart of the cohort the type applies to, with its one planted error. */
const plantings = new Map<ErrorType, Planting[]>(
  ERROR_TYPES.map((type) => [
    type,
    CHARTS.flatMap(({ chart, json }) => {
      const result = plantOne(chart, type);
      const error = result.errors[0];
      return error ? [{ input: chart, inputJson: json, chart: result.chart, error }] : [];
    }),
  ]),
);

function resourceIndex(chart: Chart): Map<string, Resource> {
  return new Map(chartResources(chart).map((r) => [`${r.resourceType}/${r.id}`, r]));
}

function resolves(chart: Chart, ref: string): boolean {
  return resourceIndex(chart).has(ref);
}

function doc(chart: Chart, id: string): SourceDocument {
  const found = chart.documents.find((d) => d.id === id || `DocumentReference/${d.id}` === id);
  if (!found) throw new Error(`no document ${id}`);
  return found;
}

function evidenceTexts(p: Planting): string[] {
  return p.error.evidence.map((e) => doc(p.chart, e.documentId).text.slice(e.start, e.end));
}

const mrnOf = (chart: Chart) => chart.patient.identifier?.[0]?.value as string;
const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());

/**
 * What the evidence of each type must show: the true fact, in the returned chart's documents.
 * Also checks that the planted error is really there (the document or list disagrees).
 */
const SHOWS_TRUTH: Record<ErrorType, (p: Planting) => void> = {
  'allergy-missing-from-list': (p) => {
    for (const text of evidenceTexts(p)) expect(correctionMatches(p.error, text), text).toBe(true);
    const allergen = ALLERGENS.find((a) => sameTerm(a.code.display, p.error.correction));
    expect(p.chart.allergies.some((a) => a.code?.coding?.some((c) => c.code === allergen?.code.code))).toBe(false);
    // The list never claims "no known allergies" once an allergy has been taken off it.
    expect(p.chart.allergies.some((a) => a.code?.coding?.some((c) => c.code === '716186003'))).toBe(p.input.allergies.some((a) => a.code?.coding?.some((c) => c.code === '716186003')));
  },
  'drug-allergy-conflict': (p) => {
    const allergyRef = p.error.alsoAccept[0] as string;
    const names = lower(factTexts(p.chart, allergyRef, 'code'));
    for (const text of evidenceTexts(p)) expect(names).toContain(text.toLowerCase());
    const med = resourceIndex(p.chart).get(p.error.target);
    expect(med).toMatchObject({ resourceType: 'MedicationStatement', status: 'active' });
  },
  'wrong-patient-result': (p) => {
    const mrn = mrnOf(p.chart);
    const texts = evidenceTexts(p);
    expect(texts).toContain(mrn);
    const target = doc(p.chart, p.error.target);
    const otherMrn = /MRN (\d+)/.exec(p.error.correction)?.[1] as string;
    expect(target.text).toContain(otherMrn);
    expect(target.text).not.toContain(mrn);
  },
  'transposed-mrn': (p) => {
    for (const text of evidenceTexts(p)) expect(text).toBe(mrnOf(p.chart));
    expect(doc(p.chart, p.error.target).text.slice(0, 600)).not.toContain(mrnOf(p.chart));
  },
  'transposed-birth-date': (p) => {
    for (const text of evidenceTexts(p)) expect(parseUserDate(text)).toBe(p.chart.patient.birthDate);
    expect(parseUserDate(p.error.correction)).toBe(p.chart.patient.birthDate);
  },
  'unit-error': (p) => {
    expect(evidenceTexts(p).some((t) => correctionMatches(p.error, t))).toBe(true);
  },
  'abnormal-not-flagged': (p) => {
    expect(evidenceTexts(p).some((t) => correctionMatches(p.error, t))).toBe(true);
    const obs = resourceIndex(p.chart).get(p.error.target) as { interpretation?: { coding?: { code?: string }[] }[] };
    expect(obs.interpretation?.[0]?.coding?.[0]?.code).toBe('N');
  },
  'impossible-date': (p) => {
    for (const text of evidenceTexts(p)) expect(correctionMatches(p.error, text), text).toBe(true);
  },
  'duplicate-entry': (p) => {
    const original = p.error.alsoAccept[0] as string;
    const field = original.startsWith('MedicationStatement/') ? 'drug' : 'code';
    const names = lower(factTexts(p.chart, original, field));
    for (const text of evidenceTexts(p)) expect(names).toContain(text.toLowerCase());
    const a = { ...(resourceIndex(p.chart).get(original) as object), id: '' };
    const b = { ...(resourceIndex(p.chart).get(p.error.target) as object), id: '' };
    expect(b).toEqual(a);
  },
  'discontinued-still-active': (p) => {
    const texts = evidenceTexts(p);
    expect(texts.some((t) => /discontinu|stop|d\/c|completed/i.test(t))).toBe(true);
    expect(resourceIndex(p.chart).get(p.error.target)).toMatchObject({ status: 'active' });
  },
  'wrong-laterality': (p) => {
    for (const text of evidenceTexts(p)) expect(correctionMatches(p.error, text), text).toBe(true);
  },
  'missing-signature': (p) => {
    const target = doc(p.chart, p.error.target);
    expect(target.signed).toBeUndefined();
    expect(target.text).not.toMatch(/signed (electronically )?by|authenticated by/i);
    const author = p.chart.practitioners.find((x) => `Practitioner/${x.id}` === target.author);
    const names = CLINICIAN_NAME_FORMS.map((f) => clinicianName(author, f));
    for (const text of evidenceTexts(p)) expect(names).toContain(text);
  },
  'late-signature': (p) => {
    const target = doc(p.chart, p.error.target);
    const at = target.signed?.at as string;
    const texts = evidenceTexts(p);
    expect(texts.some((t) => (['us', 'us-short', 'long', 'iso'] as const).some((s) => t.startsWith(printDate(at, s))))).toBe(true);
    const limitHours = target.kind === 'discharge-summary' ? 30 * 24 : target.kind === 'history-physical' ? 24 : 72;
    const encounter = p.chart.encounters.find((e) => `Encounter/${e.id}` === target.encounter);
    const from = target.kind === 'history-physical' ? encounter?.period?.start : (encounter?.period?.end ?? encounter?.period?.start);
    expect((Date.parse(at) - Date.parse(from as string)) / 3_600_000).toBeGreaterThan(limitHours);
    expect(at.slice(0, 10) <= REF_DATE).toBe(true);
  },
  'missing-order-date': (p) => {
    for (const text of evidenceTexts(p)) expect(correctionMatches(p.error, text), text).toBe(true);
    expect(resourceIndex(p.chart).get(p.error.target)).not.toHaveProperty('effectivePeriod.start');
  },
  'copy-forward': (p) => {
    const [source, copy] = evidenceTexts(p);
    expect(copy).toBe(source);
    expect((source as string).length).toBeGreaterThan(20);
    // The note said something else before: the copy replaced that visit's own vitals.
    const before = doc(p.input, p.error.target).text;
    expect(before).not.toContain(source);
  },
  'code-text-mismatch': (p) => {
    // The words of the condition as charted before the code was changed (the code now points elsewhere).
    const terms = lower(factTexts(p.input, p.error.target, 'code'));
    for (const text of evidenceTexts(p)) expect(correctionMatches(p.error, text) || terms.includes(text.toLowerCase()), text).toBe(true);
    const condition = resourceIndex(p.chart).get(p.error.target) as { code?: Parameters<typeof icd10Of>[0] };
    expect(icd10Of(condition.code)).not.toBe(p.error.correction);
  },
  'missing-hp-element': (p) => {
    const element = /^Missing (.+?):/.exec(p.error.correction)?.[1] as string;
    const heading = { allergies: /^allergies:/im, 'physical exam': /^physical exam\w*:/im, 'assessment and plan': /^assessment and plan:/im }[element];
    expect(heading).toBeDefined();
    expect(doc(p.input, p.error.target).text).toMatch(heading as RegExp);
    expect(doc(p.chart, p.error.target).text).not.toMatch(heading as RegExp);
    for (const text of evidenceTexts(p)) expect(text.trim().length).toBeGreaterThan(0);
  },
  'missing-discharge-element': (p) => {
    const element = /^Missing (.+?):/.exec(p.error.correction)?.[1] as string;
    const heading = { 'discharge medications': /^discharge medications:/im, 'disposition and follow-up': /^disposition:/im }[element];
    expect(heading).toBeDefined();
    expect(doc(p.input, p.error.target).text).toMatch(heading as RegExp);
    expect(doc(p.chart, p.error.target).text).not.toMatch(heading as RegExp);
    for (const text of evidenceTexts(p)) expect(text.trim().length).toBeGreaterThan(0);
  },
};

function swapDigits(s: string, i: number): string {
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

/** Corrections that get the fact wrong (or name the wrong action), which must not be accepted. */
const WRONG_CORRECTIONS: Record<ErrorType, (p: Planting) => string[]> = {
  'allergy-missing-from-list': (p) => {
    const other = ALLERGENS.find((a) => !sameTerm(a.code.display, p.error.correction) && !a.synonyms.some((s) => sameTerm(s, p.error.correction)));
    return ['NKA', 'no known allergies', other?.code.display as string];
  },
  'drug-allergy-conflict': (p) => {
    const allergy = /documented (.+) allergy\)$/.exec(p.error.correction)?.[1] as string;
    return [`remove ${allergy} allergy from the list`, 'continue current medications', 'no action needed'];
  },
  'wrong-patient-result': (p) => [`refile to MRN ${mrnOf(p.chart)}`, 'looks correct', 'update the lab values'],
  'transposed-mrn': (p) => {
    const mrn = mrnOf(p.chart);
    const wrong = [...mrn].map((_, i) => i).filter((i) => i + 1 < mrn.length && mrn[i] !== mrn[i + 1]).map((i) => swapDigits(mrn, i));
    return [...wrong.slice(0, 3), 'fix the MRN'];
  },
  'transposed-birth-date': (p) => {
    const dob = p.chart.patient.birthDate as string;
    return [printDate(addDays(dob, 1), 'us'), printDate(addDays(dob, -365), 'long'), 'fix the DOB'];
  },
  'unit-error': (p) => {
    const [value, unit] = p.error.correction.split(' ') as [string, string];
    const wrongUnit = { mg: 'mcg', mcg: 'mg', 'mg/dL': 'mmol/L', 'mmol/L': 'mg/dL' }[unit] as string;
    return [`${value} ${wrongUnit}`, wrongUnit, `${Number(value) + 5} ${unit}`];
  },
  'abnormal-not-flagged': (p) => {
    const flag = p.error.correction.split(' ')[0] as string;
    const opposite = { H: 'L', L: 'H', HH: 'LL', LL: 'HH' }[flag] as string;
    return ['N', 'normal', opposite, { H: 'low', L: 'high', HH: 'critical low', LL: 'critical high' }[flag] as string];
  },
  'impossible-date': (p) => {
    const [m, d, y] = p.error.correction.split('/');
    const truth = `${y}-${m}-${d}`;
    return [printDate(addDays(truth, 1), 'us'), printDate(addDays(truth, 36500), 'us'), 'fix the date'];
  },
  'duplicate-entry': () => ['discontinue', 'change the dose', 'mark inactive'],
  'discontinued-still-active': () => ['remove duplicate', 'active', 'continue'],
  'wrong-laterality': (p) => {
    const right = /right/i.test(p.error.correction);
    return [p.error.correction.replace(right ? /right/i : /left/i, right ? 'left' : 'right'), right ? 'L' : 'R'];
  },
  'missing-signature': () => ['late signature, flag as delinquent', 'refile', 'fix the date'],
  'late-signature': () => ['obtain missing signature', 'sign the note', 'remove duplicate'],
  'missing-order-date': (p) => {
    const [m, d, y] = p.error.correction.split('/');
    return [printDate(addDays(`${y}-${m}-${d}`, 1), 'us'), 'unknown'];
  },
  'copy-forward': () => ['remove duplicate', 'obtain signature', 'wrong patient'],
  'code-text-mismatch': (p) => {
    const condition = resourceIndex(p.chart).get(p.error.target) as { code?: Parameters<typeof icd10Of>[0] };
    return [icd10Of(condition.code) as string, 'Z00.00', 'recode'];
  },
  'missing-hp-element': (p) => {
    const element = /^Missing (.+?):/.exec(p.error.correction)?.[1] as string;
    return ['allergies', 'physical exam', 'assessment and plan'].filter((e) => e !== element).map((e) => `missing ${e}`);
  },
  'missing-discharge-element': (p) => {
    const element = /^Missing (.+?):/.exec(p.error.correction)?.[1] as string;
    return element === 'discharge medications' ? ['missing disposition', 'no follow-up plan'] : ['missing discharge medications', 'add the med list'];
  },
};

/** Resources (documents as DocumentReferences) the planting changed, added or removed, as bundle entries. */
function changes(p: Planting): { changed: Resource[]; removed: string[] } {
  const keyed = (chart: Chart) => new Map(chartResources(chart).map((r) => [`${r.resourceType}/${r.id}`, JSON.stringify(r)]));
  const before = keyed(p.input);
  const after = keyed(p.chart);
  const changed = new Set([...after].filter(([ref, json]) => before.get(ref) !== json).map(([ref]) => ref));
  const entries = toBundle(p.chart).entry?.map((e) => e.resource as Resource) ?? [];
  return { changed: entries.filter((r) => changed.has(`${r.resourceType}/${r.id}`)), removed: [...before.keys()].filter((ref) => !after.has(ref)) };
}

describe.each(ERROR_TYPES.map((type) => [type]))('%s', (type) => {
  const planted = plantings.get(type) ?? [];
  const info = ERROR_CATALOG[type];

  it('has a label, a learner description, a reason it matters and a category', () => {
    expect(info.type).toBe(type);
    for (const text of [info.label, info.description, info.whyItMatters]) expect(text.length).toBeGreaterThan(10);
    expect(['data-quality', 'deficiency', 'integrity', 'coding']).toContain(info.category);
  });

  it('applies to a good share of generated charts', () => {
    expect(planted.length, `${planted.length} of ${CHARTS.length} charts`).toBeGreaterThanOrEqual(6);
  });

  it('flags a target (and alternatives) that resolve in the returned chart', () => {
    for (const p of planted) {
      expect(p.error.type).toBe(type);
      for (const ref of [p.error.target, ...p.error.alsoAccept]) expect(resolves(p.chart, ref), ref).toBe(true);
      expect(p.error.description.length).toBeGreaterThan(20);
      expect(p.error.correction.length).toBeGreaterThan(0);
    }
  });

  it('gives evidence spans inside the documents that show the truth', () => {
    for (const p of planted) {
      expect(p.error.evidence.length).toBeGreaterThan(0);
      for (const e of p.error.evidence) {
        const d = doc(p.chart, e.documentId);
        expect(e.start).toBeGreaterThanOrEqual(0);
        expect(e.end).toBeGreaterThan(e.start);
        expect(e.end).toBeLessThanOrEqual(d.text.length);
      }
      SHOWS_TRUTH[type](p);
    }
  });

  it('leaves the input chart unchanged', () => {
    for (const p of planted) expect(JSON.stringify(p.input)).toBe(p.inputJson);
  });

  it('keeps the chart valid FHIR R4', () => {
    for (const p of planted.slice(0, 5)) {
      expect(schemaErrors(toBundle(p.chart)), `seed ${p.chart.meta.seed}`).toEqual([]);
      const { changed, removed } = changes(p);
      expect(changed.length + removed.length).toBeGreaterThan(0);
      for (const r of changed) expect(structureErrors(r), `${r.resourceType}/${r.id}`).toEqual([]);
    }
  });

  it('keeps every remaining document span on the words it cited', () => {
    for (const p of planted) {
      for (const d of p.chart.documents) {
        const original = p.input.documents.find((x) => x.id === d.id) as SourceDocument;
        const textOf = (doc0: SourceDocument, s: EvidenceSpan) => doc0.text.slice(s.start, s.end);
        const originalTexts = new Map(original.spans.map((s) => [`${s.ref}|${s.field}|${textOf(original, s)}`, true]));
        for (const s of d.spans) {
          expect(s.end).toBeLessThanOrEqual(d.text.length);
          expect(originalTexts.has(`${s.ref}|${s.field}|${textOf(d, s)}`), `${s.ref} ${s.field} "${textOf(d, s)}"`).toBe(true);
        }
      }
    }
  });

  it('accepts its own correction and rejects a wrong one', () => {
    for (const p of planted) {
      expect(correctionMatches(p.error, p.error.correction), p.error.correction).toBe(true);
      for (const wrong of WRONG_CORRECTIONS[type](p)) expect(correctionMatches(p.error, wrong), `"${wrong}" for ${p.error.correction}`).toBe(false);
      expect(correctionMatches(p.error, '')).toBe(false);
    }
  });

  it('plants the same error for the same seed', () => {
    for (const p of planted.slice(0, 4)) {
      const again = plantOne(p.input, type);
      expect(again.errors).toEqual([p.error]);
      expect(JSON.stringify(again.chart)).toBe(JSON.stringify(p.chart));
    }
  });

  it('plants through ERROR_CATALOG.inject on a chart it mutates', () => {
    const p = planted[0] as Planting;
    const chart = structuredClone(p.input);
    const error = info.inject(chart, rngFor(chart, 1), 'solo');
    expect(error?.type).toBe(type);
    expect(error?.id).toBe('solo');
    expect(JSON.stringify(chart)).not.toBe(p.inputJson);
  });
});

describe('correctionMatches', () => {
  const err = (type: ErrorType, correction: string, extra: Partial<InjectedError> = {}): InjectedError => ({
    id: 'e',
    type,
    target: 'X/1',
    alsoAccept: [],
    description: '',
    correction,
    evidence: [],
    ...extra,
  });

  it('reads doses strictly: 75 mcg is 0.075 mg, never 75 mg', () => {
    const e = err('unit-error', '75 mcg');
    for (const ok of ['75 mcg', '75mcg', '75 micrograms', '0.075 mg', 'levothyroxine 75 mcg daily', 'change 75 mg to 75 mcg', '75 mcg, not 75 mg', 'mcg']) {
      expect(correctionMatches(e, ok), ok).toBe(true);
    }
    for (const bad of ['75 mg', 'mg', '750 mcg', '75 mcg should be 75 mg']) expect(correctionMatches(e, bad), bad).toBe(false);
  });

  it('reads lab units with an optional value', () => {
    const e = err('unit-error', '95 mg/dL');
    for (const ok of ['mg/dL', '95 mg/dl', 'should be 95 mg/dL not mmol/L']) expect(correctionMatches(e, ok), ok).toBe(true);
    for (const bad of ['mmol/L', '95 mmol/L', '59 mg/dL']) expect(correctionMatches(e, bad), bad).toBe(false);
  });

  it('accepts any date format for a date correction', () => {
    const e = err('impossible-date', '03/14/2024');
    for (const ok of ['2024-03-14', '3/14/24', 'Mar 14, 2024', 'should be 14 March 2024']) expect(correctionMatches(e, ok), ok).toBe(true);
    for (const bad of ['03/14/1924', '14/03/2024', '2024']) expect(correctionMatches(e, bad), bad).toBe(false);
  });

  it('accepts an MRN with separators but not a transposition', () => {
    const e = err('transposed-mrn', '1753845952');
    for (const ok of ['1753845952', 'MRN 175-384-5952', 'correct MRN is 1753845952']) expect(correctionMatches(e, ok), ok).toBe(true);
    for (const bad of ['1753845592', '7153845952']) expect(correctionMatches(e, bad), bad).toBe(false);
  });

  it('accepts misfiling wording with or without the destination MRN', () => {
    const e = err('wrong-patient-result', 'Misfiled: refile to MRN 3559981494 (Makayla Brekke)');
    for (const ok of ['misfiled', 'wrong patient - remove from chart', 'refile to 3559981494', 'belongs to Makayla Brekke']) expect(correctionMatches(e, ok), ok).toBe(true);
    for (const bad of ['refile to 1753845952', 'correct the name']) expect(correctionMatches(e, bad), bad).toBe(false);
  });

  it('accepts stop wording for a drug-allergy conflict, not removing the allergy', () => {
    const e = err('drug-allergy-conflict', 'Discontinue amoxicillin / contact prescriber (documented penicillin V allergy)');
    for (const ok of ['d/c amoxicillin', 'hold amoxicillin and contact prescriber', 'Notify the physician', 'stop med']) expect(correctionMatches(e, ok), ok).toBe(true);
    for (const bad of ['remove penicillin allergy', 'continue amoxicillin']) expect(correctionMatches(e, bad), bad).toBe(false);
  });

  it('accepts flags by code or word, and not the opposite flag', () => {
    const e = err('abnormal-not-flagged', 'H (High)');
    for (const ok of ['H', 'high', 'flag as HIGH', 'elevated', 'not normal, high']) expect(correctionMatches(e, ok), ok).toBe(true);
    for (const bad of ['L', 'low', 'normal', 'high? no, normal']) expect(correctionMatches(e, bad), bad).toBe(false);
  });

  it('accepts ICD-10-CM codes with or without the dot', () => {
    const e = err('code-text-mismatch', 'E11.9');
    for (const ok of ['E11.9', 'e119', 'recode to E11.9 (type 2 DM)', 'E10.9 -> E11.9']) expect(correctionMatches(e, ok), ok).toBe(true);
    for (const bad of ['E10.9', 'E11', 'E11.65']) expect(correctionMatches(e, bad), bad).toBe(false);
  });

  it('needs both vitals and copying words for copy-forward', () => {
    const e = err('copy-forward', 'Correct the vitals to the values measured that day');
    for (const ok of ['vitals copied from prior note', 'BP cloned', 'update vital signs to actual values']) expect(correctionMatches(e, ok), ok).toBe(true);
    for (const bad of ['copied note', 'vitals']) expect(correctionMatches(e, bad), bad).toBe(false);
  });
});

describe('injectErrors', () => {
  it('plants several errors of mixed types, each on its own target, with intact evidence', () => {
    let planted = 0;
    for (const { chart, json } of CHARTS.slice(0, 12)) {
      const { chart: out, errors } = injectErrors(chart, ERROR_TYPES, 8, rngFor(chart, 2));
      expect(JSON.stringify(chart)).toBe(json);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.length).toBeLessThanOrEqual(8);
      planted += errors.length;
      expect(new Set(errors.map((e) => e.target)).size).toBe(errors.length);
      for (const e of errors) {
        const others = errors.filter((o) => o !== e);
        expect(others.some((o) => o.alsoAccept.includes(e.target)), `${e.type} target is another error's alternative`).toBe(false);
      }
      expect(new Set(errors.map((e) => e.id)).size).toBe(errors.length);
      for (const error of errors) {
        for (const ref of [error.target, ...error.alsoAccept]) expect(resolves(out, ref), ref).toBe(true);
        expect(correctionMatches(error, error.correction)).toBe(true);
        SHOWS_TRUTH[error.type]({ input: chart, inputJson: json, chart: out, error });
      }
      // The working spans that carried evidence during planting are gone.
      expect(out.documents.every((d) => d.spans.every((s) => !s.ref.startsWith('chartlab:')))).toBe(true);
      expect(schemaErrors(toBundle(out))).toEqual([]);
    }
    expect(planted).toBeGreaterThan(12 * 5);
  });

  it('plants as many as fit when the chart runs out of targets', () => {
    const { chart } = CHARTS[0] as { chart: Chart };
    const discharges = chart.documents.filter((d) => d.kind === 'discharge-summary').length;
    const { errors } = injectErrors(chart, ['missing-discharge-element'], 5, rngFor(chart));
    expect(errors.length).toBe(discharges);
    const none = injectErrors(chart, [], 3, rngFor(chart));
    expect(none.errors).toEqual([]);
  });

  it('gives the same errors and chart for the same rng seed, and others for another', () => {
    const { chart } = CHARTS[3] as { chart: Chart };
    const a = injectErrors(chart, ERROR_TYPES, 6, createRng(9));
    const b = injectErrors(chart, ERROR_TYPES, 6, createRng(9));
    expect(b.errors).toEqual(a.errors);
    expect(JSON.stringify(b.chart)).toBe(JSON.stringify(a.chart));
    const c = injectErrors(chart, ERROR_TYPES, 6, createRng(10));
    expect(JSON.stringify(c.errors)).not.toBe(JSON.stringify(a.errors));
  });
});

describe('editDocument', () => {
  const make = (): SourceDocument => ({
    id: 'd',
    kind: 'progress-note',
    title: 'Note',
    date: REF_DATE,
    text: 'BP 132/84, HR 78. Allergies: PCN (hives).',
    spans: [
      { ref: 'Observation/bp', field: 'value', start: 3, end: 9 },
      { ref: 'Observation/hr', field: 'value', start: 14, end: 16 },
      { ref: 'AllergyIntolerance/a', field: 'code', start: 29, end: 32 },
      { ref: 'AllergyIntolerance/a', field: 'reaction', start: 34, end: 39 },
    ],
  });
  const texts = (d: SourceDocument) => d.spans.map((s) => d.text.slice(s.start, s.end));

  it('shifts spans after a longer replacement and keeps those before it', () => {
    const d = make();
    expect(editDocument(d, 11, 13, 'Pulse')).toBe(3);
    expect(d.text).toBe('BP 132/84, Pulse 78. Allergies: PCN (hives).');
    expect(texts(d)).toEqual(['132/84', '78', 'PCN', 'hives']);
  });

  it('drops spans the replaced text overlaps', () => {
    const d = make();
    editDocument(d, 18, 41, '');
    expect(d.text).toBe('BP 132/84, HR 78. ');
    expect(d.spans.map((s) => s.ref)).toEqual(['Observation/bp', 'Observation/hr']);
    const e = make();
    editDocument(e, 15, 30, 'x');
    expect(e.spans.map((s) => s.ref)).toEqual(['Observation/bp', 'AllergyIntolerance/a']);
    expect(texts(e)).toEqual(['132/84', 'hives']);
  });

  it('inserts at a span boundary without touching the span, and drops a span it splits', () => {
    const d = make();
    editDocument(d, 9, 9, ' mmHg');
    expect(texts(d)).toEqual(['132/84', '78', 'PCN', 'hives']);
    editDocument(d, 3, 3, '~');
    expect(texts(d)).toEqual(['132/84', '78', 'PCN', 'hives']);
    editDocument(d, 5, 5, '!');
    expect(d.spans.map((s) => s.ref)).not.toContain('Observation/bp');
  });

  it('rejects a range outside the text', () => {
    expect(() => editDocument(make(), -1, 2, '')).toThrow(RangeError);
    expect(() => editDocument(make(), 5, 4, '')).toThrow(RangeError);
    expect(() => editDocument(make(), 0, 1000, '')).toThrow(RangeError);
  });

  it('keeps every surviving span of a rendered document on its words through many random edits', () => {
    const rng = createRng(7);
    const d = structuredClone((CHARTS[0] as { chart: Chart }).chart.documents.find((x) => x.kind === 'history-physical') as SourceDocument);
    const before = new Map(d.spans.map((s) => [s, d.text.slice(s.start, s.end)]));
    for (let i = 0; i < 200; i++) {
      const start = rng.int(0, d.text.length);
      const end = Math.min(d.text.length, start + rng.int(0, 12));
      editDocument(d, start, end, 'z'.repeat(rng.int(0, 6)));
    }
    expect(d.spans.length).toBeGreaterThan(0);
    for (const s of d.spans) expect(d.text.slice(s.start, s.end)).toBe(before.get(s));
  });
});
