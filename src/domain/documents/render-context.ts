import type {
  AllergyIntolerance,
  Condition,
  DiagnosticReport,
  Encounter,
  MedicationStatement,
  Observation,
  Practitioner,
  Reference,
} from '@medplum/fhirtypes';
import type { Chart } from '@/domain/chart/chart-types';
import type { Drug } from '@/domain/codes/code-types';
import type { Rng } from '@/domain/rng/rng';
import { addDays, dateTime, daysBetween } from '@/domain/time/dates';
import { drugFor } from './code-lookup';
import {
  conditionAbbreviations,
  conditionName,
  doseWords,
  formatDate,
  frequencyWords,
  icd10Of,
  isNoKnownAllergy,
  routeWords,
  type DoseWords,
  type FrequencyWords,
  type RouteWords,
  type UnitSystem,
} from './phrases';

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
  labCursor: number;
  /** Vital sign observations by `Encounter/<id>` reference. */
  vitalsByEncounter: Map<string, Observation[]>;
  /** Lab panels (reports) by `Encounter/<id>` reference, in the order drawn. */
  reportsByEncounter: Map<string, DiagnosticReport[]>;
  allergies: AllergyIntolerance[];
  noKnownAllergy?: AllergyIntolerance;
  /** Phrase data per medication and condition, derived once per chart (each is written ~10 times). */
  medWords: Map<MedicationStatement, MedWords>;
  conditionWords: Map<Condition, ConditionWords>;
  /** Strings every document header repeats (names, dates of birth), by a short key. */
  memo: Map<string, string>;
}

/** `make()` once per chart and key; headers print the same name and birth date on every page. */
export function memo(ctx: RenderContext, key: string, make: () => string): string {
  let value = ctx.memo.get(key);
  if (value === undefined) ctx.memo.set(key, (value = make()));
  return value;
}

/** What the documents need to write a medication, from the resource and the drug table. */
export interface MedWords {
  ref: string;
  drug?: Drug;
  dose: DoseWords;
  route?: RouteWords;
  frequency: FrequencyWords;
  /** The Condition the drug is taken for. */
  condition?: Condition;
  /** The dose already names the route ("2 sprays each nostril", "1 capsule inhaled"), so it is not repeated. */
  siteInDose: boolean;
}

export interface ConditionWords {
  ref: string;
  name: string;
  abbreviations: readonly string[];
  /** Abbreviations a clinician writes (HTN, T2DM); the rest are lay words for patient forms. */
  clinicalAbbreviations: readonly string[];
  icd10?: string;
}

/** HTN, CKD 3, DM II: clinicians' abbreviations start with a capital; "high BP", "obese" are lay words. */
function isClinicalAbbreviation(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 65 && c <= 90;
}

export function conditionWords(ctx: RenderContext, c: Condition): ConditionWords {
  let words = ctx.conditionWords.get(c);
  if (!words) {
    const abbreviations = conditionAbbreviations(c.code);
    words = { ref: refOf(c), name: conditionName(c.code), abbreviations, clinicalAbbreviations: abbreviations.filter(isClinicalAbbreviation), icd10: icd10Of(c.code) };
    ctx.conditionWords.set(c, words);
  }
  return words;
}

/** "2 sprays each nostril", "1 capsule inhaled": the dose already says the route. */
function doseNamesRoute(amount: string, route: RouteWords): boolean {
  const last = amount.slice(amount.lastIndexOf(' ') + 1);
  return last === route.sig.slice(route.sig.lastIndexOf(' ') + 1) || last === route.adjective || (route.more?.includes(last) ?? false);
}

export function medWords(ctx: RenderContext, ms: MedicationStatement): MedWords {
  let words = ctx.medWords.get(ms);
  if (!words) {
    const dose = doseWords(ms);
    const route = routeWords(ms.dosage?.[0]?.route);
    const reason = ms.reasonReference?.[0]?.reference;
    words = {
      ref: refOf(ms),
      drug: drugFor(ms.medicationCodeableConcept),
      dose,
      route,
      frequency: frequencyWords(ms),
      condition: reason ? ctx.conditions.get(idOf(reason)) : undefined,
      siteInDose: !!route && !!dose.amount && doseNamesRoute(dose.amount, route),
    };
    ctx.medWords.set(ms, words);
  }
  return words;
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
    medWords: new Map(),
    conditionWords: new Map(),
    memo: new Map(),
  };
}

/** Exactly `Observation/<obs.id>`. */
function isRefTo(reference: string, obs: Observation | undefined): boolean {
  const id = obs?.id;
  return !!id && reference.length === 12 + id.length && reference.endsWith(id) && reference.startsWith('Observation/');
}

