import { describe, expect, it } from 'vitest';
import type { Chart } from '@/domain/chart/chart-types';
import { generateChart } from '@/domain/chart/generate-chart';
import { factTexts } from '@/domain/documents/fact-text';
import { FULL_DATE_FORMS, formatDate, PERSON_NAME_FORMS, personName } from '@/domain/documents/phrases';
import { addDays, printDate } from '@/domain/time/dates';

const REF_DATE = '2026-06-30';
const ref = (r: { resourceType: string; id?: string }) => `${r.resourceType}/${r.id}`;

function chartWhere(test: (c: Chart) => boolean, admission = false): Chart {
  for (let seed = 1; seed < 500; seed++) {
    const c = generateChart({ seed, refDate: REF_DATE, admission });
    if (test(c)) return c;
  }
  throw new Error('no chart found');
}

describe('factTexts', () => {
  it('lists the coded name, the table abbreviations and the ICD-10-CM code of a problem', () => {
    const c = chartWhere((x) => x.conditions.some((k) => k.code?.text === 'Essential hypertension'));
    const htn = c.conditions.find((k) => k.code?.text === 'Essential hypertension');
    const r = ref(htn as NonNullable<typeof htn>);
    const names = factTexts(c, r, 'code');
    expect(names[0]).toBe('Essential hypertension');
    expect(names).toEqual(expect.arrayContaining(['HTN', 'Essential (primary) hypertension']));
    expect(factTexts(c, r, 'icd10')).toEqual(['I10']);
  });

  it('lists every printed style of a date, U.S. first, and month-year forms for onsets', () => {
    const c = chartWhere((x) => x.conditions.length > 0);
    const cond = c.conditions[0] as NonNullable<(typeof c.conditions)[0]>;
    const onset = cond.onsetDateTime as string;
    const texts = factTexts(c, ref(cond), 'onset');
    expect(texts[0]).toBe(printDate(onset, 'us'));
    for (const style of FULL_DATE_FORMS) expect(texts).toContain(printDate(onset, style));
    expect(texts).toContain(onset.slice(0, 4));
    expect(factTexts(c, ref(c.patient), 'birthDate')).not.toContain((c.patient.birthDate as string).slice(0, 4));
  });

  it('accepts the frequency code, its spelled-out text and everyday wording', () => {
    const c = chartWhere((x) => x.medications.some((m) => m.dosage?.[0]?.timing?.code?.text === 'BID'));
    const m = c.medications.find((x) => x.dosage?.[0]?.timing?.code?.text === 'BID');
    const texts = factTexts(c, ref(m as NonNullable<typeof m>), 'frequency');
    expect(texts).toEqual(expect.arrayContaining(['BID', 'twice daily']));
  });

  it('accepts generic and brand names of a drug, and PO and "by mouth" for the oral route', () => {
    const c = chartWhere((x) => x.medications.some((m) => m.medicationCodeableConcept?.text?.startsWith('lisinopril')));
    const m = c.medications.find((x) => x.medicationCodeableConcept?.text?.startsWith('lisinopril'));
    const r = ref(m as NonNullable<typeof m>);
    expect(factTexts(c, r, 'drug')).toEqual(expect.arrayContaining(['lisinopril', 'Zestril', 'Prinivil']));
    expect(factTexts(c, r, 'route')).toEqual(expect.arrayContaining(['PO', 'by mouth', 'oral']));
    // One tablet: the label strength is the canonical dose ("10 mg"), the amount is accepted too.
    expect(factTexts(c, r, 'dose')[0]).toMatch(/^\d+(\.\d+)? mg$/);
    expect(factTexts(c, r, 'dose')).toContain('1 tablet');
  });

  it('formats a lab value with the decimals the lab reports and lists its flag words', () => {
    const c = chartWhere((x) => x.labs.some((o) => o.code?.text === 'Creatinine' && o.interpretation?.[0]?.coding?.[0]?.code === 'H'));
    const cr = c.labs.find((o) => o.code?.text === 'Creatinine' && o.interpretation?.[0]?.coding?.[0]?.code === 'H');
    const r = ref(cr as NonNullable<typeof cr>);
    expect(factTexts(c, r, 'value')[0]).toBe((cr?.valueQuantity?.value as number).toFixed(2));
    expect(factTexts(c, r, 'code')).toEqual(expect.arrayContaining(['Creatinine', 'Cr']));
    expect(factTexts(c, r, 'flag')).toEqual(expect.arrayContaining(['H', 'High']));
  });

  it('accepts NKDA and "No known allergies" for the no-known-allergy statement, canonical first', () => {
    const c = chartWhere((x) => x.allergies.some((a) => a.code?.coding?.[0]?.code === '716186003'));
    const nka = c.allergies[0] as NonNullable<(typeof c.allergies)[0]>;
    const texts = factTexts(c, ref(nka), 'code');
    expect(texts[0]).toBe('No known allergies');
    expect(texts).toContain('NKDA');
  });

  it('writes the whole blood pressure as one value', () => {
    const c = chartWhere((x) => x.vitals.length > 0);
    const bp = c.vitals.find((o) => o.component);
    const [sys, dia] = (bp?.component ?? []).map((x) => x.valueQuantity?.value);
    expect(factTexts(c, ref(bp as NonNullable<typeof bp>), 'value')[0]).toBe(`${sys}/${dia}`);
    expect(factTexts(c, ref(bp as NonNullable<typeof bp>), 'code')).toContain('BP');
  });

  it('returns nothing for an unknown ref or field', () => {
    const c = chartWhere(() => true);
    expect(factTexts(c, 'Condition/nope', 'code')).toEqual([]);
    expect(factTexts(c, ref(c.patient), 'favouriteColour')).toEqual([]);
  });

  it('sees a fact edited in place and a resource replaced after the first call', () => {
    const c = chartWhere((x) => x.conditions.length > 0);
    const cond = c.conditions[0] as NonNullable<(typeof c.conditions)[0]>;
    const r = ref(cond);
    expect(factTexts(c, r, 'status').length).toBeGreaterThan(0);
    c.conditions[0] = { ...cond, clinicalStatus: { coding: [{ code: 'inactive', display: 'Inactive' }] } };
    expect(factTexts(c, r, 'status')).toEqual(['Inactive', 'inactive']);
  });
});

