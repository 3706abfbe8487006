import type { Condition, Encounter, MedicationStatement, Procedure } from '@medplum/fhirtypes';
import { daysBetween } from '@/domain/time/dates';
import { conditionModuleFor } from './code-lookup';
import { conditionName, procedureName, upperFirst } from './phrases';
import {
  compareDays,
  conditionActiveOn,
  conditionResolvedBy,
  dayOf,
  medWords,
  medicationActiveOn,
  medicationStart,
  reasonConditions,
  refOf,
  type NoteStyle,
  yearsOld,
  type RenderContext,
} from './render-context';
import { heading, PAGE_WIDTH, writeCondition, writeHistoryDate, writeMedication } from './sections';
import type { TextBuilder } from './text-builder';

/** The chart as it stood at a visit: what was known, taken and started then. */
export interface VisitSnapshot {
  encounter: Encounter;
  ref: string;
  day: string;
  /** Last day of the visit (the discharge day of a stay). */
  lastDay: string;
  reasons: Condition[];
  /** Every condition with onset on or before the visit, except its reasons, oldest first. */
  history: Condition[];
  /** Of `history`, those still active on the visit day. */
  activeProblems: Condition[];
  /** Medications taken before the visit and still taken on its day. */
  homeMeds: MedicationStatement[];
  /** Medications started during the visit. */
  newMeds: MedicationStatement[];
  procedures: Procedure[];
}

export function snapshotOf(ctx: RenderContext, encounter: Encounter): VisitSnapshot {
  const day = dayOf(encounter.period?.start);
  const lastDay = encounter.class?.code === 'IMP' ? dayOf(encounter.period?.end) || day : day;
  const reasons = reasonConditions(ctx, encounter);
  const history = ctx.chart.conditions
    .filter((c) => !reasons.includes(c) && c.onsetDateTime && compareDays(c.onsetDateTime, day) <= 0)
    .sort((a, b) => compareDays(a.onsetDateTime ?? '', b.onsetDateTime ?? ''));
  const homeMeds: MedicationStatement[] = [];
  const newMeds: MedicationStatement[] = [];
  for (const m of ctx.chart.medications) {
    const start = medicationStart(m);
    if (!start) continue;
    if (compareDays(start, day) < 0 && medicationActiveOn(m, day)) homeMeds.push(m);
    else if (compareDays(day, start) <= 0 && compareDays(start, lastDay) <= 0) newMeds.push(m);
  }
  return {
    encounter,
    ref: refOf(encounter),
    day,
    lastDay,
    reasons,
    history,
    activeProblems: history.filter((c) => conditionActiveOn(c, day)),
    homeMeds,
    newMeds,
    procedures: ctx.chart.procedures.filter((p) => p.performedDateTime && compareDays(p.performedDateTime, day) <= 0),
  };
}

function bullet(b: TextBuilder, style: NoteStyle, i: number): void {
  b.text(style.headings === 'upper' ? `  ${i + 1}. ` : '  - ');
}

export function writePastMedicalHistory(b: TextBuilder, ctx: RenderContext, style: NoteStyle, snap: VisitSnapshot): void {
  heading(b, style, 'Past Medical History').nl();
  if (snap.history.length === 0) {
    b.line(ctx.rng.pick(['  None.', '  No significant past medical history.', '  Denies chronic medical problems.']));
    return;
  }
  snap.history.forEach((c, i) => {
    const ref = refOf(c);
    bullet(b, style, i);
    writeCondition(b, ctx, style, c, { icd: 'style' });
    if (conditionResolvedBy(c, snap.day)) {
      b.text(' - ').fact(ref, 'status', 'resolved');
    } else if (ctx.rng.chance(0.75)) {
      b.text(ctx.rng.pick([', dx ', ', diagnosed ', ' since ', ', onset ']));
      writeHistoryDate(b, ctx, style, ref, 'onset', c.onsetDateTime ?? '');
    }
    b.nl();
  });
}

export function writeSurgicalHistory(b: TextBuilder, ctx: RenderContext, style: NoteStyle, procedures: readonly Procedure[]): void {
  heading(b, style, 'Past Surgical History').nl();
  if (procedures.length === 0) {
    b.line(ctx.rng.pick(['  None.', '  No prior surgeries.', '  Denies prior surgery.']));
    return;
  }
  for (const p of procedures) {
    const ref = refOf(p);
    b.text('  - ').fact(ref, 'code', procedureName(p.code)).text(' (');
    writeHistoryDate(b, ctx, style, ref, 'date', p.performedDateTime ?? '');
    b.text(')').nl();
  }
}

export function writeMedicationSection(b: TextBuilder, ctx: RenderContext, style: NoteStyle, title: string, meds: readonly MedicationStatement[]): void {
  heading(b, style, title).nl();
  if (meds.length === 0) {
    b.line(ctx.rng.pick(['  None.', '  No current medications.', '  Takes no medications.']));
    return;
  }
  for (const m of meds) {
    b.text('  - ');
    writeMedication(b, ctx, style, m, { strength: true, amount: true, route: true, frequency: true });
    b.nl();
  }
}

