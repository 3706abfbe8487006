import type { Encounter, Observation } from '@medplum/fhirtypes';
import type { SourceDocument } from '@/domain/chart/chart-types';
import { conditionModuleFor } from './code-lookup';
import {
  isAdmission,
  snapshotOf,
  unlistedMeds,
  writeAssessmentPlan,
  writeFamilyHistory,
  writeMedicationSection,
  writePastMedicalHistory,
  writeSocialHistory,
  writeSurgicalHistory,
  type VisitSnapshot,
} from './history-sections';
import { lowerFirst, upperFirst } from './phrases';
import { addMinutes, agePhrase, encounterProvider, pickStyle, refOf, reportsOn, vitalsOn, yearsOld, type NoteStyle, type RenderContext } from './render-context';
import {
  heading,
  PAGE_WIDTH,
  writeAllergies,
  writeConditionList,
  writeGender,
  writeHeader,
  writeLabsInline,
  writeMedication,
  writePatientName,
  writeSignature,
  writeVitals,
} from './sections';
import { TextBuilder } from './text-builder';

export function pronoun(ctx: RenderContext): string {
  const g = ctx.chart.patient.gender;
  return g === 'female' ? 'She' : g === 'male' ? 'He' : 'The patient';
}

/** "Jane Doe is a 54-year-old woman" / "The patient is a 54 y.o. female". */
export function writeSubjectOpening(b: TextBuilder, ctx: RenderContext, day: string): void {
  if (ctx.rng.chance(0.5)) writePatientName(b, ctx, 'first-last', false);
  else b.text('The patient');
  const short = ctx.rng.chance(0.4);
  const age = agePhrase(ctx.birthDate, day, short);
  b.text(` is ${article(age)} ${age} `);
  writeGender(b, ctx, short ? 'lower' : 'person', day);
}

/** "an 83-year-old", "an 11-month-old", "an 8 y.o.", otherwise "a": by how the number is spoken. */
export function article(age: string): string {
  const n = parseInt(age, 10);
  return n === 8 || n === 11 || n === 18 || (n >= 80 && n <= 89) ? 'an' : 'a';
}

const RESPIRATORY = new Set(['acute-bronchitis', 'asthma', 'copd', 'pneumonia']);

function reasonIsRespiratory(snap: VisitSnapshot): boolean {
  return snap.reasons.some((c) => RESPIRATORY.has(conditionModuleFor(c.code)?.id ?? ''));
}

const ADMIT_COURSE = [
  'Symptoms began several days before presentation and worsened despite home measures.',
  'The patient reports progressively worsening symptoms over the past few days.',
  'In the emergency department the patient was evaluated and the decision was made to admit.',
];
const OUTPATIENT_COURSE = ['Prior records were reviewed.', 'The patient reports feeling generally well.', 'Outside records were requested.'];
const CHILD_COURSE = ['Accompanied by a parent, who reports no concerns.', 'Growth and development were reviewed with the parent.'];

function writeHpi(b: TextBuilder, ctx: RenderContext, style: NoteStyle, snap: VisitSnapshot, admission: boolean): void {
  const { rng } = ctx;
  const e = snap.encounter;
  b.text('  ').wrap(PAGE_WIDTH, '  ');
  writeSubjectOpening(b, ctx, snap.day);
  if (snap.activeProblems.length > 0) {
    b.text(rng.pick([' with a past medical history of ', ' with a history of ', ' with PMH of ']));
    writeConditionList(b, ctx, style, snap.activeProblems);
  } else {
    b.text(' with no significant past medical history');
  }
  const acute = snap.reasons.some((c) => conditionModuleFor(c.code)?.kind === 'acute');
  if (admission) {
    if (snap.reasons.length > 0) {
      b.text(acute ? ' who presents to the emergency department and is admitted for ' : ' who is admitted for management of ');
      writeConditionList(b, ctx, style, snap.reasons, { reasonOf: e });
    } else {
      b.text(' who is admitted for further evaluation');
    }
  } else if (snap.reasons.length > 0) {
    b.text(' who presents as a new patient for ');
    writeConditionList(b, ctx, style, snap.reasons, { reasonOf: e });
  } else if (e.reasonCode?.[0]?.text) {
    b.text(' who presents as a new patient for ').fact(snap.ref, 'reason', lowerFirst(e.reasonCode[0].text));
  } else {
    b.text(' who presents to establish care');
  }
  const child = yearsOld(ctx.birthDate, snap.day) < 12;
  b.text('. ').text(rng.pick(admission ? ADMIT_COURSE : child ? CHILD_COURSE : OUTPATIENT_COURSE));
  if (snap.homeMeds.length > 0) {
    b.text(rng.pick([' Current medications include ', ' Home medications include ', ' Takes ']));
    snap.homeMeds.forEach((m, i) => {
      if (i > 0) b.text(i === snap.homeMeds.length - 1 ? ' and ' : ', ');
      writeMedication(b, ctx, style, m, { strength: rng.chance(0.5) });
    });
    b.text('.');
  }
  if (ctx.allergies.length === 0 && ctx.noKnownAllergy && rng.chance(0.5)) {
    b.text(` ${pronoun(ctx)} has `).fact(refOf(ctx.noKnownAllergy), 'code', 'no known drug allergies').text('.');
  }
  const smoking = ctx.chart.socialHistory[0];
  if (smoking?.valueCodeableConcept?.text && rng.chance(0.6)) {
    b.text(` ${pronoun(ctx)} is a `).fact(refOf(smoking), 'value', smoking.valueCodeableConcept.text).text('.');
  }
  b.unwrap().nl();
}

