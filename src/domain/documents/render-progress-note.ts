import type { Encounter } from '@medplum/fhirtypes';
import type { SourceDocument } from '@/domain/chart/chart-types';
import { SYSTEMS } from '@/domain/codes/code-types';
import { codeIn, conditionModuleFor } from './code-lookup';
import { isTreated, snapshotOf, unlistedMeds, writeProblemPlan, type VisitSnapshot } from './history-sections';
import { lowerFirst } from './phrases';
import { addMinutes, encounterProvider, pickStyle, refOf, reportsOn, vitalsOn, yearsOld, type NoteStyle, type RenderContext } from './render-context';
import { writeSubjectOpening } from './render-history-physical';
import { PAGE_WIDTH, writeAllergies, writeCondition, writeConditionList, writeHeader, writeLabsInline, writeMedication, writeSignature, writeVitals } from './sections';
import { TextBuilder } from './text-builder';

const WELL_CHILD_TYPE = '410620009';

function sectionLabel(style: NoteStyle, letter: string, word: string): string {
  return style.headings === 'upper' ? `${word.toUpperCase()}:` : `${letter}:`;
}

const FOLLOW_UP_INTERVAL = [
  'Reports taking medications as prescribed without side effects.',
  'Adherent to medications. No new complaints.',
  'Doing well since the last visit.',
  'Feels well overall. Denies chest pain or shortness of breath.',
];
const ACUTE_INTERVAL = ['Symptoms started a few days ago.', 'Onset several days ago, gradually worsening.', 'Tried over-the-counter remedies without relief.'];
const WELL_CHILD_INTERVAL = ['Feeding and sleeping well.', 'Meeting developmental milestones.', 'No parental concerns today.'];
const STATUS_WORDS = ['stable', 'controlled', 'stable on current regimen', 'unchanged'];
const ACUTE_STATUS = ['new', 'acute', 'new problem this visit'];

function writeSubjective(b: TextBuilder, ctx: RenderContext, style: NoteStyle, snap: VisitSnapshot, emergency: boolean): void {
  const { rng } = ctx;
  const e = snap.encounter;
  const wellChild = codeIn(e.type?.[0], SYSTEMS.snomed) === WELL_CHILD_TYPE;
  const acute = snap.reasons.some((c) => conditionModuleFor(c.code)?.kind === 'acute');
  b.text('  ').wrap(PAGE_WIDTH, '  ');
  writeSubjectOpening(b, ctx, snap.day);
  if (snap.reasons.length > 0) {
    b.text(emergency ? ' who presents to the ED with ' : acute ? ' who presents with ' : ' here for follow-up of ');
    writeConditionList(b, ctx, style, snap.reasons, { reasonOf: e });
    b.text('. ').text(rng.pick(acute ? ACUTE_INTERVAL : FOLLOW_UP_INTERVAL));
  } else if (e.reasonCode?.[0]?.text) {
    b.text(wellChild && yearsOld(ctx.birthDate, snap.day) < 18 ? ', brought in by a parent for a ' : ' here for an ');
    b.fact(snap.ref, 'reason', lowerFirst(e.reasonCode[0].text)).text('. ');
    b.text(rng.pick(wellChild ? WELL_CHILD_INTERVAL : ['No new complaints.', 'Feels well; no acute concerns.']));
  } else {
    b.text(' here for a visit. No new complaints.');
  }
  b.unwrap().nl();
  if (snap.homeMeds.length > 0) {
    b.text('  Current meds: ').wrap(PAGE_WIDTH, '    ');
    snap.homeMeds.forEach((m, i) => {
      if (i > 0) b.text(', ');
      writeMedication(b, ctx, style, m, { strength: true, frequency: rng.chance(0.5) });
    });
    b.unwrap().nl();
  }
  b.text('  Allergies: ').wrap(PAGE_WIDTH, '    ');
  writeAllergies(b, ctx, style, 'inline');
  b.unwrap().nl();
}

function writeAssessment(b: TextBuilder, ctx: RenderContext, style: NoteStyle, snap: VisitSnapshot): void {
  const { rng } = ctx;
  let n = 0;
  const wellness = snap.reasons.length === 0 && !!snap.encounter.reasonCode?.[0]?.text;
  if (wellness) b.line(`  ${++n}. ${rng.pick(['Routine health maintenance visit.', 'Preventive visit.'])}`);
  for (const c of snap.reasons) {
    b.text(`  ${++n}. `);
    writeCondition(b, ctx, style, c, { icd: 'style', reasonOf: snap.encounter });
    b.text(` - ${rng.pick(conditionModuleFor(c.code)?.kind === 'acute' ? ACUTE_STATUS : STATUS_WORDS)}`).nl();
  }
  for (const c of snap.activeProblems) {
    b.text(`  ${++n}. `);
    writeCondition(b, ctx, style, c, { icd: 'style' });
    b.text(` - ${rng.pick(STATUS_WORDS)}`).nl();
  }
  if (n === 0) b.line('  No active problems.');
}