describe('personName', () => {
  const john = { family: 'Smith', given: ['John', 'Albert'] };

  it('puts a suffix last in every form', () => {
    expect(PERSON_NAME_FORMS.map((f) => personName({ ...john, suffix: ['Jr.'] }, f))).toEqual([
      'John Albert Smith Jr.',
      'John Smith Jr.',
      'Smith, John Albert Jr.',
      'Smith, John Jr.',
      'John A. Smith Jr.',
      'Smith, John A. Jr.',
      'Smith, John A Jr.',
    ]);
    expect(personName({ family: 'Smith', given: ['John'], suffix: ['Sr.'] }, 'last-first-mi')).toBe('Smith, John Sr.');
    expect(personName({ family: 'Smith', suffix: ['III'] }, 'first-last')).toBe('Smith III');
  });

  it('prints a name without a suffix as before, and the text of a name that has only text', () => {
    expect(PERSON_NAME_FORMS.map((f) => personName(john, f))).toEqual([
      'John Albert Smith',
      'John Smith',
      'Smith, John Albert',
      'Smith, John',
      'John A. Smith',
      'Smith, John A.',
      'Smith, John A',
    ]);
    expect(personName({ text: 'Baby Boy Smith', suffix: ['Jr.'] }, 'first-last')).toBe('Baby Boy Smith');
    expect(personName(undefined, 'first-last')).toBe('');
  });
});

describe('formatDate', () => {
  it('prints exactly what printDate prints, for every style, across years', () => {
    for (let day = '1931-01-01'; day < '2031-01-01'; day = addDays(day, 37)) {
      for (const style of FULL_DATE_FORMS) expect(formatDate(day, style)).toBe(printDate(day, style));
    }
    expect(formatDate('2026-06-30T09:15:00-05:00', 'long')).toBe('Jun 30, 2026');
  });
});
