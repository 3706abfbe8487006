import type { AllergyIntolerance, Condition, Dosage, FamilyMemberHistory, MedicationStatement, Observation, Procedure } from '@medplum/fhirtypes';
import {
  ALLERGENS,
  CONDITIONS,
  conflictsWithAllergens,
  getDrug,
  getFrequency,
  getReaction,
} from '@/domain/codes/code-tables';
import type { ConditionModule, Drug, DrugRoute, PrevalenceBand, Sex } from '@/domain/codes/code-types';
import type { Rng } from '@/domain/rng/rng';
import { addDays, addYears, ageOn, daysBetween } from '@/domain/time/dates';
import { coding, concept, ref, type Ref } from './fhir-builders';

const CLINICAL_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const ALLERGY_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

/** A condition the patient has, with the dates the rest of the chart hangs on. */
export interface ActiveProblem {
  module: ConditionModule;
  onset: string;
  /** Resolution date for acute and resolved problems. */
  abatement?: string;
  laterality?: 'left' | 'right';
  /** 0 = untreated, 1 = back to normal; how well treatment controls the condition's effects. */
  control: number;
  /** Start of the first drug for this problem; treatment works from then on. */
  treatedFrom?: string;
  condition?: Condition;
  procedure?: Procedure;
}

export function prevalenceAt(module: ConditionModule, age: number, sex: Sex): number {
  const band = module.prevalence.find(
    (b: PrevalenceBand) => age >= b.minAge && age <= b.maxAge && (b.sex === undefined || b.sex === sex),
  );
  return band?.p ?? 0;
}

/** The ages at which a condition can be present for this sex (used to fit age to required conditions). */
export function agesAllowing(module: ConditionModule, sex: Sex): [number, number] | undefined {
  const bands = module.prevalence.filter((b) => b.p > 0 && (b.sex === undefined || b.sex === sex));
  if (bands.length === 0) return undefined;
  return [Math.max(Math.min(...bands.map((b) => b.minAge)), module.onsetAge[0]), Math.max(...bands.map((b) => b.maxAge))];
}

export function chooseProblems(
  rng: Rng,
  opts: { age: number; sex: Sex; birthDate: string; refDate: string; required: string[] },
): ActiveProblem[] {
  const { age, sex, birthDate, refDate } = opts;
  const chosen: ActiveProblem[] = [];
  const has = (id: string) => chosen.some((p) => p.module.id === id);
  const blocked = (m: ConditionModule) =>
    chosen.some((p) => p.module.excludes?.includes(m.id) || m.excludes?.includes(p.module.id));

  const add = (module: ConditionModule) => {
    const minOnset = Math.max(0, module.onsetAge[0]);
    const maxOnset = Math.min(age, module.onsetAge[1]);
    const onsetAge = maxOnset >= minOnset ? rng.int(minOnset, maxOnset) : age;
    let onset = addDays(addYears(birthDate, onsetAge), rng.int(0, 360));
    // Chronic problems are on the list for at least a month before the chart's date.
    const latest = addDays(refDate, module.kind === 'acute' ? -rng.int(3, 700) : -rng.int(30, 120));
    if (module.kind === 'acute' || daysBetween(onset, latest) < 0) onset = latest;
    if (daysBetween(birthDate, onset) < 0) onset = addDays(birthDate, 1);
    const problem: ActiveProblem = { module, onset, control: 0 };
    if (module.kind === 'acute') {
      problem.abatement = addDays(onset, rng.int(5, 21));
      if (daysBetween(problem.abatement, refDate) < 0) delete problem.abatement;
    } else if (module.kind === 'resolved') {
      problem.abatement = addDays(onset, rng.int(7, 90));
      if (daysBetween(problem.abatement, refDate) <= 0) problem.abatement = addDays(refDate, -1);
    }
    if (module.lateral) problem.laterality = rng.chance(0.5) ? 'left' : 'right';
    chosen.push(problem);
  };

  for (const id of opts.required) {
    const module = CONDITIONS.find((m) => m.id === id);
    if (module && !has(id)) add(module);
  }
  const requiredSet = new Set(opts.required);
  let acuteCount = 0;
  for (const module of CONDITIONS) {
    if (has(module.id) || blocked(module)) continue;
    if (module.requires?.some((r) => !has(r))) continue;
    let p = prevalenceAt(module, age, sex);
    if (p <= 0) continue;
    if (module.kind === 'acute') {
      if (acuteCount >= 2) continue;
      // Acute episodes: the table gives the yearly chance; the chart looks back about two years.
      p = Math.min(0.9, p * 2);
    }
    if (rng.chance(p)) {
      add(module);
      if (module.kind === 'acute') acuteCount += 1;
    }
  }
  // Required conditions keep their place at the front so callers can find them first.
  return chosen.sort((a, b) => Number(requiredSet.has(b.module.id)) - Number(requiredSet.has(a.module.id)));
}