/**
 * The result at the cursor is the one referenced: same position, same test name, same reference
 * length. Avoids comparing the ids character by character (which makes V8 flatten every freshly
 * built id string, a measurable share of rendering). Mismatches fall back to `isRefTo`.
 */
function isAtCursor(result: Reference, obs: Observation | undefined): boolean {
  const id = obs?.id;
  if (!id || result.reference?.length !== 12 + id.length) return false;
  return result.display !== undefined && result.display === obs?.code?.text;
}

/**
 * The observations a lab panel reports, in report order. All panels are resolved in one pass on
 * first use: the generator appends each panel's results to `chart.labs` in report order, so the
 * next result is almost always at the cursor and each check is a pointer and length compare;
 * anything out of place (an edited chart) falls back to a scan.
 */
export function reportResults(ctx: RenderContext, report: DiagnosticReport): Observation[] {
  if (ctx.resultsByReport.size === 0) resolveResults(ctx);
  return ctx.resultsByReport.get(report) ?? resultsOf(ctx, report);
}

function resolveResults(ctx: RenderContext): void {
  for (const report of ctx.chart.labReports) ctx.resultsByReport.set(report, resultsOf(ctx, report));
}

function resultsOf(ctx: RenderContext, report: DiagnosticReport): Observation[] {
  const labs = ctx.chart.labs;
  const out: Observation[] = [];
  for (const r of report.result ?? []) {
    const reference = r.reference;
    if (!reference) continue;
    let at = ctx.labCursor;
    if (!isAtCursor(r, labs[at])) {
      at = labs.findIndex((o) => isRefTo(reference, o));
      if (at < 0) continue;
    }
    out.push(labs[at] as Observation);
    ctx.labCursor = at + 1;
  }
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
  if (!c.onsetDateTime || compareDays(c.onsetDateTime, day) > 0) return false;
  return !c.abatementDateTime || compareDays(day, c.abatementDateTime) < 0;
}

/** Resolved on or before `day`. */
export function conditionResolvedBy(c: Condition, day: string): boolean {
  return !!c.abatementDateTime && compareDays(c.abatementDateTime, day) <= 0;
}

export function medicationStart(m: MedicationStatement): string {
  return dayOf(m.effectivePeriod?.start ?? m.effectiveDateTime);
}

/** Taken on `day`: started on or before it and not yet finished. */
export function medicationActiveOn(m: MedicationStatement, day: string): boolean {
  const start = medicationStart(m);
  if (!start || compareDays(start, day) > 0) return false;
  const end = m.effectivePeriod?.end;
  if (end) return compareDays(day, end) <= 0;
  return m.status === 'active' || m.status === 'completed' || m.status === 'intended';
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
/**
 * Orders the calendar days of two FHIR dates/dateTimes (negative, 0, positive). `YYYY-MM-DD`
 * sorts as text, so this compares the first ten characters without parsing or allocating:
 * the visit snapshots make dozens of these comparisons per note.
 */
export function compareDays(a: string, b: string): number {
  for (let i = 0; i < 10; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
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
  /** Labs quoted in a note: the key analytes of each panel, or only what is abnormal ("CBC WNL"). */
  labs: 'key' | 'pertinent';
}

const DATE_STYLES = ['us', 'us', 'us-short', 'long'] as const;
const ABBREVIATE = [0.15, 0.5, 0.8];
const FREQUENCY_STYLES = ['code', 'code', 'text', 'alias'] as const;
const ROUTE_STYLES = ['abbreviation', 'lower', 'sig'] as const;
const BRAND = [0, 0.1, 0.35];
/** Weighted toward NKDA, the most common way U.S. notes write it. */
const NKA_WORDINGS = ['NKDA', 'NKDA', 'No known allergies', 'No known drug allergies', 'NKA'];
const ICD = [0, 0.5, 1];

export function pickStyle(rng: Rng): NoteStyle {
  return {
    date: rng.pick(DATE_STYLES),
    abbreviate: rng.pick(ABBREVIATE),
    frequency: rng.pick(FREQUENCY_STYLES),
    route: rng.pick(ROUTE_STYLES),
    brand: rng.pick(BRAND),
    nka: rng.pick(NKA_WORDINGS),
    icd: rng.pick(ICD),
    units: rng.chance(0.6) ? 'us' : 'metric',
    vitalLabels: rng.chance(0.65) ? 'abbreviation' : 'name',
    dose: rng.chance(0.5) ? 'short' : 'long',
    headings: rng.chance(0.6) ? 'upper' : 'title',
    labs: rng.chance(0.5) ? 'key' : 'pertinent',
  };
}

export function printDay(style: NoteStyle, day: string): string {
  return formatDate(day, style.date);
}
