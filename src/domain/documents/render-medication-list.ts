import type { Condition, MedicationStatement } from '@medplum/fhirtypes';
import type { SourceDocument } from '@/domain/chart/chart-types';
import { drugFor } from './code-lookup';
import { MEDICATION_STATUS_TEXTS, upperFirst } from './phrases';
import { compareDays, medicationStart, medWords, pickStyle, printDay, refOf, type NoteStyle, type RenderContext } from './render-context';
import { conditionLabel, drugLabel, frequencyLabel, heading, PAGE_WIDTH, routeLabel, writeAllergies, writeHeader, writeMedication } from './sections';
import { TextBuilder } from './text-builder';

function indication(ctx: RenderContext, m: MedicationStatement): Condition | undefined {
  return medWords(ctx, m).condition;
}

interface Cell {
  text: string;
  field?: string;
}

/** The widest a table may get before the list layout reads better (landscape print). */
const MAX_TABLE_WIDTH = 112;
const GAP = 2;

/**
 * Rows of the table as cells, chosen before writing so the columns can be sized to fit. Returns
 * undefined when the table would be too wide (long inhaler names); the caller uses the list then.
 */
function tableRows(ctx: RenderContext, style: NoteStyle, meds: readonly MedicationStatement[]): { rows: Cell[][]; widths: number[] } | undefined {
  const header: Cell[] = ['Medication', 'Strength', 'Dose', 'Route', 'Frequency', 'Indication', 'Started'].map((text) => ({ text }));
  const rows: Cell[][] = [];
  const routeStyle = { ...style, route: style.route === 'sig' ? ('abbreviation' as const) : style.route };
  for (const m of meds) {
    const words = medWords(ctx, m);
    const dose = words.dose;
    const c = indication(ctx, m);
    const amount = style.dose === 'short' ? (dose.amountShort ?? dose.amount) : dose.amount;
    rows.push([
      { text: drugLabel(ctx, style, m).name, field: 'drug' },
      { text: dose.strength ?? '', field: 'dose' },
      { text: amount ?? '', field: 'dose' },
      { text: routeLabel(routeStyle, m, words) ?? '', field: 'route' },
      { text: frequencyLabel(style, words) ?? '', field: 'frequency' },
      { text: c ? conditionLabel(ctx, { ...style, abbreviate: 0.8 }, c, true) : '', field: 'indication' },
      { text: printDay(style, medicationStart(m)), field: 'start' },
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.text.length, ...rows.map((r) => (r[i] as Cell).text.length)));
  const total = widths.reduce((sum, w) => sum + w + GAP, 2);
  if (total > MAX_TABLE_WIDTH) return undefined;
  return { rows: [header, ...rows], widths };
}

function writeTable(b: TextBuilder, meds: readonly MedicationStatement[], table: { rows: Cell[][]; widths: number[] }): void {
  table.rows.forEach((row, r) => {
    const ref = r === 0 ? '' : refOf(meds[r - 1] as MedicationStatement);
    let col = 2;
    b.text('  ');
    row.forEach((cell, i) => {
      if (i > 0) b.padTo(col, GAP);
      if (cell.field && cell.text) b.fact(ref, cell.field, cell.text);
      else b.text(cell.text);
      col += (table.widths[i] as number) + GAP;
    });
    b.nl();
  });
}

function writeList(b: TextBuilder, ctx: RenderContext, style: NoteStyle, meds: readonly MedicationStatement[]): void {
  meds.forEach((m, i) => {
    const ref = refOf(m);
    b.text(`  ${i + 1}. `);
    writeMedication(b, ctx, style, m, { strength: true, instructions: true, capitalize: true });
    b.nl();
    b.text('     ');
    const c = indication(ctx, m);
    if (c) b.text('For: ').fact(ref, 'indication', upperFirst(conditionLabel(ctx, style, c, true))).padTo(40, 3);
    b.text('Started: ').fact(ref, 'start', printDay(style, medicationStart(m)));
    b.text('   Status: ').fact(ref, 'status', m.status).nl();
  });
}

/**
 * The current medication list as printed for the patient or a reviewer: allergies on top, the
 * active medications (table or numbered list), then medications finished or stopped recently.
 */
export function renderMedicationList(ctx: RenderContext): SourceDocument {
  const { rng, chart } = ctx;
  const style = pickStyle(rng);
  const b = new TextBuilder();
  const title = 'Medication List';
  writeHeader(b, ctx, style, { title, dateLabel: 'Printed', date: ctx.refDate });
  heading(b, style, 'Allergies').wrap(PAGE_WIDTH, '  ').text(' ');
  writeAllergies(b, ctx, style, 'inline');
  b.unwrap().nl().nl();

  const byStart = (x: MedicationStatement, y: MedicationStatement) => compareDays(medicationStart(x), medicationStart(y));
  const active = chart.medications.filter((m) => m.status === 'active').sort(byStart);
  const past = chart.medications.filter((m) => m.status !== 'active').sort(byStart);
  heading(b, style, 'Active Medications').nl();
  if (active.length === 0) b.line('  No active medications.');
  else {
    const table = rng.chance(0.5) ? tableRows(ctx, style, active) : undefined;
    if (table) writeTable(b, active, table);
    else writeList(b, ctx, style, active);
  }
  b.nl();

  if (past.length > 0) {
    heading(b, style, 'Recently Completed / Discontinued').nl();
    for (const m of past) {
      const ref = refOf(m);
      b.text('  - ').wrap(PAGE_WIDTH, '    ');
      writeMedication(b, ctx, style, m, { strength: true, amount: true, route: true, frequency: true, indication: drugFor(m.medicationCodeableConcept) !== undefined });
      b.text(' (').fact(ref, 'start', printDay(style, medicationStart(m)));
      if (m.effectivePeriod?.end) b.text(' to ').fact(ref, 'end', printDay(style, m.effectivePeriod.end));
      const statusWord = MEDICATION_STATUS_TEXTS[m.status]?.[0] ?? m.status;
      b.text(', ').fact(ref, 'status', statusWord).text(')').unwrap().nl();
    }
    b.nl();
  }
  b.line('Review this list at every visit. Bring all medicine bottles to your appointments.');
  const { text, spans } = b.build();
  return { id: rng.uuid(), kind: 'medication-list', title, date: ctx.refDate, author: ctx.pcp ? refOf(ctx.pcp) : undefined, text, spans };
}