export function buildCondition(
  rng: Rng,
  problem: ActiveProblem,
  patientRef: Ref,
  recorder: Ref,
  refDate: string,
): Condition {
  const m = problem.module;
  const active = m.kind === 'chronic' || (m.kind === 'acute' && !problem.abatement);
  const status = active ? 'active' : 'resolved';
  const condition: Condition = {
    resourceType: 'Condition',
    id: rng.uuid(),
    clinicalStatus: { coding: [{ system: CLINICAL_STATUS, code: status, display: status === 'active' ? 'Active' : 'Resolved' }] },
    verificationStatus: { coding: [{ system: VERIFICATION_STATUS, code: 'confirmed', display: 'Confirmed' }] },
    category: [
      m.kind === 'chronic' || m.kind === 'resolved'
        ? { coding: [{ system: CONDITION_CATEGORY, code: 'problem-list-item', display: 'Problem List Item' }] }
        : { coding: [{ system: CONDITION_CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] },
    ],
    code: { coding: [coding('icd10cm', m.icd10), coding('snomed', m.snomed)], text: m.name },
    subject: patientRef,
    onsetDateTime: problem.onset,
    recordedDate: daysBetween(problem.onset, refDate) > 14 ? addDays(problem.onset, rng.int(0, 14)) : problem.onset,
    recorder,
  };
  if (problem.abatement) condition.abatementDateTime = problem.abatement;
  if (problem.laterality) {
    condition.bodySite = [
      problem.laterality === 'left'
        ? { coding: [{ system: 'http://snomed.info/sct', code: '7771000', display: 'Left (qualifier value)' }], text: 'left' }
        : { coding: [{ system: 'http://snomed.info/sct', code: '24028007', display: 'Right (qualifier value)' }], text: 'right' },
    ];
  }
  return condition;
}

export function buildProcedure(rng: Rng, problem: ActiveProblem, patientRef: Ref, performer: Ref): Procedure {
  const m = problem.module;
  const code = m.procedure ?? m.snomed;
  const procedure: Procedure = {
    resourceType: 'Procedure',
    id: rng.uuid(),
    status: 'completed',
    code: concept('snomed', code, m.name),
    subject: patientRef,
    performedDateTime: problem.onset,
    performer: [{ actor: performer }],
  };
  if (problem.laterality) {
    procedure.bodySite = [{ text: problem.laterality }];
  }
  return procedure;
}

export interface ChosenAllergy {
  allergenId: string;
  resource: AllergyIntolerance;
}

export function chooseAllergies(
  rng: Rng,
  opts: { age: number; birthDate: string; refDate: string; force?: boolean; patientRef: Ref; recorder: Ref },
): ChosenAllergy[] {
  const { birthDate, refDate, patientRef, recorder } = opts;
  // Most charts state no known allergies; about a third list one or more (NHIS-style prevalence).
  const anyAllergy = opts.force ?? rng.chance(0.36);
  if (!anyAllergy) return [];
  const count = rng.chance(0.7) ? 1 : rng.chance(0.7) ? 2 : 3;
  const picked: typeof ALLERGENS[number][] = [];
  for (let i = 0; i < count; i++) {
    const pool = ALLERGENS.filter((a) => !picked.includes(a));
    if (pool.length === 0) break;
    picked.push(rng.weighted(pool, (a) => a.weight));
  }
  return picked.map((allergen) => {
    const reactionIds = rng.sample(allergen.reactions, rng.chance(0.75) ? 1 : 2);
    const reactions = reactionIds.map(getReaction);
    const worst = reactions.some((r) => r.severity === 'severe') ? 'severe' : reactions.some((r) => r.severity === 'moderate') ? 'moderate' : 'mild';
    const recorded = addDays(refDate, -rng.int(60, Math.max(61, Math.min(3650, daysBetween(birthDate, refDate) - 1))));
    const intolerance = allergen.drugClasses.includes('statin');
    const resource: AllergyIntolerance = {
      resourceType: 'AllergyIntolerance',
      id: rng.uuid(),
      clinicalStatus: { coding: [{ system: ALLERGY_CLINICAL, code: 'active', display: 'Active' }] },
      verificationStatus: { coding: [{ system: ALLERGY_VERIFICATION, code: 'confirmed', display: 'Confirmed' }] },
      type: intolerance ? 'intolerance' : 'allergy',
      category: [allergen.category],
      criticality: worst === 'severe' ? 'high' : 'low',
      code: concept(allergen.system, allergen.code, allergen.code.display),
      patient: patientRef,
      onsetDateTime: ageOn(birthDate, recorded) > 2 ? addDays(recorded, -rng.int(0, 365)) : recorded,
      recordedDate: recorded,
      recorder,
      reaction: [
        {
          substance: concept(allergen.system, allergen.code),
          manifestation: reactions.map((r) => concept('snomed', r.snomed, r.plain)),
          severity: worst,
        },
      ],
    };
    if (daysBetween(birthDate, resource.onsetDateTime as string) < 0) resource.onsetDateTime = recorded;
    return { allergenId: allergen.id, resource };
  });
}

/** The coded statement that a patient has no known allergies (SNOMED CT 716186003). */
export function noKnownAllergies(rng: Rng, patientRef: Ref, recorder: Ref, recordedDate: string): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: rng.uuid(),
    clinicalStatus: { coding: [{ system: ALLERGY_CLINICAL, code: 'active', display: 'Active' }] },
    verificationStatus: { coding: [{ system: ALLERGY_VERIFICATION, code: 'confirmed', display: 'Confirmed' }] },
    code: concept('snomed', { code: '716186003', display: 'No known allergy (situation)' }, 'No known allergies'),
    patient: patientRef,
    recordedDate,
    recorder,
  };
}