function writePlan(b: TextBuilder, ctx: RenderContext, style: NoteStyle, snap: VisitSnapshot): void {
  const { rng } = ctx;
  for (const c of [...snap.reasons, ...snap.activeProblems]) {
    if (!isTreated(ctx, snap, c)) continue;
    b.text('  -').wrap(PAGE_WIDTH, '    ');
    writeProblemPlan(b, ctx, style, snap, c, rng.pick(['Continue', 'Cont.', 'Refill']));
    b.unwrap().nl();
  }
  const others = unlistedMeds(ctx, snap);
  if (others.length > 0) {
    b.text('  - Continue ').wrap(PAGE_WIDTH, '    ');
    others.forEach((m, i) => {
      if (i > 0) b.text(', ');
      writeMedication(b, ctx, style, m, { strength: true, frequency: true });
    });
    b.unwrap().nl();
  }
  const reports = reportsOn(ctx, snap.ref, snap.day);
  if (reports && reports.length > 0) b.line(`  - Labs drawn today: ${reports.map((r) => r.code?.text ?? '').join(', ')}.`);
  b.line(`  - ${rng.pick(['Follow up in 3 months.', 'Return in 6 months or sooner as needed.', 'RTC 4-6 weeks.', 'Follow up as needed.'])}`);
}

/** SOAP note for a clinic (or emergency department) visit. */
export function renderProgressNote(ctx: RenderContext, e: Encounter): SourceDocument {
  const { rng } = ctx;
  const style = pickStyle(rng);
  const snap = snapshotOf(ctx, e);
  const author = encounterProvider(ctx, e);
  const emergency = e.class?.code === 'EMER';
  const title = emergency ? 'Emergency Department Note' : rng.pick(['Progress Note', 'Office Visit Note', 'Clinic Note']);
  const b = new TextBuilder();
  writeHeader(b, ctx, style, { title, encounter: e, providerLabel: 'Provider' });
  b.nl();

  b.line(sectionLabel(style, 'S', 'Subjective'));
  writeSubjective(b, ctx, style, snap, emergency);
  b.nl();

  b.line(sectionLabel(style, 'O', 'Objective'));
  const vitals = vitalsOn(ctx, snap.ref, snap.day);
  if (vitals.length > 0) {
    b.text('  Vitals: ');
    writeVitals(b, style, vitals, '    ');
  }
  b.line(`  Exam: ${rng.pick(['Well-appearing, NAD. Heart RRR. Lungs clear.', 'Alert, no distress. CV: regular rhythm. Resp: unlabored.', 'General: NAD. Lungs CTAB. Heart RRR, no murmur.'])}`);
  const reports = reportsOn(ctx, snap.ref, snap.day);
  if (reports && reports.length > 0) {
    b.line('  Labs:');
    writeLabsInline(b, ctx, style, reports, '    ');
  }
  b.nl();

  b.line(sectionLabel(style, 'A', 'Assessment'));
  writeAssessment(b, ctx, style, snap);
  b.nl();

  b.line(sectionLabel(style, 'P', 'Plan'));
  writePlan(b, ctx, style, snap);
  if (snap.reasons.length === 0 && snap.activeProblems.length === 0 && ctx.rng.chance(0.5)) {
    b.line(
      yearsOld(ctx.birthDate, snap.day) < 18
        ? '  - Anticipatory guidance provided; immunization schedule reviewed.'
        : '  - Counseled on diet, exercise and age-appropriate screening.',
    );
  }

  const signedAt = addMinutes(e.period?.end ?? e.period?.start ?? '', rng.int(5, 720));
  writeSignature(b, ctx, style, author, signedAt);
  const { text, spans } = b.build();
  return {
    id: rng.uuid(),
    kind: 'progress-note',
    title,
    date: e.period?.start ?? ctx.refDate,
    author: author ? refOf(author) : undefined,
    encounter: snap.ref,
    signed: author ? { by: refOf(author), at: signedAt } : undefined,
    text,
    spans,
  };
}
