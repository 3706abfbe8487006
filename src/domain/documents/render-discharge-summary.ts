import type { Encounter, MedicationStatement, Observation } from '@medplum/fhirtypes';
import type { SourceDocument } from '@/domain/chart/chart-types';
import { addDays, daysBetween } from '@/domain/time/dates';
import { snapshotOf, writeProblemPlan, type VisitSnapshot } from './history-sections';
import { flagCode } from './phrases';
import { addMinutes, compareDays, dayOf, encounterProvider, pickStyle, printDay, refOf, reportResults, reportsOn, vitalsOn, type NoteStyle, type RenderContext } from './render-context';
import { pronoun, writeSubjectOpening } from './render-history-physical';
import {
  heading,
  PAGE_WIDTH,
  writeAllergies,
  writeClinician,
  writeCondition,
  writeConditionList,
  writeHeader,
  writeLabResult,
  writeMedication,
  writeSignature,
  writeVitals,
} from './sections';
import { TextBuilder } from './text-builder';

/** Abnormal results of the stay, by day drawn. */
function abnormalLabsByDay(ctx: RenderContext, snap: VisitSnapshot): { day: string; results: Observation[] }[] {
  const out: { day: string; results: Observation[] }[] = [];
  for (let day = snap.day, n = 0; compareDays(day, snap.lastDay) <= 0 && n < 60; n++) {
    const results: Observation[] = [];
    for (const report of reportsOn(ctx, snap.ref, day)) {
      for (const obs of reportResults(ctx, report)) {
        const flag = flagCode(obs);
        if (flag && flag !== 'N') results.push(obs);
      }
    }
    if (results.length > 0) out.push({ day, results });
    day = addDays(day, 1);
  }
  return out;
}

function writeHospitalCourse(b: TextBuilder, ctx: RenderContext, style: NoteStyle, snap: VisitSnapshot, abnormal: { day: string; results: Observation[] }[]): void {
  const { rng } = ctx;
  const he = pronoun(ctx);
  b.text('  ').wrap(PAGE_WIDTH, '  ');
  writeSubjectOpening(b, ctx, snap.day);
  if (snap.activeProblems.length > 0) {
    b.text(' with a history of ');
    writeConditionList(b, ctx, style, snap.activeProblems);
  }
  b.text(' who was admitted on ').fact(snap.ref, 'date', printDay(style, snap.day));
  if (snap.reasons.length > 0) {
    b.text(' for ');
    writeConditionList(b, ctx, style, snap.reasons, { reasonOf: snap.encounter });
  }
  b.text('.');
  const treated = snap.newMeds.length > 0;
  if (treated) {
    b.text(` ${he} was treated with `);
    snap.newMeds.forEach((m, i) => {
      if (i > 0) b.text(i === snap.newMeds.length - 1 ? ' and ' : ', ');
      writeMedication(b, ctx, style, m, { strength: true, route: true, frequency: true });
    });
    b.text('.');
  } else {
    b.text(` ${rng.pick(['Management was supportive.', 'The patient was managed with supportive care and monitoring.'])}`);
  }
  if (snap.homeMeds.length > 0) b.text(rng.pick([' Home medications were continued.', ' Home medications were resumed.']));
  const first = abnormal[0];
  if (first && rng.chance(0.6)) {
    b.text(' Labs on admission were notable for ');
    first.results.slice(0, 3).forEach((obs, i) => {
      if (i > 0) b.text(', ');
      writeLabResult(b, style, obs);
    });
    b.text('.');
  }
  const los = Math.max(1, daysBetween(snap.day, snap.lastDay));
  b.text(
    ` ${rng.pick([
      `${he} improved clinically and was discharged on hospital day ${los + 1} in stable condition.`,
      `Symptoms improved, and ${he === 'The patient' ? 'the patient' : he.toLowerCase()} was deemed stable for discharge after a ${los}-night stay.`,
    ])}`,
  );
  b.unwrap().nl();
}

