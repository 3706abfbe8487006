import type {
  DiagnosticReport,
  Encounter,
  Immunization,
  Observation,
  ObservationComponent,
  ObservationReferenceRange,
  Practitioner,
} from '@medplum/fhirtypes';
import { getLab, getPanel, getVital, referenceFor, VACCINES } from '@/domain/codes/code-tables';
import type { Effect, Interval, LabTest, Sex } from '@/domain/codes/code-types';
import { roundTo, type Rng } from '@/domain/rng/rng';
import { addDays, addMonths, addYears, ageInMonths, ageOn, dateTime, dateTimeAfter, daysBetween, parseDay } from '@/domain/time/dates';
import type { ActiveProblem } from './clinical-history';
import { concept, flagFor, interpretation, quantity, ref, type Ref } from './fhir-builders';

export type VisitKind = 'wellness' | 'well-child' | 'follow-up' | 'acute' | 'emergency' | 'admission';

export interface Visit {
  kind: VisitKind;
  day: string;
  /** Last day of an inpatient stay. */
  dischargeDay?: string;
  hour: number;
  minute: number;
  provider: Practitioner;
  /** Problems addressed at this visit. */
  problems: ActiveProblem[];
  /** Panel ids ordered at this visit (for admissions: on the day of admission). */
  panels: string[];
  /** Panel ids drawn on the day of discharge. */
  dischargePanels: string[];
  encounter?: Encounter;
}

const ENCOUNTER_TYPES: Record<VisitKind, { code: string; display: string; klass: 'AMB' | 'EMER' | 'IMP' }> = {
  wellness: { code: '185349003', display: 'Encounter for check up (procedure)', klass: 'AMB' },
  'well-child': { code: '410620009', display: 'Well child visit (procedure)', klass: 'AMB' },
  'follow-up': { code: '185389009', display: 'Follow-up visit (procedure)', klass: 'AMB' },
  acute: { code: '185345009', display: 'Encounter for symptom (procedure)', klass: 'AMB' },
  emergency: { code: '50849002', display: 'Emergency room admission (procedure)', klass: 'EMER' },
  admission: { code: '32485007', display: 'Hospital admission (procedure)', klass: 'IMP' },
};

const CLASS_DISPLAY = { AMB: 'ambulatory', EMER: 'emergency', IMP: 'inpatient encounter' } as const;

/** Months of age of the well-child visits in the AAP Bright Futures periodicity schedule (first 3 years). */
const WELL_CHILD_MONTHS = [1, 2, 4, 6, 9, 12, 15, 18, 24, 30, 36];

export interface PlanOptions {
  birthDate: string;
  refDate: string;
  age: number;
  problems: ActiveProblem[];
  admission: boolean;
  pcp: Practitioner;
  hospitalist: Practitioner;
  specialists: Practitioner[];
}