const CHILD_ROS = [
  ['  Feeding well; normal voiding and stooling. No fever, vomiting or rash.', '  All other systems reviewed and negative.'],
  ['  Negative except as noted in the HPI, per parent.'],
];
const ROS = [
  ['  A complete review of systems was obtained and is negative except as noted in the HPI.'],
  ['  Constitutional: No weight loss.', '  Cardiovascular: No chest pain or palpitations.', '  GI: No nausea, vomiting or abdominal pain.', '  All other systems reviewed and negative.'],
  ['  As per HPI; otherwise negative on a 12-point review.'],
];

/** What the measured vital signs say about the general appearance, so the exam never contradicts them. */
function distressOf(vitals: readonly Observation[]): { hypoxic: boolean; tachycardic: boolean; febrile: boolean } {
  const value = (loinc: string) => vitals.find((o) => o.code.coding?.[0]?.code === loinc)?.valueQuantity?.value;
  const spo2 = value('2708-6');
  const pulse = value('8867-4');
  const temp = value('8310-5');
  return { hypoxic: spo2 !== undefined && spo2 < 92, tachycardic: pulse !== undefined && pulse > 100, febrile: temp !== undefined && temp >= 38 };
}

function examLines(ctx: RenderContext, snap: VisitSnapshot, vitals: readonly Observation[]): string[] {
  const { rng } = ctx;
  const { hypoxic, tachycardic, febrile } = distressOf(vitals);
  if (yearsOld(ctx.birthDate, snap.day) < 5) {
    return [
      `  General: ${rng.pick(['Well-appearing, active, in no distress.', 'Alert, interactive, well hydrated.'])}`,
      `  HEENT: ${rng.pick(['Normocephalic. TMs clear bilaterally. Oropharynx clear.', 'Atraumatic. Red reflex present bilaterally.'])}`,
      `  Cardiovascular: ${rng.pick(['Regular rate and rhythm, no murmurs.', 'RRR, no murmur. Femoral pulses 2+.'])}`,
      `  Lungs: ${reasonIsRespiratory(snap) ? 'Coarse breath sounds, no retractions.' : rng.pick(['Clear bilaterally, no retractions.', 'CTAB, unlabored.'])}`,
      `  Abdomen: ${rng.pick(['Soft, nontender, no masses.', 'Soft, nondistended, no hepatosplenomegaly.'])}`,
      `  Skin: ${rng.pick(['Warm, well perfused, no rash.', 'No rashes or lesions.'])}`,
      `  Neuro: ${rng.pick(['Normal tone, moves all extremities.', 'Age-appropriate tone and reflexes.'])}`,
    ];
  }
  return [
    `  General: ${
      hypoxic
        ? rng.pick(['Alert, in mild respiratory distress.', 'Ill-appearing, mildly dyspneic at rest.'])
        : febrile || tachycardic
          ? rng.pick(['Alert, appears fatigued, mildly ill.', 'Awake, uncomfortable-appearing but cooperative.'])
          : rng.pick(['Alert, in no acute distress.', 'Well-appearing, NAD.', 'Awake, alert and cooperative.'])
    }`,
    `  HEENT: ${rng.pick(['Normocephalic, atraumatic. Mucous membranes moist.', 'PERRL, oropharynx clear.'])}`,
    `  Neck: ${rng.pick(['Supple, no lymphadenopathy.', 'Supple, no JVD.'])}`,
    `  Cardiovascular: ${tachycardic ? 'Tachycardic, regular rhythm, no murmurs.' : rng.pick(['Regular rate and rhythm, no murmurs.', 'RRR, no m/r/g.'])}`,
    `  Lungs: ${reasonIsRespiratory(snap) ? rng.pick(['Scattered rhonchi, no focal consolidation.', 'Mild expiratory wheezes bilaterally.']) : rng.pick(['Clear to auscultation bilaterally.', 'CTAB, no wheezes or crackles.'])}`,
    `  Abdomen: ${rng.pick(['Soft, nontender, nondistended.', 'Soft, NT/ND, normal bowel sounds.'])}`,
    `  Extremities: ${rng.pick(['No edema.', 'No clubbing, cyanosis or edema.'])}`,
    `  Neuro: ${rng.pick(['Alert and oriented x3, no focal deficits.', 'Grossly intact.'])}`,
  ];
}

/**
 * History and physical for an admission, or (when the chart has no stay) for the first clinic
 * visit of the window, written as a new-patient H&P.
 */