/** SNOMED CT route concepts used in FHIR's route-codes value set. */
const ROUTES: Record<DrugRoute, { code: string; display: string; text: string }> = {
  oral: { code: '26643006', display: 'Oral route', text: 'by mouth' },
  subcutaneous: { code: '34206005', display: 'Subcutaneous route', text: 'subcutaneously' },
  intramuscular: { code: '78421000', display: 'Intramuscular route', text: 'intramuscularly' },
  inhalation: { code: '447694001', display: 'Respiratory tract route', text: 'by inhalation' },
  topical: { code: '6064005', display: 'Topical route', text: 'topically' },
  ophthalmic: { code: '54485002', display: 'Ophthalmic route', text: 'in the eye' },
  nasal: { code: '46713006', display: 'Nasal route', text: 'in each nostril' },
  transdermal: { code: '45890007', display: 'Transdermal route', text: 'to the skin' },
  sublingual: { code: '37839007', display: 'Sublingual route', text: 'under the tongue' },
};

export function routeOf(route: DrugRoute) {
  return ROUTES[route];
}

/** "1 tablet" → { value: 1, unit: 'tablet' }. */
export function parseDose(dose: string): { value: number; unit: string } | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(.+)$/.exec(dose.trim());
  return m ? { value: Number(m[1]), unit: (m[2] as string).trim() } : undefined;
}