/** Visits over the last three years (or since birth), in date order. */
export function planVisits(rng: Rng, opts: PlanOptions): Visit[] {
  const { birthDate, refDate, age, problems } = opts;
  const windowStart = daysBetween(birthDate, addYears(refDate, -3)) > 0 ? addYears(refDate, -3) : addDays(birthDate, 1);
  const inWindow = (day: string) => daysBetween(windowStart, day) >= 0 && daysBetween(day, refDate) > 0;
  const visits: Visit[] = [];
  const newVisit = (kind: VisitKind, day: string, provider: Practitioner, visitProblems: ActiveProblem[] = []): Visit => ({
    kind,
    day,
    hour: kind === 'emergency' ? rng.int(0, 23) : rng.int(8, 16),
    minute: rng.pick([0, 15, 30, 45]),
    provider,
    problems: visitProblems,
    panels: [],
    dischargePanels: [],
  });

  if (age < 3) {
    for (const months of WELL_CHILD_MONTHS) {
      const day = addDays(addMonths(birthDate, months), rng.int(0, 10));
      if (inWindow(day)) visits.push(newVisit('well-child', day, opts.pcp));
    }
  } else {
    for (let k = 0; k < 3; k++) {
      const day = addDays(refDate, -(k * 365 + rng.int(10, 150)));
      if (inWindow(day) && rng.chance(age < 18 ? 0.8 : 0.9)) visits.push(newVisit(age < 18 ? 'well-child' : 'wellness', day, opts.pcp));
    }
  }

  const chronic = problems.filter((p) => p.module.kind === 'chronic');
  const perYear = Math.max(0, ...chronic.map((p) => p.module.visitsPerYear));
  const followUps = Math.min(8, Math.round(perYear * 2));
  for (let i = 0; i < followUps; i++) {
    const day = addDays(refDate, -rng.int(7, 730));
    const addressed = chronic.filter((p) => daysBetween(p.onset, day) >= 0);
    if (addressed.length > 0 && inWindow(day)) {
      const specialistVisit = addressed.length > 0 && rng.chance(0.2) && opts.specialists.length > 0;
      visits.push(newVisit('follow-up', day, specialistVisit ? rng.pick(opts.specialists) : opts.pcp, addressed));
    }
  }

  // A chronic problem that is monitored is seen at least once after its onset.
  for (const problem of chronic) {
    const seen = visits.some((v) => (v.kind === 'follow-up' || v.kind === 'wellness') && daysBetween(problem.onset, v.day) >= 0);
    if (!seen && problem.module.monitoring.length > 0) {
      const day = addDays(problem.onset, rng.int(7, Math.max(7, Math.min(60, daysBetween(problem.onset, refDate) - 1))));
      if (daysBetween(day, refDate) > 0) visits.push(newVisit('follow-up', day, opts.pcp, chronic.filter((p) => daysBetween(p.onset, day) >= 0)));
    }
  }

  const acute = problems.filter((p) => p.module.kind === 'acute' && inWindow(p.onset));
  let admitted = false;
  for (const problem of acute) {
    // A serious acute problem in an older or multimorbid adult is the natural reason for a stay.
    const admit = !admitted && (opts.admission || (age >= 50 && chronic.length >= 2 && rng.chance(0.3)));
    if (admit) {
      admitted = true;
      const stay = newVisit('admission', problem.onset, opts.hospitalist, [problem]);
      stay.dischargeDay = addDays(problem.onset, rng.int(2, 6));
      if (daysBetween(stay.dischargeDay, refDate) <= 0) stay.dischargeDay = addDays(refDate, -1);
      problem.abatement = problem.abatement && daysBetween(stay.dischargeDay, problem.abatement) >= 0 ? problem.abatement : addDays(stay.dischargeDay, rng.int(3, 10));
      if (daysBetween(problem.abatement, refDate) <= 0) delete problem.abatement;
      visits.push(stay);
    } else {
      visits.push(newVisit(rng.chance(0.2) ? 'emergency' : 'acute', problem.onset, opts.pcp, [problem]));
    }
  }
  if (opts.admission && !admitted) {
    // No acute problem to admit for: an exacerbation of the first chronic problem.
    const reason = chronic[0] ?? problems[0];
    const day = addDays(refDate, -rng.int(20, 400));
    const start = daysBetween(windowStart, day) >= 0 ? day : addDays(refDate, -10);
    const stay = newVisit('admission', start, opts.hospitalist, reason ? [reason] : []);
    stay.dischargeDay = addDays(start, rng.int(2, 5));
    if (daysBetween(stay.dischargeDay, refDate) <= 0) stay.dischargeDay = addDays(refDate, -1);
    visits.push(stay);
  }

  visits.sort((a, b) => daysBetween(b.day, a.day) || a.hour - b.hour);
  assignPanels(rng, visits, problems, age);
  return visits;
}

function assignPanels(rng: Rng, visits: Visit[], problems: ActiveProblem[], age: number): void {
  for (const visit of visits) {
    if (visit.kind === 'wellness') {
      visit.panels.push('cbc', 'cmp');
      if (age >= 20) visit.panels.push('lipid');
    } else if (visit.kind === 'admission') {
      visit.panels.push('cbc', 'cmp');
      visit.dischargePanels.push('bmp');
    } else if (visit.kind === 'emergency') {
      visit.panels.push('cbc', 'bmp');
    }
  }
  for (const problem of problems) {
    const acute = problem.module.kind === 'acute';
    for (const { panel, perYear } of problem.module.monitoring) {
      if (acute) {
        const visit = visits.find((v) => v.problems.includes(problem));
        if (visit && !visit.panels.includes(panel)) visit.panels.push(panel);
        continue;
      }
      if (problem.module.kind !== 'chronic') continue;
      const eligible = visits.filter((v) => (v.kind === 'follow-up' || v.kind === 'wellness') && daysBetween(problem.onset, v.day) >= 0);
      const wanted = Math.max(1, Math.round(perYear * 2));
      for (const visit of rng.sample(eligible, wanted)) {
        if (!covers(visit.panels, panel)) visit.panels.push(panel);
      }
    }
  }
}

