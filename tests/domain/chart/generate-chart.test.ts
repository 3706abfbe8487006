import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Chart } from '@/domain/chart/chart-types';
import { flagFor } from '@/domain/chart/fhir-builders';
import { cohortSeeds, generateChart } from '@/domain/chart/generate-chart';
import { ckdEpi2021 } from '@/domain/chart/timeline';
import { CONDITIONS, getLab, LABS, VACCINES } from '@/domain/codes/code-tables';
import { ageInMonths, ageOn, daysBetween } from '@/domain/time/dates';

const REF_DATE = '2026-06-30';
const cohort = cohortSeeds(99, 300).map((seed) => generateChart({ seed, refDate: REF_DATE }));

const loincToLab = new Map(LABS.map((l) => [l.loinc.code, l]));
const labValue = (chart: Chart, id: string) =>
  chart.labs.filter((o) => o.code?.coding?.[0]?.code === getLab(id).loinc.code).map((o) => o.valueQuantity?.value as number);

function allDates(chart: Chart): { what: string; date: string }[] {
  const out: { what: string; date: string }[] = [];
  for (const c of chart.conditions) out.push({ what: `onset of ${c.code?.text}`, date: c.onsetDateTime as string });
  for (const p of chart.procedures) out.push({ what: `procedure ${p.code?.text}`, date: p.performedDateTime as string });
  for (const m of chart.medications) out.push({ what: `start of ${m.medicationCodeableConcept?.text}`, date: m.effectivePeriod?.start as string });
  for (const i of chart.immunizations) out.push({ what: `dose of ${i.vaccineCode.text}`, date: i.occurrenceDateTime as string });
  for (const e of chart.encounters) out.push({ what: 'encounter', date: e.period?.start as string });
  for (const o of [...chart.vitals, ...chart.labs]) out.push({ what: o.code.text as string, date: o.effectiveDateTime as string });
  for (const a of chart.allergies) out.push({ what: 'allergy recorded', date: a.recordedDate as string });
  return out;
}

