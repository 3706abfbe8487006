import type {
  AllergyIntolerance,
  Condition,
  DiagnosticReport,
  Encounter,
  MedicationStatement,
  Observation,
  Practitioner,
} from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import type { Rng } from '@/domain/rng/rng';
import { addDays, dateTime, daysBetween, parseDay } from '@/domain/time/dates';
import { formatDate, isNoKnownAllergy, type UnitSystem } from './phrases';

/**
 * What every document renderer works from: the chart, its lookups built once per chart (so no
 * renderer scans the chart per fact), and the rng that varies the wording.
 *
 * Lookups are keyed by resource id, not `Type/id`: building a few hundred concatenated keys per
 * chart was the largest single cost of rendering. References are resolved with `idOf`.
 */
export interface RenderContext {
  chart: Chart;
  rng: Rng;
  patientRef: string;
  birthDate: string;
  refDate: string;
  facility: string;
  pcp?: Practitioner;
  practitioners: Map<string, Practitioner>;
  conditions: Map<string, Condition>;
  /** Results of each lab panel, resolved once per chart (see `reportResults`). */
  resultsByReport: Map<DiagnosticReport, Observation[]>;
  /** Lab observation position by id, built only if a report's results are not in chart order. */
  labPosition?: Map<string, number>;
  labCursor: number;
  /** Vital sign observations by `Encounter/<id>` reference. */
  vitalsByEncounter: Map<string, Observation[]>;
  /** Lab panels (reports) by `Encounter/<id>` reference, in the order drawn. */
  reportsByEncounter: Map<string, DiagnosticReport[]>;
  allergies: AllergyIntolerance[];
  noKnownAllergy?: AllergyIntolerance;
}

/** `Condition/abc` → `abc`. */
export function idOf(reference: string): string {
  return reference.slice(reference.indexOf('/') + 1);
}

function byId<T extends { id?: string }>(list: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of list) if (r.id) map.set(r.id, r);
  return map;
}

function byEncounter<T extends { encounter?: { reference?: string } }>(list: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) {
    const key = item.encounter?.reference ?? '';
    const group = map.get(key);
    if (group) group.push(item);
    else map.set(key, [item]);
  }
  return map;
}

export function createRenderContext(chart: Chart, rng: Rng): RenderContext {
  const practitioners = byId(chart.practitioners);
  const pcpRef = chart.patient.generalPractitioner?.[0]?.reference;
  const noKnownAllergy = chart.allergies.find(isNoKnownAllergy);
  return {
    chart,
    rng,
    patientRef: `Patient/${chart.patient.id}`,
    birthDate: chart.patient.birthDate ?? chart.meta.refDate,
    refDate: chart.meta.refDate,
    facility: chart.patient.managingOrganization?.display ?? chart.organizations[0]?.name ?? 'Medical Center',
    pcp: pcpRef ? practitioners.get(idOf(pcpRef)) : undefined,
    practitioners,
    conditions: byId(chart.conditions),
    resultsByReport: new Map(),
    labCursor: 0,
    vitalsByEncounter: byEncounter(chart.vitals),
    reportsByEncounter: byEncounter(chart.labReports),
    allergies: chart.allergies.filter((a) => a !== noKnownAllergy),
    noKnownAllergy,
  };
}

/**
 * The observations a lab panel reports, in report order. The generator stores each panel's
 * results together and in order in `chart.labs`, so the next result is almost always at the
 * cursor; anything else falls back to a position map built on first need.
 */
export function reportResults(ctx: RenderContext, report: DiagnosticReport): Observation[] {
  const cached = ctx.resultsByReport.get(report);
  if (cached) return cached;
  const labs = ctx.chart.labs;
  const out: Observation[] = [];
  for (const r of report.result ?? []) {
    const reference = r.reference;
    if (!reference) continue;
    const next = labs[ctx.labCursor];
    const id = next?.id;
    if (next && id && reference.length === 12 + id.length && reference.endsWith(id) && reference.startsWith('Observation/')) {
      out.push(next);
      ctx.labCursor += 1;
      continue;
    }
    ctx.labPosition ??= new Map(labs.map((o, i) => [o.id ?? '', i]));
    const at = ctx.labPosition.get(idOf(reference));
    if (at === undefined) continue;
    out.push(labs[at] as Observation);
    ctx.labCursor = at + 1;
  }
  ctx.resultsByReport.set(report, out);
  return out;
}

/** The vital signs taken at an encounter on one day. */
export function vitalsOn(ctx: RenderContext, encounterRef: string, day: string): Observation[] {
  return (ctx.vitalsByEncounter.get(encounterRef) ?? []).filter((v) => v.effectiveDateTime?.startsWith(day));
}

/** The lab panels drawn at an encounter on one day. */
export function reportsOn(ctx: RenderContext, encounterRef: string, day: string): DiagnosticReport[] {
  return (ctx.reportsByEncounter.get(encounterRef) ?? []).filter((r) => r.effectiveDateTime?.startsWith(day));
}

export function refOf(resource: { resourceType: string; id?: string }): string {
  return `${resource.resourceType}/${resource.id}`;
}

export function practitioner(ctx: RenderContext, reference: string | undefined): Practitioner | undefined {
  return reference ? ctx.practitioners.get(idOf(reference)) : undefined;
}

export function encounterProvider(ctx: RenderContext, e: Encounter): Practitioner | undefined {
  return practitioner(ctx, e.participant?.[0]?.individual?.reference);
}

export function condition(ctx: RenderContext, reference: string | undefined): Condition | undefined {
  return reference ? ctx.conditions.get(idOf(reference)) : undefined;
}