/** True when an ordered panel already reports everything `panel` would (a CMP covers a BMP). */
function covers(ordered: string[], panel: string): boolean {
  if (ordered.includes(panel)) return true;
  const wanted = getPanel(panel).tests;
  return ordered.some((id) => {
    const tests = getPanel(id).tests;
    return wanted.every((t) => tests.includes(t));
  });
}

export function buildEncounter(rng: Rng, visit: Visit, patientRef: Ref, facilityRef: Ref): Encounter {
  const type = ENCOUNTER_TYPES[visit.kind];
  const start = dateTime(visit.day, visit.hour, visit.minute);
  const length = rng.pick([15, 20, 30, 40]) + (visit.kind === 'emergency' ? rng.int(2, 5) * 60 : 0);
  const end = visit.dischargeDay
    ? dateTime(visit.dischargeDay, rng.int(10, 15), rng.pick([0, 30]))
    : dateTimeAfter(visit.day, visit.hour, visit.minute, length);
  const reasons = visit.problems.filter((p) => p.condition);
  const encounter: Encounter = {
    resourceType: 'Encounter',
    id: rng.uuid(),
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: type.klass, display: CLASS_DISPLAY[type.klass] },
    type: [{ coding: [{ system: 'http://snomed.info/sct', code: type.code, display: type.display }], text: type.display.replace(' (procedure)', '') }],
    subject: patientRef,
    participant: [
      {
        type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: visit.kind === 'admission' ? 'ATND' : 'PPRF', display: visit.kind === 'admission' ? 'attender' : 'primary performer' }] }],
        individual: { reference: `Practitioner/${visit.provider.id}`, display: visit.provider.name?.[0]?.text },
      },
    ],
    period: { start, end },
    serviceProvider: facilityRef,
  };
  if (reasons.length > 0) {
    encounter.reasonReference = reasons.map((p) => ({ reference: `Condition/${p.condition?.id}`, display: p.module.name }));
  } else if (visit.kind === 'wellness' || visit.kind === 'well-child') {
    encounter.reasonCode = [{ text: visit.kind === 'well-child' ? 'Well-child check' : 'Annual wellness visit' }];
  }
  if (visit.kind === 'admission') {
    encounter.hospitalization = {
      admitSource: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/admit-source', code: 'emd', display: 'From accident/emergency department' }] },
      dischargeDisposition: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'home', display: 'Home' }] },
    };
  }
  return encounter;
}

// ---------------------------------------------------------------------------------------------
// Vital signs

interface Baseline {
  heartRate: number;
  respiratoryRate: number;
  temperature: number;
  systolic: number;
  diastolic: number;
  spo2: number;
  heightCm: number;
  bmi: number;
}

/** Median height in cm by age and sex, a coarse fit to the CDC growth charts, adult from 18. */
function medianHeight(ageYears: number, sex: Sex): number {
  const adult = sex === 'male' ? 175.5 : 162;
  if (ageYears >= 18) return adult;
  if (ageYears < 2) return 50 + ageYears * 30 - (ageYears > 1 ? (ageYears - 1) * 18 : 0);
  return Math.min(adult, 86 + (ageYears - 2) * 6.2 + (sex === 'male' && ageYears > 12 ? (ageYears - 12) * 2.5 : 0));
}

export function vitalBaseline(rng: Rng, age: number): Baseline {
  return {
    heartRate: age < 1 ? rng.int(110, 150) : age < 6 ? rng.int(85, 120) : age < 13 ? rng.int(70, 105) : rng.int(62, 88),
    respiratoryRate: age < 1 ? rng.int(30, 45) : age < 6 ? rng.int(22, 30) : age < 13 ? rng.int(18, 24) : rng.int(13, 18),
    temperature: rng.float(36.5, 37.0, 1),
    systolic: age < 13 ? rng.int(90, 108) : rng.int(106, 124),
    diastolic: age < 13 ? rng.int(52, 66) : rng.int(66, 78),
    spo2: rng.int(96, 99),
    heightCm: rng.normal(1, 0.035),
    bmi: age < 18 ? rng.float(15.2, 19.5, 1) : rng.float(20.5, 27.5, 1),
  };
}

