import type { DiagnosticReport, Encounter, Observation } from '@medplum/fhirtypes';
import type { SourceDocument } from '@/domain/chart/chart-types';
import { printTime } from '@/domain/time/dates';
import { labTestFor } from './code-lookup';
import { clinicianName, FLAG_TEXTS, flagCode, formatNumber, printableUnit, resultText, upperFirst } from './phrases';
import { addMinutes, ageShort, dayOf, memo, pickStyle, practitioner, printDay, refOf, reportResults, type RenderContext } from './render-context';
import { PAGE_WIDTH, writePatientName } from './sections';
import { TextBuilder } from './text-builder';

const COL_RESULT = 34;
const COL_FLAG = 45;
const COL_UNITS = 52;
const COL_RANGE = 66;

/**
 * The laboratory's report of one draw (all panels collected at one encounter on one day): a
 * header identifying patient, specimen times, ordering provider and performing lab, then one
 * table per panel with result, H/L flag, units and reference range, as U.S. reference labs print.
 */
export function renderLabReport(ctx: RenderContext, reports: readonly DiagnosticReport[], encounter: Encounter | undefined): SourceDocument {
  const { rng, chart } = ctx;
  const style = pickStyle(rng);
  const first = reports[0] as DiagnosticReport;
  const collected = first.effectiveDateTime ?? '';
  // The report is released with its last panel.
  let issued = first.issued ?? collected;
  for (let i = 1; i < reports.length; i++) {
    const later = (reports[i] as DiagnosticReport).issued;
    if (later && later > issued) issued = later;
  }
  const labName = first.performer?.[0]?.display ?? 'Clinical Laboratory';
  const orderer = practitioner(ctx, first.resultsInterpreter?.[0]?.reference);
  const results: Observation[][] = reports.map((r) => reportResults(ctx, r));
  const flagWords = rng.chance(0.25);
  const pref = ctx.patientRef;
  const b = new TextBuilder();

  b.line(labName.toUpperCase()).line('LABORATORY REPORT').rule('=', PAGE_WIDTH);
  b.text('Patient: ');
  writePatientName(b, ctx, 'last-first-middle', true);
  b.padTo(46, 2).text('MRN: ').fact(pref, 'mrn', chart.patient.identifier?.[0]?.value ?? '').nl();
  b.text('DOB: ').fact(pref, 'birthDate', memo(ctx, style.date, () => printDay(style, ctx.birthDate))).text(` (${ageShort(ctx.birthDate, collected)})   Sex: `);
  b.fact(pref, 'gender', upperFirst(chart.patient.gender ?? 'unknown'));
  b.padTo(46, 2).text(`Accession: ${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(10, 99)}-${rng.int(100000, 999999)}`).nl();
  b.text('Collected: ');
  const collectedText = printDay(style, collected);
  // The collection date is the date of every result on the report: one span per result.
  let cited = false;
  for (const list of results) {
    for (const obs of list) {
      if (cited) b.also(refOf(obs), 'date');
      else b.fact(refOf(obs), 'date', collectedText);
      cited = true;
    }
  }
  if (!cited) b.text(collectedText);
  b.text(` ${printTime(collected)}`);
  b.padTo(46, 2).text(`Received: ${printDay(style, collected)} ${printTime(addMinutes(collected, rng.int(20, 90)))}`).nl();
  b.text(`Reported: ${printDay(style, issued)} ${printTime(issued)}`);
  b.padTo(46, 2).text(`Status: ${rng.pick(['Final', 'FINAL'])}`).nl();
  b.text('Ordering provider: ');
  if (orderer) b.fact(refOf(orderer), 'name', clinicianName(orderer, rng.chance(0.6) ? 'signature' : 'last-first'));
  b.nl();
  b.text(`Ordering location: ${ctx.facility}`);
  if (encounter?.class?.code === 'IMP') b.text(' (inpatient)');
  b.nl().rule('-', PAGE_WIDTH);

  for (let i = 0; i < reports.length; i++) {
    const report = reports[i] as DiagnosticReport;
    const rows = results[i] as Observation[];
    b.nl();
    const loinc = report.code?.coding?.[0];
    b.text(`${(report.code?.text ?? 'Panel').toUpperCase()}`);
    if (loinc?.code) b.text(` (LOINC ${loinc.code})`);
    const specimen = labTestFor(rows[0]?.code)?.specimen;
    if (specimen) b.text(`   Specimen: ${specimen}`);
    b.nl();
    b.text('  Test').padTo(COL_RESULT).text('Result').padTo(COL_FLAG).text('Flag').padTo(COL_UNITS).text('Units').padTo(COL_RANGE).text('Ref. range').nl();
    for (const obs of rows) {
      const ref = refOf(obs);
      const test = labTestFor(obs.code);
      b.text('  ').fact(ref, 'code', test?.shortName ?? obs.code?.text ?? '').padTo(COL_RESULT, 2);
      const value = obs.valueQuantity?.value;
      b.fact(ref, 'value', test && value !== undefined ? formatNumber(value, test.decimals) : resultText(obs)).padTo(COL_FLAG, 1);
      const flag = flagCode(obs);
      if (flag && flag !== 'N') b.fact(ref, 'flag', flagWords ? (FLAG_TEXTS[flag]?.[1] ?? flag) : flag);
      b.padTo(COL_UNITS, 1);
      const unit = printableUnit(obs.valueQuantity?.unit);
      if (unit) b.fact(ref, 'unit', unit);
      const range = obs.referenceRange?.[0]?.text;
      if (range) b.padTo(COL_RANGE, 1).fact(ref, 'range', range);
      b.nl();
    }
  }

  b.nl().rule('-', PAGE_WIDTH);
  b.line(`Flags: H = high, L = low, HH/LL = critical. Performed at ${labName}.`);
  b.line(`Results released ${printDay(style, issued)} ${printTime(issued)}. ** END OF REPORT **`);
  const { text, spans } = b.build();
  return {
    id: rng.uuid(),
    kind: 'lab-report',
    title: `Lab report: ${reports.map((r) => r.code?.text ?? '').join(', ')} (${printDay(style, dayOf(collected))})`,
    date: issued,
    encounter: encounter ? refOf(encounter) : first.encounter?.reference,
    text,
    spans,
  };
}