export function writeFamilyHistory(b: TextBuilder, ctx: RenderContext, style: NoteStyle): void {
  heading(b, style, 'Family History').nl();
  const family = ctx.chart.familyHistory;
  if (family.length === 0) {
    b.line(ctx.rng.pick(['  Noncontributory.', '  Reviewed; noncontributory.', '  Unknown / not obtained.']));
    return;
  }
  for (const f of family) {
    const ref = refOf(f);
    b.text('  ').fact(ref, 'relationship', upperFirst(f.relationship?.text ?? '')).text(': ');
    (f.condition ?? []).forEach((c, i) => {
      if (i > 0) b.text(', ');
      const module = conditionModuleFor(c.code);
      const abbreviations = module?.abbreviations.filter((a) => a.charCodeAt(0) >= 65 && a.charCodeAt(0) <= 90) ?? [];
      const label = abbreviations.length > 0 && ctx.rng.chance(style.abbreviate) ? ctx.rng.pick(abbreviations) : conditionName(c.code);
      b.fact(ref, 'code', label);
      if (c.onsetAge?.value !== undefined && ctx.rng.chance(0.4)) b.text(` (age ${c.onsetAge.value})`);
    });
    b.nl();
  }
}

export function writeSocialHistory(b: TextBuilder, ctx: RenderContext, style: NoteStyle, day: string): void {
  heading(b, style, 'Social History').nl();
  const smoking = ctx.chart.socialHistory[0];
  if (!smoking) {
    b.line(ctx.rng.pick(['  Lives at home with parents. No tobacco smoke exposure.', '  Lives with family; attends school/daycare.']));
    return;
  }
  const value = smoking.valueCodeableConcept?.text ?? '';
  b.text(ctx.rng.pick(['  Tobacco: ', '  Smoking status: ', '  Tobacco use: '])).fact(refOf(smoking), 'value', value).text('.');
  const adult = yearsOld(ctx.birthDate, day) >= 21;
  if (adult) b.text(ctx.rng.pick([' Alcohol: occasional.', ' Drinks socially.', ' Denies illicit drug use.', '']));
  b.nl();
}

const CHRONIC_STATUS = ['stable', 'stable on current regimen', 'chronic, stable', 'no change', 'followed, stable'];
const NO_MED_PLAN = ['Supportive care; monitor.', 'Monitor clinically.', 'Symptomatic treatment; reassess as needed.', 'Continue to monitor.'];

function writeDuration(b: TextBuilder, m: MedicationStatement): void {
  const start = m.effectivePeriod?.start;
  const end = m.effectivePeriod?.end;
  if (start && end) b.text(` x ${daysBetween(start, end)} days`);
}

/** "Continue lisinopril 10 mg daily. Start azithromycin 250 mg PO QD x 5 days." for one problem. */
export function writeProblemPlan(b: TextBuilder, ctx: RenderContext, style: NoteStyle, snap: VisitSnapshot, c: Condition, continueWord = 'Continue'): boolean {
  let wrote = false;
  for (const m of snap.newMeds) {
    if (medWords(ctx, m).condition !== c) continue;
    b.text(' Start ');
    writeMedication(b, ctx, style, m, { strength: true, amount: true, route: true, frequency: true });
    writeDuration(b, m);
    b.text('.');
    wrote = true;
  }
  for (const m of snap.homeMeds) {
    if (medWords(ctx, m).condition !== c) continue;
    b.text(` ${continueWord} `);
    writeMedication(b, ctx, style, m, { strength: true, total: true, frequency: true });
    b.text('.');
    wrote = true;
  }
  return wrote;
}

/**
 * Numbered problems: the visit's reasons first (cited as both the Condition and the Encounter's
 * reason), then the other active problems with the medications that treat them.
 */
export function writeAssessmentPlan(b: TextBuilder, ctx: RenderContext, style: NoteStyle, snap: VisitSnapshot, opts: { icd: 'style' | 'always' }): number {
  let n = 0;
  for (const c of snap.reasons) {
    n += 1;
    b.text(`  ${n}. `).wrap(PAGE_WIDTH, '     ');
    writeCondition(b, ctx, style, c, { icd: opts.icd, reasonOf: snap.encounter });
    b.text(':');
    if (!writeProblemPlan(b, ctx, style, snap, c)) b.text(` ${ctx.rng.pick(NO_MED_PLAN)}`);
    b.unwrap().nl();
  }
  for (const c of snap.activeProblems) {
    n += 1;
    b.text(`  ${n}. `).wrap(PAGE_WIDTH, '     ');
    writeCondition(b, ctx, style, c, { icd: opts.icd });
    b.text(` - ${ctx.rng.pick(CHRONIC_STATUS)}.`);
    writeProblemPlan(b, ctx, style, snap, c);
    b.unwrap().nl();
  }
  return n;
}

/** Whether any medication of the visit treats `c`. */
export function isTreated(ctx: RenderContext, snap: VisitSnapshot, c: Condition): boolean {
  for (const m of snap.newMeds) if (medWords(ctx, m).condition === c) return true;
  for (const m of snap.homeMeds) if (medWords(ctx, m).condition === c) return true;
  return false;
}

/** Medications of the visit that treat none of the problems listed (kept so none is dropped). */
export function unlistedMeds(ctx: RenderContext, snap: VisitSnapshot): MedicationStatement[] {
  const listed = (m: MedicationStatement) => {
    const c = medWords(ctx, m).condition;
    return !!c && (snap.reasons.includes(c) || snap.activeProblems.includes(c));
  };
  return [...snap.newMeds, ...snap.homeMeds].filter((m) => !listed(m));
}

export function isAdmission(e: Encounter): boolean {
  return e.class?.code === 'IMP';
}

export function lastDayOf(e: Encounter): string {
  return dayOf(e.period?.end ?? e.period?.start);
}