/** The value a condition effect gives on `day`, pulled toward normal once treatment has started. */
function effectValue(rng: Rng, hit: { effect: Effect; problem: ActiveProblem }, normal: number, day: string): number {
  const [low, high] = hit.effect.range;
  const raw = rng.float(low, high, 3);
  const { treatedFrom, control } = hit.problem;
  if (hit.effect.persistent || !treatedFrom || daysBetween(treatedFrom, day) < 30) return raw;
  return raw + (normal - raw) * control * rng.float(0.6, 1, 2);
}

function activeOn(problem: ActiveProblem, day: string): boolean {
  if (daysBetween(problem.onset, day) < 0) return false;
  return !problem.abatement || daysBetween(day, problem.abatement) > 0;
}

function effectFor(problems: ActiveProblem[], target: string, day: string) {
  for (const problem of problems) {
    if (!activeOn(problem, day)) continue;
    const effect = problem.module.effects.find((e) => e.target === target);
    if (effect) return { effect, problem };
  }
  return undefined;
}

const VITAL_CATEGORY = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }], text: 'Vital Signs' },
];

function vitalObservation(rng: Rng, id: string, value: number, common: Omit<Observation, 'resourceType' | 'code' | 'status'>): Observation {
  const vital = getVital(id);
  return {
    resourceType: 'Observation',
    id: rng.uuid(),
    status: 'final',
    category: VITAL_CATEGORY,
    code: concept('loinc', vital.loinc, vital.shortName),
    ...common,
    valueQuantity: quantity(roundTo(value, vital.decimals), vital.ucum, vital.unitDisplay),
  };
}

export function buildVitals(
  rng: Rng,
  opts: { baseline: Baseline; sex: Sex; birthDate: string; day: string; time: string; problems: ActiveProblem[]; patientRef: Ref; encounterRef: Ref; performer: Ref },
): Observation[] {
  const { baseline, day, problems } = opts;
  const age = ageOn(opts.birthDate, day) + ageInMonths(opts.birthDate, day) / 12 - ageOn(opts.birthDate, day);
  const pick = (target: string, normal: number, noise: number) => {
    const hit = effectFor(problems, target, day);
    if (hit) return effectValue(rng, hit, normal, day);
    return normal + rng.normal(0, noise);
  };
  const heightCm = medianHeight(age, opts.sex) * baseline.heightCm;
  const bmi = pick('bmi', baseline.bmi, 0.4);
  const weight = (bmi * heightCm * heightCm) / 10000;
  const common = { subject: opts.patientRef, encounter: opts.encounterRef, effectiveDateTime: opts.time, performer: [opts.performer] };
  const systolic = Math.round(pick('systolic-bp', baseline.systolic, 5));
  const diastolic = Math.min(systolic - 20, Math.round(pick('diastolic-bp', baseline.diastolic, 4)));
  const sbp = getVital('systolic-bp');
  const dbp = getVital('diastolic-bp');
  const components: ObservationComponent[] = [
    { code: concept('loinc', sbp.loinc), valueQuantity: quantity(systolic, sbp.ucum, sbp.unitDisplay) },
    { code: concept('loinc', dbp.loinc), valueQuantity: quantity(diastolic, dbp.ucum, dbp.unitDisplay) },
  ];
  const observations: Observation[] = [
    {
      resourceType: 'Observation',
      id: rng.uuid(),
      status: 'final',
      category: VITAL_CATEGORY,
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9', display: 'Blood pressure panel with all children optional' }], text: 'Blood pressure' },
      ...common,
      component: components,
    },
    vitalObservation(rng, 'heart-rate', pick('heart-rate', baseline.heartRate, 4), common),
    vitalObservation(rng, 'respiratory-rate', pick('respiratory-rate', baseline.respiratoryRate, 1), common),
    vitalObservation(rng, 'body-temperature', pick('body-temperature', baseline.temperature, 0.15), common),
    vitalObservation(rng, 'oxygen-saturation', Math.min(100, pick('oxygen-saturation', baseline.spo2, 0.7)), common),
    vitalObservation(rng, 'body-height', heightCm, common),
    vitalObservation(rng, 'body-weight', weight, common),
    vitalObservation(rng, 'bmi', bmi, common),
  ];
  if (age >= 5) observations.push(vitalObservation(rng, 'pain-score', Math.max(0, Math.min(10, pick('pain-score', rng.chance(0.7) ? 0 : 2, 1))), common));
  return observations;
}