export function buildMedication(
  rng: Rng,
  drug: Drug,
  opts: { patientRef: Ref; informationSource: Ref; reason: Condition; start: string; end?: string; status: 'active' | 'completed' | 'stopped'; asserted: string },
): MedicationStatement {
  const frequency = getFrequency(drug.usualFrequency);
  const route = ROUTES[drug.route];
  const dose = parseDose(drug.usualDose);
  const statement: MedicationStatement = {
    resourceType: 'MedicationStatement',
    id: rng.uuid(),
    status: opts.status,
    medicationCodeableConcept: concept('rxnorm', drug.rxnorm),
    subject: opts.patientRef,
    effectivePeriod: opts.end ? { start: opts.start, end: opts.end } : { start: opts.start },
    dateAsserted: opts.asserted,
    informationSource: opts.informationSource,
    reasonReference: [{ reference: `Condition/${opts.reason.id}`, display: opts.reason.code?.text }],
    dosage: [
      {
        sequence: 1,
        text: `${drug.usualDose} ${route.text} ${frequency.text}`,
        timing: {
          repeat: { frequency: frequency.frequency, period: frequency.period, periodUnit: frequency.periodUnit },
          code: { text: frequency.code },
        },
        asNeededBoolean: frequency.asNeeded ?? false,
        route: { coding: [{ system: 'http://snomed.info/sct', code: route.code, display: route.display }], text: route.text },
      },
    ],
  };
  if (dose) {
    (statement.dosage as Dosage[])[0]!.doseAndRate = [
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/dose-rate-type', code: 'ordered', display: 'Ordered' }] }, doseQuantity: { value: dose.value, unit: dose.unit } },
    ];
  }
  return statement;
}

/**
 * Classes that duplicate each other's therapy: an ACE inhibitor with an ARB (dual RAAS blockade),
 * an opioid with an opioid combination, two anticoagulants, two systemic antibiotics at once.
 */
function therapeuticGroup(drugClass: string): string {
  if (drugClass === 'ACE inhibitor' || drugClass === 'angiotensin II receptor blocker') return 'RAAS blockade';
  if (drugClass.startsWith('opioid')) return 'opioid';
  if (drugClass.endsWith('anticoagulant')) return 'anticoagulant';
  if (/antibiotic|penicillin|cephalosporin/.test(drugClass)) return 'antibiotic';
  return drugClass;
}

/**
 * Medications for the patient's problems: each line of therapy of each condition module is
 * prescribed with its probability, choosing among its options by weight and skipping any drug
 * that conflicts with a documented allergy (the chart stays clinically safe until an exercise
 * plants an error on purpose).
 */
