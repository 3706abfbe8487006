
import type { DiagnosticReport, Observation } from '@medplum/fhirtypes';
import { getCondition } from '@/domain/codes/code-tables';
import type { Sex } from '@/domain/codes/code-types';
import { renderDocuments } from '@/domain/documents/render-documents';
import { createRng, deriveSeed, type Rng } from '@/domain/rng/rng';
import { addDays, dateTime, daysBetween } from '@/domain/time/dates';
import type { Ref } from './fhir-builders';
import {
  agesAllowing,
  buildCondition,
  buildFamilyHistory,
  buildProcedure,
  buildSocialHistory,
  chooseAllergies,
  chooseMedications,
  chooseProblems,
  noKnownAllergies,
} from './clinical-history';
import { GENERATOR_VERSION, type Chart, type ChartSpec } from './chart-types';
import { seededFaker, generateRegistration } from './demographics';
import { buildEncounter, buildImmunizations, buildLabPanel, buildVitals, planVisits, vitalBaseline, type LabBaseline } from './timeline';

/** Age bands a random patient is drawn from; weighted toward adults, whose charts carry more to abstract. */
const AGE_BANDS: { min: number; max: number; weight: number }[] = [
  { min: 0, max: 2, weight: 3 },
  { min: 3, max: 17, weight: 9 },
  { min: 18, max: 39, weight: 22 },
  { min: 40, max: 64, weight: 36 },
  { min: 65, max: 92, weight: 30 },
];

function chooseSexAndAge(rng: Rng, spec: ChartSpec): { sex: Sex; age: number } {
  const required = (spec.conditions ?? []).map(getCondition);
  const sexes: Sex[] = spec.sex ? [spec.sex] : ['female', 'male'];
  // A required condition may fix the sex (BPH, cesarean section) and narrows the ages.
  const fits = sexes.filter((s) => required.every((m) => agesAllowing(m, s)));
  if (fits.length === 0) {
    throw new Error(`No patient${spec.sex ? ` of sex ${spec.sex}` : ''} can have all of: ${required.map((m) => m.id).join(', ')}`);
  }
  const sex = fits.length === 1 ? (fits[0] as Sex) : rng.chance(0.5) ? 'female' : 'male';
  let lo = spec.minAge ?? 0;
  let hi = spec.maxAge ?? 92;
  for (const module of required) {
    const [a, b] = agesAllowing(module, sex) as [number, number];
    lo = Math.max(lo, a);
    hi = Math.min(hi, b);
  }
  if (lo > hi) {
    throw new Error(`The age band ${spec.minAge ?? 0}–${spec.maxAge ?? 92} does not fit the required conditions ${required.map((m) => m.id).join(', ')}`);
  }
  const bands = AGE_BANDS.filter((b) => b.max >= lo && b.min <= hi);
  const band = rng.weighted(bands, (b) => b.weight);
  return { sex, age: rng.int(Math.max(lo, band.min), Math.min(hi, band.max)) };
}

function latestOf(a: string, b: string): string {
  return daysBetween(a, b) > 0 ? b : a;
}

/**
 * Generate one synthetic chart. Pure: the same spec gives the same chart, byte for byte, in Node
 * and in the browser. Sub-generators get their own derived seeds so that adding, say, a field to
 * registration does not reshuffle every lab value.
 */