describe('generateChart', () => {
  it('gives the same chart, byte for byte, for the same seed', () => {
    const a = JSON.stringify(generateChart({ seed: 42, refDate: REF_DATE }));
    const b = JSON.stringify(generateChart({ seed: 42, refDate: REF_DATE }));
    expect(a).toBe(b);
    expect(JSON.stringify(generateChart({ seed: 43, refDate: REF_DATE }))).not.toBe(a);
  });

  it('gives every patient of a cohort a distinct MRN and id', () => {
    const seeds = cohortSeeds(5, 2000);
    expect(new Set(seeds).size).toBe(2000);
    const mrns = cohort.map((c) => c.patient.identifier?.[0]?.value);
    expect(new Set(mrns).size).toBe(cohort.length);
    expect(new Set(cohort.map((c) => c.id)).size).toBe(cohort.length);
    expect(mrns.every((m) => /^\d{10}$/.test(m ?? ''))).toBe(true);
  });

  it('starts a cohort with the master seed itself, so a cohort of one is the app chart', () => {
    expect(cohortSeeds(42, 3)[0]).toBe(42);
  });

  it('flags every lab result in agreement with its reference range and critical limits', () => {
    let checked = 0;
    for (const chart of cohort) {
      for (const obs of chart.labs) {
        const test = loincToLab.get(obs.code.coding?.[0]?.code as string);
        expect(test).toBeDefined();
        const range = obs.referenceRange?.[0];
        expect(range?.low ?? range?.high, `${obs.code.text} has a reference range`).toBeDefined();
        const value = obs.valueQuantity?.value as number;
        expect(obs.valueQuantity?.code).toBe(test?.ucum);
        const expected = flagFor(value, { low: range?.low?.value, high: range?.high?.value }, test?.critical);
        expect(obs.interpretation?.[0]?.coding?.[0]?.code, `${obs.code.text} ${value}`).toBe(expected);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('keeps every date between birth and the reference date', () => {
    for (const chart of cohort) {
      const birth = chart.patient.birthDate as string;
      for (const { what, date } of allDates(chart)) {
        expect(daysBetween(birth, date.slice(0, 10)), `${what} ${date} after birth ${birth}`).toBeGreaterThanOrEqual(0);
        expect(daysBetween(date.slice(0, 10), REF_DATE), `${what} ${date} not after ${REF_DATE}`).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('gives vaccines only at the ages and in the years they are given', () => {
    const byCvx = new Map(VACCINES.map((v) => [v.cvx.code, v]));
    for (const chart of cohort) {
      const birth = chart.patient.birthDate as string;
      for (const dose of chart.immunizations) {
        const vaccine = byCvx.get(dose.vaccineCode.coding?.[0]?.code as string);
        expect(vaccine).toBeDefined();
        const day = dose.occurrenceDateTime as string;
        expect(Number(day.slice(0, 4))).toBeGreaterThanOrEqual(vaccine?.availableFromYear ?? 0);
        const months = ageInMonths(birth, day);
        const scheduled = vaccine?.scheduleMonths?.some((m) => months >= m && months <= m + 1) ?? false;
        const seasonal = vaccine?.seasonalFromMonths !== undefined && months >= vaccine.seasonalFromMonths;
        const adult = vaccine?.adultFromYears !== undefined && ageOn(birth, day) >= vaccine.adultFromYears;
        expect(scheduled || seasonal || adult, `${vaccine?.shortName} at ${months} months`).toBe(true);
      }
    }
  });

  it('links every medication to a condition on the chart that it treats', () => {
    for (const chart of cohort) {
      const conditionIds = new Set(chart.conditions.map((c) => `Condition/${c.id}`));
      for (const med of chart.medications) {
        const reason = med.reasonReference?.[0]?.reference;
        expect(reason && conditionIds.has(reason), `${med.medicationCodeableConcept?.text} → ${reason}`).toBe(true);
      }
    }
  });

  it('states something about allergies on every chart', () => {
    for (const chart of cohort) expect(chart.allergies.length).toBeGreaterThan(0);
    const nka = cohort.filter((c) => c.allergies.some((a) => a.code?.coding?.[0]?.code === '716186003'));
    expect(nka.length).toBeGreaterThan(cohort.length * 0.4);
    expect(nka.every((c) => c.allergies.length === 1)).toBe(true);
  });

  it('only gives conditions to patients of an age and sex the module allows', () => {
    for (const chart of cohort) {
      const sex = chart.patient.gender as 'male' | 'female';
      for (const id of chart.meta.conditionModules) {
        const module = CONDITIONS.find((m) => m.id === id);
        expect(module?.prevalence.some((b) => b.p > 0 && (b.sex === undefined || b.sex === sex)), `${id} for ${sex}`).toBe(true);
      }
    }
  });

  it('computes eGFR from the creatinine with CKD-EPI 2021 and LDL with Friedewald', () => {
    let checked = 0;
    for (const chart of cohort.slice(0, 80)) {
      const byReportDay = new Map<string, Observation[]>();
      for (const obs of chart.labs) {
        const key = `${obs.effectiveDateTime}`;
        byReportDay.set(key, [...(byReportDay.get(key) ?? []), obs]);
      }
      const sex = chart.patient.gender as 'male' | 'female';
      for (const [when, results] of byReportDay) {
        const value = (id: string) => results.find((o) => o.code.coding?.[0]?.code === getLab(id).loinc.code)?.valueQuantity?.value;
        const creatinine = value('creatinine');
        const egfr = value('egfr');
        if (creatinine !== undefined && egfr !== undefined) {
          expect(Math.abs(egfr - ckdEpi2021(creatinine, ageOn(chart.patient.birthDate as string, when), sex))).toBeLessThan(1);
          checked += 1;
        }
        const [tc, hdl, tg, ldl] = ['cholesterol-total', 'hdl', 'triglycerides', 'ldl'].map(value);
        if (tc !== undefined && hdl !== undefined && tg !== undefined && ldl !== undefined) {
          expect(Math.abs(tc - hdl - tg / 5 - ldl)).toBeLessThan(2);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('makes a diabetic chart coherent: the problem, an A1c that shows it, and a diabetes drug', () => {
    let treated = 0;
    const seeds = cohortSeeds(314, 30);
    for (const seed of seeds) {
      const chart = generateChart({ seed, refDate: REF_DATE, conditions: ['t2dm'] });
      const dm = chart.conditions.find((c) => c.code?.coding?.some((k) => k.code?.startsWith('E11')));
      expect(dm).toBeDefined();
      const a1c = labValue(chart, 'hba1c');
      expect(a1c.length).toBeGreaterThan(0);
      expect(Math.max(...a1c)).toBeGreaterThanOrEqual(6.5);
      if (chart.medications.some((m) => m.reasonReference?.[0]?.reference === `Condition/${dm?.id}`)) treated += 1;
    }
    expect(treated).toBeGreaterThan(seeds.length * 0.7);
  });

  it('shifts the labs and vitals a condition affects (CKD creatinine and eGFR, hypertension BP)', () => {
    const seeds = cohortSeeds(8, 15);
    for (const seed of seeds) {
      const ckd = generateChart({ seed, refDate: REF_DATE, conditions: ['ckd-stage-3'] });
      const egfr = labValue(ckd, 'egfr');
      expect(egfr.length).toBeGreaterThan(0);
      expect(Math.min(...egfr)).toBeLessThan(60);
    }
    const systolic = (chart: Chart) =>
      chart.vitals.filter((o) => o.code.coding?.[0]?.code === '85354-9').map((o) => o.component?.[0]?.valueQuantity?.value as number);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const htn = seeds.map((seed) => mean(systolic(generateChart({ seed, refDate: REF_DATE, minAge: 45, maxAge: 70, conditions: ['essential-hypertension'] }))));
    const others = cohort.filter((c) => !c.meta.conditionModules.includes('essential-hypertension') && ageOn(c.patient.birthDate as string, REF_DATE) >= 18).map((c) => mean(systolic(c)));
    expect(mean(htn)).toBeGreaterThan(mean(others) + 10);
  });

  it('honours the sex and age band of the spec', () => {
    for (const seed of cohortSeeds(1, 20)) {
      const chart = generateChart({ seed, refDate: REF_DATE, sex: 'male', minAge: 65, maxAge: 80 });
      expect(chart.patient.gender).toBe('male');
      const age = ageOn(chart.patient.birthDate as string, REF_DATE);
      expect(age).toBeGreaterThanOrEqual(65);
      expect(age).toBeLessThanOrEqual(80);
    }
  });

  it('refuses a spec no patient can satisfy with a clear message', () => {
    expect(() => generateChart({ seed: 1, refDate: REF_DATE, conditions: ['ckd-stage-3'], maxAge: 5 })).toThrow(/age band/);
  });
});
