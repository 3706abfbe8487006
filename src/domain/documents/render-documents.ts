import type { DiagnosticReport, Encounter } from '@medplum/fhirtypes';
import type { Chart, SourceDocument } from '@/domain/chart/chart-types';
import type { Rng } from '@/domain/rng/rng';
import { isAdmission } from './history-sections';
import { createRenderContext, idOf } from './render-context';
import { renderDischargeSummary } from './render-discharge-summary';
import { renderHistoryPhysical } from './render-history-physical';
import { renderImmunizationRecord } from './render-immunization-record';
import { renderLabReport } from './render-lab-report';
import { renderMedicationList } from './render-medication-list';
import { renderProgressNote } from './render-progress-note';
import { renderRegistration } from './render-registration';

/** Progress notes are written for the most recent clinic visits only (a technician's packet, not the whole history). */
const MAX_PROGRESS_NOTES = 4;

const byStart = (a: Encounter, b: Encounter) => ((a.period?.start ?? '') < (b.period?.start ?? '') ? -1 : (a.period?.start ?? '') > (b.period?.start ?? '') ? 1 : 0);

/**
 * The source documents a technician reads for one chart, each with evidence spans pointing at
 * the facts it states: registration form, H&P (each admission, or the first clinic visit as a
 * new-patient H&P), progress notes for the latest clinic visits, discharge summaries, one lab
 * report per encounter-day with results, the medication list and the immunization record.
 */
export function renderDocuments(chart: Chart, rng: Rng): SourceDocument[] {
  const ctx = createRenderContext(chart, rng);
  const encounters = chart.encounters.slice().sort(byStart);
  const admissions = encounters.filter(isAdmission);
  const outpatient = encounters.filter((e) => !isAdmission(e));
  const documents: SourceDocument[] = [renderRegistration(ctx)];

  const firstClinic = outpatient.find((e) => e.class?.code === 'AMB') ?? outpatient[0];
  const historyEncounters = admissions.length > 0 ? admissions : firstClinic ? [firstClinic] : [];
  for (const e of historyEncounters) documents.push(renderHistoryPhysical(ctx, e));
  const notes = outpatient.filter((e) => !historyEncounters.includes(e)).slice(-MAX_PROGRESS_NOTES);
  for (const e of notes) documents.push(renderProgressNote(ctx, e));
  for (const e of admissions) documents.push(renderDischargeSummary(ctx, e));

  // One lab report per encounter-day: panels drawn together share the collection time.
  const draws: DiagnosticReport[][] = [];
  for (const reports of ctx.reportsByEncounter.values()) {
    const groups: DiagnosticReport[][] = [];
    for (const report of reports) {
      const day = (report.effectiveDateTime ?? '').slice(0, 10);
      const group = groups.find((g) => g[0]?.effectiveDateTime?.startsWith(day));
      if (group) group.push(report);
      else groups.push([report]);
    }
    draws.push(...groups);
  }
  draws.sort((a, b) => ((a[0]?.effectiveDateTime ?? '') < (b[0]?.effectiveDateTime ?? '') ? -1 : 1));
  for (const reports of draws) {
    const reference = reports[0]?.encounter?.reference;
    documents.push(renderLabReport(ctx, reports, reference ? encounters.find((e) => e.id === idOf(reference)) : undefined));
  }

  documents.push(renderMedicationList(ctx));
  documents.push(renderImmunizationRecord(ctx));
  return documents;
}