export function chooseMedications(
  rng: Rng,
  problems: ActiveProblem[],
  opts: { allergenIds: string[]; refDate: string; patientRef: Ref; prescriber: Ref },
): { statement: MedicationStatement; drugId: string; problem: ActiveProblem }[] {
  const out: { statement: MedicationStatement; drugId: string; problem: ActiveProblem }[] = [];
  // No therapeutic duplication: one drug per ingredient and per class (two statins, or an ACE
  // inhibitor with an ARB, is itself an error a reviewer would flag).
  const onList = new Set<string>();
  for (const problem of problems) {
    if (!problem.condition || problem.module.kind === 'surgical-history' || problem.module.kind === 'resolved') continue;
    let treated = false;
    for (const line of problem.module.medications) {
      if (!rng.chance(line.p)) continue;
      const options = line.options.filter((o) => {
        const drug = getDrug(o.drug);
        return !conflictsWithAllergens(drug, opts.allergenIds) && !onList.has(drug.ingredient) && !onList.has(therapeuticGroup(drug.drugClass));
      });
      if (options.length === 0) continue;
      const drug = getDrug(rng.weighted(options, (o) => o.weight).drug);
      onList.add(drug.ingredient);
      onList.add(therapeuticGroup(drug.drugClass));
      treated = true;
      const acute = problem.module.kind === 'acute';
      const start = acute ? problem.onset : addDays(problem.onset, rng.int(0, Math.max(0, Math.min(180, daysBetween(problem.onset, opts.refDate) - 1))));
      const end = acute ? addDays(start, rng.int(5, 14)) : undefined;
      const finished = end !== undefined && daysBetween(end, opts.refDate) > 0;
      if (!problem.treatedFrom || daysBetween(start, problem.treatedFrom) > 0) problem.treatedFrom = start;
      out.push({
        drugId: drug.id,
        problem,
        statement: buildMedication(rng, drug, {
          patientRef: opts.patientRef,
          informationSource: opts.prescriber,
          reason: problem.condition,
          start,
          end: finished ? end : undefined,
          status: finished ? 'completed' : 'active',
          asserted: opts.refDate,
        }),
      });
    }
    // Treated chronic disease improves but is rarely normalised (e.g. a treated diabetic's A1c of 7–8 %).
    if (treated && problem.module.kind === 'chronic') problem.control = rng.float(0.2, 0.6, 2);
  }
  return out;
}

const SMOKING: { code: string; display: string; text: string; weight: number; minAge: number }[] = [
  { code: '266919005', display: 'Never smoked tobacco (finding)', text: 'never smoker', weight: 60, minAge: 0 },
  { code: '8517006', display: 'Ex-smoker (finding)', text: 'former smoker', weight: 24, minAge: 18 },
  { code: '449868002', display: 'Smokes tobacco daily (finding)', text: 'current every day smoker', weight: 14, minAge: 14 },
];

export function buildSocialHistory(rng: Rng, opts: { age: number; refDate: string; patientRef: Ref; hasCopd: boolean }): Observation[] {
  const options = SMOKING.filter((s) => opts.age >= s.minAge && !(opts.hasCopd && s.code === '266919005'));
  const smoking = rng.weighted(options, (s) => s.weight);
  return [
    {
      resourceType: 'Observation',
      id: rng.uuid(),
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'social-history', display: 'Social History' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '72166-2', display: 'Tobacco smoking status' }], text: 'Tobacco smoking status' },
      subject: opts.patientRef,
      effectiveDateTime: opts.refDate,
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: smoking.code, display: smoking.display }], text: smoking.text },
    },
  ];
}

const RELATIVES = [
  { code: 'MTH', display: 'mother' },
  { code: 'FTH', display: 'father' },
  { code: 'SIS', display: 'sister' },
  { code: 'BRO', display: 'brother' },
];

/** One to three relatives with common heritable chronic conditions. */
export function buildFamilyHistory(rng: Rng, opts: { patientRef: Ref; refDate: string }): FamilyMemberHistory[] {
  const heritable = CONDITIONS.filter((c) => c.kind === 'chronic' && c.prevalence.some((b) => b.minAge >= 40 && b.p >= 0.05));
  if (heritable.length === 0) return [];
  return rng.sample(RELATIVES, rng.int(1, 3)).map((relative) => {
    const conditions = rng.sample(heritable, rng.int(1, 2));
    return {
      resourceType: 'FamilyMemberHistory',
      id: rng.uuid(),
      status: 'completed',
      patient: opts.patientRef,
      date: opts.refDate,
      relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: relative.code, display: relative.display }], text: relative.display },
      condition: conditions.map((c) => ({ code: concept('snomed', c.snomed, c.name), onsetAge: { value: rng.int(Math.max(35, c.onsetAge[0]), Math.max(40, c.onsetAge[1])), unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } })),
    };
  });
}

export { ref };