export function renderHistoryPhysical(ctx: RenderContext, e: Encounter): SourceDocument {
  const { rng } = ctx;
  const style = pickStyle(rng);
  const admission = isAdmission(e);
  const snap = snapshotOf(ctx, e);
  const author = encounterProvider(ctx, e);
  const b = new TextBuilder();
  const title = admission ? 'History and Physical' : 'History and Physical - New Patient';
  writeHeader(b, ctx, style, { title, encounter: e, providerLabel: admission ? 'Attending' : 'Provider' });
  b.nl();

  heading(b, style, 'Chief Complaint').wrap(PAGE_WIDTH, '  ').text(' ');
  if (snap.reasons.length > 0) {
    const prefix = admission ? rng.pick(['', 'Admitted for ', 'Evaluation of ']) : rng.pick(['New patient; ', 'Establish care; ']);
    b.text(prefix);
    writeConditionList(b, ctx, style, snap.reasons, { reasonOf: e, lower: prefix !== '' });
  } else if (e.reasonCode?.[0]?.text) {
    b.fact(snap.ref, 'reason', e.reasonCode[0].text);
  } else {
    b.text('Establish care');
  }
  b.unwrap().nl().nl();

  heading(b, style, 'History of Present Illness').nl();
  writeHpi(b, ctx, style, snap, admission);
  b.nl();
  writePastMedicalHistory(b, ctx, style, snap);
  b.nl();
  writeSurgicalHistory(b, ctx, style, snap.procedures);
  b.nl();
  writeMedicationSection(b, ctx, style, admission ? 'Home Medications' : 'Current Medications', snap.homeMeds);
  b.nl();
  heading(b, style, 'Allergies');
  if (rng.chance(0.5)) {
    b.wrap(PAGE_WIDTH, '  ').text(' ');
    writeAllergies(b, ctx, style, 'inline');
    b.unwrap().nl();
  } else {
    b.nl();
    if (ctx.allergies.length === 0) b.text('  ');
    writeAllergies(b, ctx, style, 'list');
  }
  b.nl();
  writeFamilyHistory(b, ctx, style);
  b.nl();
  writeSocialHistory(b, ctx, style, snap.day);
  b.nl();
  heading(b, style, 'Review of Systems').nl();
  for (const line of rng.pick(yearsOld(ctx.birthDate, snap.day) < 5 ? CHILD_ROS : ROS)) b.line(line);
  b.nl();

  heading(b, style, 'Physical Examination').nl();
  const vitals = vitalsOn(ctx, snap.ref, snap.day);
  if (vitals.length > 0) {
    b.text('  Vitals: ');
    writeVitals(b, style, vitals, '    ');
  }
  for (const line of examLines(ctx, snap, vitals)) b.line(line);
  b.nl();

  const reports = reportsOn(ctx, snap.ref, snap.day);
  if (reports && reports.length > 0) {
    heading(b, style, admission ? 'Admission Labs' : 'Laboratory Data').nl();
    writeLabsInline(b, ctx, style, reports, '  ');
    b.nl();
  }

  heading(b, style, 'Assessment and Plan').nl();
  b.text('  ').wrap(PAGE_WIDTH, '  ').text(upperFirst(agePhrase(ctx.birthDate, snap.day, true))).text(' ');
  writeGender(b, ctx, 'lower', snap.day);
  if (admission && snap.reasons.length > 0) {
    b.text(' admitted with ');
    writeConditionList(b, ctx, style, snap.reasons, { reasonOf: e });
    b.text('.');
  } else {
    b.text(admission ? ' admitted for evaluation.' : ' establishing care.');
  }
  b.unwrap().nl();
  if (!admission && snap.reasons.length === 0) b.line('  - Health maintenance: age-appropriate screening reviewed.');
  writeAssessmentPlan(b, ctx, style, snap, { icd: 'style' });
  const others = unlistedMeds(ctx, snap);
  if (others.length > 0) {
    b.text('  Other medications: continue ').wrap(PAGE_WIDTH, '    ');
    others.forEach((m, i) => {
      if (i > 0) b.text(', ');
      writeMedication(b, ctx, style, m, { strength: true, frequency: true });
    });
    b.text('.').unwrap().nl();
  }
  b.line(
    admission
      ? rng.pick(['  Disposition: admit to inpatient medicine.', '  Admit to the medicine service; continue current plan.'])
      : yearsOld(ctx.birthDate, snap.day) < 18 && snap.reasons.length === 0
        ? '  Next well-child visit per schedule; anticipatory guidance provided.'
        : rng.pick(['  Follow up in 3 months or sooner as needed.', '  Return to clinic in 6 months.']),
  );

  const signedAt = addMinutes(e.period?.start ?? '', rng.int(45, 360));
  writeSignature(b, ctx, style, author, signedAt);
  const { text, spans } = b.build();
  return {
    id: rng.uuid(),
    kind: 'history-physical',
    title,
    date: e.period?.start ?? ctx.refDate,
    author: author ? refOf(author) : undefined,
    encounter: snap.ref,
    signed: author ? { by: refOf(author), at: signedAt } : undefined,
    text,
    spans,
  };
}