// ---------------------------------------------------------------------------------------------
// Laboratory results

/** Where in (or near) its reference interval a patient's value of each analyte usually sits. */
export type LabBaseline = Map<string, number>;

function normalValue(rng: Rng, interval: Interval, position: number): number {
  const { low, high } = interval;
  if (low !== undefined && high !== undefined) return low + (high - low) * position;
  if (high !== undefined) return high * (0.3 + 0.6 * position);
  if (low !== undefined) return low * (1.05 + 0.7 * position);
  return rng.float(1, 10, 2);
}

/** CKD-EPI 2021 race-free equation (Inker et al., NEJM 2021), mL/min/1.73 m². */
export function ckdEpi2021(creatinine: number, age: number, sex: Sex): number {
  const kappa = sex === 'female' ? 0.7 : 0.9;
  const alpha = sex === 'female' ? -0.241 : -0.302;
  const ratio = creatinine / kappa;
  return 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** age * (sex === 'female' ? 1.012 : 1);
}

function creatinineForEgfr(egfr: number, age: number, sex: Sex): number {
  let lo = 0.2;
  let hi = 15;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (ckdEpi2021(mid, age, sex) > egfr) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface LabDraw {
  panelId: string;
  day: string;
  time: string;
  encounterRef: Ref;
}

/** Values for every analyte of a panel on one day, with the derived ones computed from the rest. */
function panelValues(rng: Rng, tests: LabTest[], opts: { sex: Sex; age: number; day: string; problems: ActiveProblem[]; baseline: LabBaseline }): Map<string, number> {
  const values = new Map<string, number>();
  const affected = new Set<string>();
  for (const test of tests) {
    const interval = referenceFor(test, opts.sex);
    let position = opts.baseline.get(test.id);
    if (position === undefined) {
      position = Math.max(0.08, Math.min(0.92, rng.normal(0.5, 0.18)));
      opts.baseline.set(test.id, position);
    }
    const normal = normalValue(rng, interval, Math.max(0.02, Math.min(0.98, position + rng.normal(0, 0.06))));
    const hit = effectFor(opts.problems, test.id, opts.day);
    if (hit) {
      affected.add(test.id);
      values.set(test.id, effectValue(rng, hit, normal, opts.day));
    } else {
      values.set(test.id, normal);
    }
  }
  const has = (id: string) => values.has(id);
  const get = (id: string) => values.get(id) as number;
  if (has('creatinine') && has('egfr')) {
    if (affected.has('egfr') && !affected.has('creatinine')) values.set('creatinine', creatinineForEgfr(get('egfr'), opts.age, opts.sex));
    values.set('egfr', ckdEpi2021(roundTo(get('creatinine'), getLab('creatinine').decimals), opts.age, opts.sex));
  }
  if (has('cholesterol-total') && has('hdl') && has('triglycerides') && has('ldl')) {
    // Friedewald: LDL = TC − HDL − TG/5 (mg/dL).
    if (affected.has('ldl') && !affected.has('cholesterol-total')) values.set('cholesterol-total', get('ldl') + get('hdl') + get('triglycerides') / 5);
    else values.set('ldl', Math.max(20, get('cholesterol-total') - get('hdl') - get('triglycerides') / 5));
    values.set('cholesterol-total', get('ldl') + get('hdl') + get('triglycerides') / 5);
  }
  if (has('non-hdl') && has('cholesterol-total') && has('hdl')) values.set('non-hdl', get('cholesterol-total') - get('hdl'));
  if (has('chol-hdl-ratio') && has('cholesterol-total') && has('hdl')) values.set('chol-hdl-ratio', get('cholesterol-total') / get('hdl'));
  if (has('hemoglobin') && has('hematocrit') && !affected.has('hematocrit')) values.set('hematocrit', get('hemoglobin') * rng.float(2.9, 3.1, 2));
  if (has('mchc') && has('hemoglobin') && has('hematocrit')) values.set('mchc', (100 * get('hemoglobin')) / get('hematocrit'));
  if (has('anion-gap') && has('sodium') && has('chloride') && has('co2')) values.set('anion-gap', get('sodium') - get('chloride') - get('co2'));
  if (has('ag-ratio') && has('albumin') && has('total-protein')) values.set('ag-ratio', get('albumin') / Math.max(0.1, get('total-protein') - get('albumin')));
  return values;
}

const LAB_CATEGORY = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }], text: 'Laboratory' },
];