export function reasonConditions(ctx: RenderContext, e: Encounter): Condition[] {
  const out: Condition[] = [];
  for (const r of e.reasonReference ?? []) {
    const c = condition(ctx, r.reference);
    if (c) out.push(c);
  }
  return out;
}

export const dayOf = (dateTimeValue: string | undefined): string => (dateTimeValue ?? '').slice(0, 10);

/** Conditions present on `day`: onset on or before it, not yet resolved. */
export function conditionActiveOn(c: Condition, day: string): boolean {
  if (!c.onsetDateTime || daysBetween(c.onsetDateTime, day) < 0) return false;
  return !c.abatementDateTime || daysBetween(day, c.abatementDateTime) > 0;
}

/** Resolved on or before `day`. */
export function conditionResolvedBy(c: Condition, day: string): boolean {
  return !!c.abatementDateTime && daysBetween(c.abatementDateTime, day) >= 0;
}

export function medicationStart(m: MedicationStatement): string {
  return dayOf(m.effectivePeriod?.start ?? m.effectiveDateTime);
}

/** Taken on `day`: started on or before it and not yet finished. */
export function medicationActiveOn(m: MedicationStatement, day: string): boolean {
  const start = medicationStart(m);
  if (!start || daysBetween(start, day) < 0) return false;
  const end = m.effectivePeriod?.end;
  if (end) return daysBetween(day, end) >= 0;
  return m.status === 'active' || m.status === 'completed' || m.status === 'intended';
}

export function conditionRefOfMedication(m: MedicationStatement): string | undefined {
  return m.reasonReference?.[0]?.reference;
}

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** Completed months of age on `day` (same as `ageInMonths`, without allocating; it runs for every header). */
function monthsOld(birthDate: string, day: string): number {
  const months = (num(day, 0, 4) - num(birthDate, 0, 4)) * 12 + num(day, 5, 7) - num(birthDate, 5, 7);
  return num(day, 8, 10) < num(birthDate, 8, 10) ? months - 1 : months;
}

/** Completed years of age on `day`. */
export function yearsOld(birthDate: string, day: string): number {
  return Math.floor(monthsOld(birthDate, day) / 12);
}

/** "54-year-old", "9-month-old", "12-day-old"; `short` gives "54 y.o." for adults. */
export function agePhrase(birthDate: string, day: string, short: boolean): string {
  const months = monthsOld(birthDate, day);
  if (months < 1) return `${daysBetween(birthDate, day)}-day-old`;
  if (months < 24) return `${months}-month-old`;
  const years = Math.floor(months / 12);
  return short ? `${years} y.o.` : `${years}-year-old`;
}

/** "54 y", "9 mo" for headers. */
export function ageShort(birthDate: string, day: string): string {
  const months = monthsOld(birthDate, day);
  return months < 24 ? `${months} mo` : `${Math.floor(months / 12)} y`;
}

/** A FHIR dateTime `minutes` later, keeping the clinic's fixed offset (see `dateTime`). */
export function addMinutes(value: string, minutes: number): string {
  const day = value.slice(0, 10);
  const total = Number(value.slice(11, 13)) * 60 + Number(value.slice(14, 16)) + minutes;
  const dayShift = Math.floor(total / 1440);
  const inDay = total - dayShift * 1440;
  return dateTime(dayShift === 0 ? day : addDays(day, dayShift), Math.floor(inDay / 60), inDay % 60);
}

/** `YYYY-MM-DD` ordering without building Dates. */
export function compareDays(a: string, b: string): number {
  return parseDay(a) - parseDay(b);
}

/** How one author writes: chosen once per document, so a note is consistent with itself. */
export interface NoteStyle {
  date: 'us' | 'us-short' | 'long';
  /** Chance of writing a condition by its abbreviation ("HTN") instead of its name. */
  abbreviate: number;
  /** Frequency as the order code ("BID"), spelled out ("twice daily") or in everyday words ("twice a day"). */
  frequency: 'code' | 'text' | 'alias';
  /** Route as "PO"/"po" or "by mouth". */
  route: 'abbreviation' | 'lower' | 'sig';
  /** Chance of naming a drug by its brand. */
  brand: number;
  /** How the "no known allergies" statement is written. */
  nka: string;
  /** Chance of printing an ICD-10-CM code next to a diagnosis. */
  icd: number;
  units: UnitSystem;
  /** Label vital signs by abbreviation ("HR") or short name ("Pulse"). */
  vitalLabels: 'abbreviation' | 'name';
  /** Dose as "1 tab", "1 tablet" or, where it applies, the total strength. */
  dose: 'short' | 'long';
  /** Section headings in capitals ("ALLERGIES:") or title case ("Allergies:"). */
  headings: 'upper' | 'title';
}

export function pickStyle(rng: Rng): NoteStyle {
  return {
    date: rng.pick(['us', 'us', 'us-short', 'long'] as const),
    abbreviate: rng.pick([0.15, 0.5, 0.8]),
    frequency: rng.pick(['code', 'code', 'text', 'alias'] as const),
    route: rng.pick(['abbreviation', 'lower', 'sig'] as const),
    brand: rng.pick([0, 0.1, 0.35]),
    nka: rng.pick(['NKDA', 'NKDA', 'No known allergies', 'No known drug allergies', 'NKA']),
    icd: rng.pick([0, 0.5, 1]),
    units: rng.chance(0.6) ? 'us' : 'metric',
    vitalLabels: rng.chance(0.65) ? 'abbreviation' : 'name',
    dose: rng.chance(0.5) ? 'short' : 'long',
    headings: rng.chance(0.6) ? 'upper' : 'title',
  };
}

export function printDay(style: NoteStyle, day: string): string {
  return formatDate(day, style.date);
}