/** Discharge summary of an inpatient stay. */
export function renderDischargeSummary(ctx: RenderContext, e: Encounter): SourceDocument {
  const { rng } = ctx;
  const style = pickStyle(rng);
  const snap = snapshotOf(ctx, e);
  const author = encounterProvider(ctx, e);
  const b = new TextBuilder();
  const title = 'Discharge Summary';
  writeHeader(b, ctx, style, { title, encounter: e, providerLabel: 'Attending' });
  const end = e.period?.end ?? e.period?.start ?? '';
  b.text('Admission date: ').fact(snap.ref, 'date', printDay(style, snap.day));
  b.padTo(44, 2).text('Discharge date: ').fact(snap.ref, 'end', printDay(style, dayOf(end))).nl();
  b.rule('-', PAGE_WIDTH).nl();

  heading(b, style, 'Admitting Diagnosis').nl();
  if (snap.reasons.length > 0) {
    b.text('  ');
    writeConditionList(b, ctx, style, snap.reasons, { reasonOf: e, lower: false });
    b.nl();
  } else {
    b.line('  Under evaluation');
  }
  b.nl();
  heading(b, style, 'Discharge Diagnoses').nl();
  snap.reasons.forEach((c, i) => {
    b.text(i === 0 ? '  Principal: ' : '  Also: ');
    writeCondition(b, ctx, style, c, { icd: rng.chance(0.7) ? 'always' : 'style', reasonOf: e });
    b.nl();
  });
  if (snap.activeProblems.length > 0) {
    b.line('  Secondary:');
    for (const c of snap.activeProblems) {
      b.text('    - ');
      writeCondition(b, ctx, style, c, { icd: 'style' });
      b.nl();
    }
  }
  b.nl();

  const abnormal = abnormalLabsByDay(ctx, snap);
  heading(b, style, 'Hospital Course').nl();
  writeHospitalCourse(b, ctx, style, snap, abnormal);
  b.nl();

  heading(b, style, 'Pertinent Results').nl();
  if (abnormal.length === 0) b.line('  No significant laboratory abnormalities.');
  for (const { day, results } of abnormal) {
    b.text('  ').wrap(PAGE_WIDTH, '    ');
    results.forEach((obs, i) => (i === 0 ? b.fact(refOf(obs), 'date', printDay(style, day)) : b.also(refOf(obs), 'date')));
    b.text(':');
    results.forEach((obs, i) => {
      b.text(i === 0 ? ' ' : ', ');
      writeLabResult(b, style, obs);
    });
    b.unwrap().nl();
  }
  const dischargeVitals = vitalsOn(ctx, snap.ref, snap.lastDay);
  if (dischargeVitals && dischargeVitals.length > 0 && snap.lastDay !== snap.day) {
    b.text('  Discharge vitals: ');
    writeVitals(b, style, dischargeVitals, '    ');
  }
  b.nl();

  heading(b, style, 'Discharge Medications').nl();
  const continued = snap.homeMeds;
  const started = snap.newMeds.filter((m) => !m.effectivePeriod?.end || compareDays(snap.lastDay, m.effectivePeriod.end) <= 0);
  const dischargeMeds: { m: MedicationStatement; isNew: boolean }[] = [
    ...started.map((m) => ({ m, isNew: true })),
    ...continued.map((m) => ({ m, isNew: false })),
  ];
  if (dischargeMeds.length === 0) b.line('  None.');
  for (const { m, isNew } of dischargeMeds) {
    b.text(isNew ? '  NEW:      ' : '  CONTINUE: ').wrap(PAGE_WIDTH, '            ');
    writeMedication(b, ctx, style, m, { strength: true, amount: true, route: true, frequency: true, indication: rng.chance(0.4) });
    if (isNew && m.effectivePeriod?.end && m.effectivePeriod.start) {
      b.text(` through ${printDay(style, m.effectivePeriod.end)}`);
    }
    b.unwrap().nl();
  }
  b.nl();
  heading(b, style, 'Allergies').wrap(PAGE_WIDTH, '  ').text(' ');
  writeAllergies(b, ctx, style, 'inline');
  b.unwrap().nl().nl();

  const disposition = e.hospitalization?.dischargeDisposition?.coding?.[0]?.display ?? 'Home';
  heading(b, style, 'Disposition').text(` ${disposition}. Condition at discharge: ${rng.pick(['stable', 'good', 'improved'])}.`).nl();
  heading(b, style, 'Follow-up').wrap(PAGE_WIDTH, '  ').text(' Follow up with ');
  writeClinician(b, ctx.pcp, rng.chance(0.5) ? 'signature' : 'doctor');
  b.text(` (PCP) in ${rng.pick(['1 week', '1-2 weeks', '7-10 days'])}. Return to the ED for worsening symptoms.`).unwrap().nl();
  const principal = snap.reasons[0];
  if (principal && rng.chance(0.3)) {
    b.text('  For ').wrap(PAGE_WIDTH, '  ');
    writeCondition(b, ctx, style, principal, { icd: 'never', lower: true });
    b.text(':');
    if (!writeProblemPlan(b, ctx, style, snap, principal)) b.text(' no further treatment needed.');
    b.unwrap().nl();
  }

  const signedAt = addMinutes(end, rng.int(30, 1440));
  writeSignature(b, ctx, style, author, signedAt);
  const { text, spans } = b.build();
  return {
    id: rng.uuid(),
    kind: 'discharge-summary',
    title,
    date: end || ctx.refDate,
    author: author ? refOf(author) : undefined,
    encounter: snap.ref,
    signed: author ? { by: refOf(author), at: signedAt } : undefined,
    text,
    spans,
  };
}