const rangeTexts = new Map<string, string>();

/**
 * A fresh reference range for one result. Built by assignment, not object spread, so every range
 * has the same hidden class (the document renderer reads thousands of them).
 */
function referenceRange(interval: Interval, test: LabTest, sex: Sex): ObservationReferenceRange {
  const range: ObservationReferenceRange = {};
  if (interval.low !== undefined) range.low = quantity(interval.low, test.ucum, test.unitDisplay);
  if (interval.high !== undefined) range.high = quantity(interval.high, test.ucum, test.unitDisplay);
  const key = `${test.id}|${sex}`;
  let text = rangeTexts.get(key);
  if (text === undefined) {
    text = rangeText(interval, test);
    rangeTexts.set(key, text);
  }
  range.text = text;
  return range;
}

export function buildLabPanel(
  rng: Rng,
  draw: LabDraw,
  opts: { sex: Sex; birthDate: string; problems: ActiveProblem[]; baseline: LabBaseline; patientRef: Ref; labRef: Ref; orderer: Ref },
): { report: DiagnosticReport; results: Observation[] } {
  const panel = getPanel(draw.panelId);
  const tests = panel.tests.map(getLab);
  const age = ageOn(opts.birthDate, draw.day);
  const values = panelValues(rng, tests, { sex: opts.sex, age, day: draw.day, problems: opts.problems, baseline: opts.baseline });
  // Results are released one to 26 hours after collection.
  const issued = dateTimeAfter(draw.day, Number(draw.time.slice(11, 13)), Number(draw.time.slice(14, 16)), rng.int(60, 26 * 60));
  const results = tests.map((test): Observation => {
    const interval = referenceFor(test, opts.sex);
    const value = roundTo(values.get(test.id) as number, test.decimals);
    const flag = flagFor(value, interval, test.critical);
    return {
      resourceType: 'Observation',
      id: rng.uuid(),
      status: 'final',
      category: LAB_CATEGORY,
      code: concept('loinc', test.loinc, test.shortName),
      subject: opts.patientRef,
      encounter: draw.encounterRef,
      effectiveDateTime: draw.time,
      issued,
      performer: [opts.labRef],
      valueQuantity: quantity(value, test.ucum, test.unitDisplay),
      interpretation: interpretation(flag),
      referenceRange: [referenceRange(interval, test, opts.sex)],
    };
  });
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: rng.uuid(),
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] }],
    code: concept('loinc', panel.loinc, panel.shortName),
    subject: opts.patientRef,
    encounter: draw.encounterRef,
    effectiveDateTime: draw.time,
    issued,
    performer: [opts.labRef],
    resultsInterpreter: [opts.orderer],
    result: results.map((r) => ref('Observation', r.id as string, r.code?.text)),
  };
  return { report, results };
}

export function rangeText(interval: Interval, test: { decimals: number }): string {
  const fmt = (n: number) => n.toFixed(Math.max(test.decimals, Number.isInteger(n) ? 0 : String(n).split('.')[1]?.length ?? 0));
  if (interval.low !== undefined && interval.high !== undefined) return `${fmt(interval.low)}-${fmt(interval.high)}`;
  if (interval.high !== undefined) return `<=${fmt(interval.high)}`;
  if (interval.low !== undefined) return `>=${fmt(interval.low)}`;
  return '';
}

// ---------------------------------------------------------------------------------------------
// Immunizations

const SITES = [
  { code: 'LA', display: 'left arm' },
  { code: 'RA', display: 'right arm' },
  { code: 'LT', display: 'left thigh' },
  { code: 'RT', display: 'right thigh' },
];

const ROUTE = {
  intramuscular: { code: 'IM', display: 'Injection, intramuscular' },
  subcutaneous: { code: 'SQ', display: 'Injection, subcutaneous' },
  oral: { code: 'PO', display: 'Swallow, oral' },
  intranasal: { code: 'NASINHLC', display: 'Inhalation, nasal' },
} as const;

/**
 * Doses on the CDC schedule that fall inside the patient's life and the vaccine's availability.
 * Childhood series are on record for patients under 26 (records follow young adults); adults get
 * seasonal influenza and the age-based adult vaccines.
 */