export function generateChart(spec: ChartSpec): Chart {
  const root = createRng(spec.seed);
  const rngFor = (part: number) => createRng(deriveSeed(spec.seed, part));
  const refDate = spec.refDate;
  const { sex, age } = chooseSexAndAge(root, spec);

  const faker = seededFaker(spec.seed, refDate);
  const reg = generateRegistration(rngFor(1), faker, { seed: spec.seed, refDate, sex, age, mrn: spec.mrn });
  const { patient } = reg;
  const patientRef: Ref = { reference: `Patient/${patient.id}` };
  const pcpRef: Ref = { reference: `Practitioner/${reg.roles.pcp.id}`, display: reg.roles.pcp.name?.[0]?.text };
  const birthDate = patient.birthDate as string;

  const clinical = rngFor(2);
  const problems = chooseProblems(clinical, { age, sex, birthDate, refDate, required: spec.conditions ?? [] });
  const allergyChoices = chooseAllergies(clinical, { age, birthDate, refDate, force: spec.allergies, patientRef, recorder: pcpRef });

  const timelineRng = rngFor(3);
  const visits = planVisits(timelineRng, {
    birthDate,
    refDate,
    age,
    problems,
    admission: spec.admission ?? false,
    pcp: reg.roles.pcp,
    hospitalist: reg.roles.hospitalist,
    specialists: reg.roles.specialists,
  });

  const conditions = [];
  const procedures = [];
  for (const problem of problems) {
    if (problem.module.kind === 'surgical-history') {
      problem.procedure = buildProcedure(clinical, problem, patientRef, { display: 'Outside surgeon' });
      procedures.push(problem.procedure);
    } else {
      problem.condition = buildCondition(clinical, problem, patientRef, pcpRef, refDate);
      conditions.push(problem.condition);
    }
  }
  const medications = chooseMedications(clinical, problems, { allergenIds: allergyChoices.map((a) => a.allergenId), refDate, patientRef, prescriber: pcpRef });
  const allergies =
    allergyChoices.length > 0 ? allergyChoices.map((a) => a.resource) : [noKnownAllergies(clinical, patientRef, pcpRef, latestOf(addDays(refDate, -clinical.int(30, 700)), addDays(birthDate, 1)))];

  const facilityRef: Ref = { reference: `Organization/${reg.facility.id}`, display: reg.facility.name };
  const labRef: Ref = { reference: `Organization/${reg.lab.id}`, display: reg.lab.name };
  const nurseRef: Ref = { reference: `Practitioner/${reg.roles.nurse.id}`, display: reg.roles.nurse.name?.[0]?.text };
  const vitalsBaseline = vitalBaseline(timelineRng, age);
  const labBaseline: LabBaseline = new Map();
  const encounters = [];
  const vitals: Observation[] = [];
  const labs: Observation[] = [];
  const labReports: DiagnosticReport[] = [];
  for (const visit of visits) {
    const encounter = buildEncounter(timelineRng, visit, patientRef, facilityRef);
    visit.encounter = encounter;
    encounters.push(encounter);
    const encounterRef: Ref = { reference: `Encounter/${encounter.id}` };
    const providerRef: Ref = { reference: `Practitioner/${visit.provider.id}`, display: visit.provider.name?.[0]?.text };
    const days = visit.dischargeDay ? [visit.day, visit.dischargeDay] : [visit.day];
    days.forEach((day, i) => {
      const time = i === 0 ? (encounter.period?.start as string) : dateTime(day, 7, 30);
      vitals.push(
        ...buildVitals(timelineRng, { baseline: vitalsBaseline, sex, birthDate, day, time, problems, patientRef, encounterRef, performer: nurseRef }),
      );
      const drawTime = dateTime(day, i === 0 ? Math.min(visit.hour + 1, 23) : 6, timelineRng.pick([5, 20, 35, 50]));
      for (const panelId of i === 0 ? visit.panels : visit.dischargePanels) {
        const { report, results } = buildLabPanel(
          timelineRng,
          { panelId, day, time: drawTime, encounterRef },
          { sex, birthDate, problems, baseline: labBaseline, patientRef, labRef, orderer: providerRef },
        );
        labReports.push(report);
        labs.push(...results);
      }
    });
  }
  // Problems diagnosed at a visit point at that encounter.
  for (const visit of visits) {
    for (const problem of visit.problems) {
      if (problem.condition && problem.module.kind === 'acute' && visit.encounter) problem.condition.encounter = { reference: `Encounter/${visit.encounter.id}` };
    }
  }

  const immunizations = buildImmunizations(rngFor(4), {
    birthDate,
    refDate,
    sex,
    patientRef,
    performer: nurseRef,
    facility: reg.facility.name as string,
  });

  const chart: Chart = {
    id: patient.id as string,
    meta: { seed: spec.seed, refDate, generatorVersion: GENERATOR_VERSION, conditionModules: problems.map((p) => p.module.id) },
    patient,
    organizations: [reg.facility, reg.lab, ...reg.payers],
    coverage: reg.coverage,
    practitioners: reg.practitioners,
    encounters,
    allergies,
    conditions,
    procedures,
    familyHistory: age >= 18 ? buildFamilyHistory(clinical, { patientRef, refDate }) : [],
    socialHistory: age >= 12 ? buildSocialHistory(clinical, { age, refDate, patientRef, hasCopd: problems.some((p) => p.module.id === 'copd') }) : [],
    medications: medications.map((m) => m.statement),
    immunizations,
    vitals,
    labs,
    labReports,
    documents: [],
  };
  chart.documents = renderDocuments(chart, rngFor(5));
  return chart;
}

/**
 * A cohort from one master seed: the first patient is the master seed itself (so a cohort of one
 * is the chart the app shows for that seed), the rest derived seeds, all distinct so MRNs are.
 */
export function cohortSeeds(master: number, count: number): number[] {
  const seeds: number[] = [];
  const seen = new Set<number>();
  for (let n = 0; seeds.length < count; n++) {
    const seed = n === 0 ? master >>> 0 : deriveSeed(master, n);
    if (seen.has(seed)) continue;
    seen.add(seed);
    seeds.push(seed);
  }
  return seeds;
}