export function buildImmunizations(
  rng: Rng,
  opts: { birthDate: string; refDate: string; sex: Sex; patientRef: Ref; performer: Ref; facility: string },
): Immunization[] {
  const { birthDate, refDate } = opts;
  const age = ageOn(birthDate, refDate);
  const doses: { vaccineId: string; day: string }[] = [];
  const usable = (day: string, vaccine: (typeof VACCINES)[number]) => {
    const year = Number(day.slice(0, 4));
    return daysBetween(birthDate, day) > 0 && daysBetween(day, refDate) > 0 && year >= vaccine.availableFromYear && year <= (vaccine.availableUntilYear ?? 9999);
  };
  const completeness = rng.float(0.85, 1, 2);
  for (const vaccine of VACCINES) {
    if (vaccine.sex && vaccine.sex !== opts.sex) continue;
    if (vaccine.bornFromYear && Number(birthDate.slice(0, 4)) < vaccine.bornFromYear) continue;
    if (vaccine.scheduleMonths && age < 26) {
      for (const months of vaccine.scheduleMonths) {
        const day = addDays(addMonths(birthDate, months), rng.int(0, 20));
        if (usable(day, vaccine) && rng.chance(completeness)) doses.push({ vaccineId: vaccine.id, day });
      }
    }
    if (vaccine.seasonalFromMonths !== undefined) {
      for (let season = 0; season < 4; season++) {
        const year = Number(refDate.slice(0, 4)) - season;
        const day = `${year}-${String(rng.int(9, 11)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
        if (ageInMonths(birthDate, day) >= vaccine.seasonalFromMonths && usable(day, vaccine) && rng.chance(0.55)) doses.push({ vaccineId: vaccine.id, day });
      }
    }
    if (vaccine.adultFromYears !== undefined && age >= vaccine.adultFromYears) {
      const eligible = addYears(birthDate, vaccine.adultFromYears);
      if (!rng.chance(vaccine.everyYears ? 0.7 : 0.55)) continue;
      if (vaccine.everyYears) {
        // The most recent booster, somewhere in the last interval.
        const day = addDays(refDate, -rng.int(30, vaccine.everyYears * 365 - 1));
        if (daysBetween(eligible, day) >= 0 && usable(day, vaccine)) doses.push({ vaccineId: vaccine.id, day });
      } else {
        // The series starts some time after eligibility, within the years the product was in use.
        const until = vaccine.availableUntilYear ? `${vaccine.availableUntilYear}-12-31` : refDate;
        const last = daysBetween(until, refDate) > 0 ? until : refDate;
        const from = daysBetween(eligible, `${vaccine.availableFromYear}-01-01`) > 0 ? `${vaccine.availableFromYear}-01-01` : eligible;
        const span = daysBetween(from, last) - 30;
        if (span < 1) continue;
        const first = addDays(from, rng.int(0, Math.min(span, 5 * 365)) + Math.max(0, span - 5 * 365));
        for (const offset of vaccine.adultSeriesMonths ?? [0]) {
          const doseDay = addDays(addMonths(first, offset), rng.int(0, 14));
          if (usable(doseDay, vaccine)) doses.push({ vaccineId: vaccine.id, day: doseDay });
        }
      }
    }
  }
  doses.sort((a, b) => parseDay(a.day) - parseDay(b.day) || a.vaccineId.localeCompare(b.vaccineId));
  return doses.map(({ vaccineId, day }): Immunization => {
    const vaccine = VACCINES.find((v) => v.id === vaccineId) as (typeof VACCINES)[number];
    const child = ageOn(birthDate, day) < 3;
    const site = vaccine.route === 'oral' || vaccine.route === 'intranasal' ? undefined : rng.pick(child ? SITES.slice(2) : SITES.slice(0, 2));
    const route = ROUTE[vaccine.route];
    const immunization: Immunization = {
      resourceType: 'Immunization',
      id: rng.uuid(),
      status: 'completed',
      vaccineCode: concept('cvx', vaccine.cvx, vaccine.shortName),
      patient: opts.patientRef,
      occurrenceDateTime: day,
      primarySource: true,
      location: { display: opts.facility },
      lotNumber: `${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(1000, 9999)}`,
      expirationDate: addMonths(day, rng.int(6, 18)),
      route: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', code: route.code, display: route.display }], text: route.display },
      performer: [
        {
          function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0443', code: 'AP', display: 'Administering Provider' }] },
          actor: opts.performer,
        },
      ],
    };
    if (site) immunization.site = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActSite', code: site.code, display: site.display }], text: site.display };
    return immunization;
  });
}
