import type { AllergyIntolerance, Condition, DiagnosticReport, Encounter, MedicationStatement, Observation, Practitioner } from '@medplum/fhirtypes';
import { printTime } from '@/domain/time/dates';
import { allergenFor, labTestFor, vitalSignFor } from './code-lookup';
import {
  clinicianName,
  flagCode,
  GENDER_TEXTS,
  lowerFirst,
  partialDate,
  personName,
  reactionName,
  resultText,
  upperFirst,
  vitalValue,
  withoutTag,
  type ClinicianNameForm,
  type PartialDateForm,
  type PersonNameForm,
} from './phrases';
import { ageShort, conditionWords, dayOf, encounterProvider, medWords, memo, printDay, reportResults, refOf, yearsOld, type MedWords, type NoteStyle, type RenderContext } from './render-context';
import type { TextBuilder } from './text-builder';

/** Writers for the pieces several documents share: headers, diagnoses, medication lines, vitals. */

export const PAGE_WIDTH = 80;

export function heading(b: TextBuilder, style: NoteStyle, title: string): TextBuilder {
  return b.text(style.headings === 'upper' ? `${title.toUpperCase()}:` : `${title}:`);
}

// ---------------------------------------------------------------------------------------------
// Patient and header

export function writePatientName(b: TextBuilder, ctx: RenderContext, form: PersonNameForm, upper: boolean): TextBuilder {
  const name = memo(ctx, upper ? `N${form}` : `n${form}`, () => {
    const n = personName(ctx.chart.patient.name?.[0], form);
    return upper ? n.toUpperCase() : n;
  });
  return b.fact(ctx.patientRef, 'name', name);
}

export function writeGender(b: TextBuilder, ctx: RenderContext, form: 'letter' | 'word' | 'lower' | 'person', day?: string): TextBuilder {
  const gender = ctx.chart.patient.gender ?? 'unknown';
  const words = GENDER_TEXTS[gender] ?? [gender];
  let text: string;
  if (form === 'letter') text = words[1] ?? gender;
  else if (form === 'word') text = upperFirst(gender);
  else if (form === 'lower') text = gender;
  else {
    // "woman"/"man" for adults, "girl"/"boy" for children.
    const adult = day ? yearsOld(ctx.birthDate, day) >= 18 : true;
    text = (adult ? words[2] : words[3]) ?? gender;
  }
  return b.fact(ctx.patientRef, 'gender', text);
}

export function writeClinician(b: TextBuilder, p: Practitioner | undefined, form: ClinicianNameForm): TextBuilder {
  if (!p) return b.text('(unassigned)');
  return b.fact(refOf(p), 'name', clinicianName(p, form));
}

const HEADER_NAME_FORMS = ['last-first-mi-nodot', 'last-first-middle', 'first-middle-last', 'last-first-mi'] as const;
const SIGNED_BY = ['Electronically signed by ', 'Signed electronically by ', 'Authenticated by '];

export interface HeaderOptions {
  title: string;
  encounter?: Encounter;
  providerLabel?: string;
  /** Label of the date line when there is no encounter. */
  dateLabel?: string;
  date?: string;
}

/**
 * The banner every printed document starts with: facility, title, patient identification, and
 * for visit notes the date of service, provider and visit type.
 */
export function writeHeader(b: TextBuilder, ctx: RenderContext, style: NoteStyle, opts: HeaderOptions): void {
  const { rng } = ctx;
  const col2 = 44;
  b.line(memo(ctx, 'facility', () => ctx.facility.toUpperCase())).line(opts.title.toUpperCase()).rule('=', PAGE_WIDTH);
  const nameForm = rng.pick(HEADER_NAME_FORMS);
  b.text(rng.chance(0.5) ? 'Patient: ' : 'Name: ');
  writePatientName(b, ctx, nameForm, nameForm !== 'first-middle-last');
  b.padTo(col2, 2).text('MRN: ').fact(ctx.patientRef, 'mrn', ctx.chart.patient.identifier?.[0]?.value ?? '').nl();
  b.text('DOB: ').fact(ctx.patientRef, 'birthDate', memo(ctx, style.date, () => printDay(style, ctx.birthDate)));
  const e = opts.encounter;
  const asOf = e ? dayOf(e.period?.start) : (opts.date ?? ctx.refDate);
  b.text(` (${ageShort(ctx.birthDate, asOf)})`).text('   Sex: ');
  writeGender(b, ctx, rng.chance(0.6) ? 'letter' : 'word');
  if (e) {
    const start = e.period?.start ?? '';
    const eref = refOf(e);
    b.padTo(col2, 2).text('Date of service: ').fact(eref, 'date', printDay(style, start)).text(` ${printTime(start)}`).nl();
    b.text(`${opts.providerLabel ?? 'Provider'}: `);
    const provider = encounterProvider(ctx, e);
    if (provider) b.fact(eref, 'provider', clinicianName(provider, 'signature'));
    const type = e.type?.[0];
    if (type) {
      b.padTo(col2, 2).text('Visit type: ').fact(eref, 'type', type.text ?? withoutTag(type.coding?.[0]?.display ?? ''));
    }
    b.nl();
  } else {
    b.padTo(col2, 2).text(`${opts.dateLabel ?? 'Date'}: ${printDay(style, opts.date ?? ctx.refDate)}`).nl();
  }
  b.rule('-', PAGE_WIDTH);
}

export function writeSignature(b: TextBuilder, ctx: RenderContext, style: NoteStyle, author: Practitioner | undefined, at: string): void {
  b.nl();
  b.text(ctx.rng.pick(SIGNED_BY));
  writeClinician(b, author, 'signature');
  b.text(` on ${printDay(style, at)} at ${printTime(at)}`).nl();
}

// ---------------------------------------------------------------------------------------------
// Diagnoses

/** The condition as a clinician (or, with `clinical` false, the patient) names it: "Essential hypertension", "HTN". */
export function conditionLabel(ctx: RenderContext, style: NoteStyle, c: Condition, clinical: boolean): string {
  const words = conditionWords(ctx, c);
  // Clinicians write abbreviations such as HTN, T2DM, CKD 3; lay words and adjectives
  // ("high BP", "obese") belong on the patient's own form.
  const usable = clinical ? words.clinicalAbbreviations : words.abbreviations;
  if (usable.length > 0 && ctx.rng.chance(style.abbreviate)) return ctx.rng.pick(usable);
  return words.name;
}

export interface ConditionOptions {
  clinical?: boolean;
  /** Print the ICD-10-CM code: always, never, or as the author's style has it. */
  icd?: 'always' | 'never' | 'style';
  /** Mid-sentence: lower-case a leading capital ("essential hypertension"). */
  lower?: boolean;
  /** Also cite the words as this encounter's reason. */
  reasonOf?: Encounter;
}

export function writeCondition(b: TextBuilder, ctx: RenderContext, style: NoteStyle, c: Condition, o: ConditionOptions = {}): void {
  const words = conditionWords(ctx, c);
  const ref = words.ref;
  const label = conditionLabel(ctx, style, c, o.clinical ?? true);
  b.fact(ref, 'code', o.lower ? lowerFirst(label) : label);
  if (o.reasonOf) b.also(refOf(o.reasonOf), 'reason');
  const site = c.bodySite?.[0]?.text;
  if (site) b.text(', ').fact(ref, 'bodySite', site);
  const icd = words.icd10;
  const printIcd = o.icd === 'always' || (o.icd !== 'never' && ctx.rng.chance(style.icd));
  if (icd && printIcd) b.raw(' (').fact(ref, 'icd10', icd).text(')');
}

/** Conditions joined as a clinician lists them: "HTN, HLD and hypothyroidism". */
export function writeConditionList(b: TextBuilder, ctx: RenderContext, style: NoteStyle, conditions: Condition[], o: ConditionOptions = {}): void {
  conditions.forEach((c, i) => {
    if (i > 0) b.text(i === conditions.length - 1 ? ' and ' : ', ');
    writeCondition(b, ctx, style, c, { icd: 'never', lower: true, ...o });
  });
}

const ONSET_FORMS: readonly (PartialDateForm | 'full')[] = ['m-yyyy', 'mm-yyyy', 'mon-yyyy', 'yyyy', 'full', 'full'];

/** An onset or performed date as a history writes it: "03/2019", "2019" or the full date. */
export function writeHistoryDate(b: TextBuilder, ctx: RenderContext, style: NoteStyle, ref: string, field: string, day: string): void {
  const form = ctx.rng.pick(ONSET_FORMS);
  b.fact(ref, field, form === 'full' ? printDay(style, day) : partialDate(day, form));
}

// ---------------------------------------------------------------------------------------------
// Medications

export function drugLabel(ctx: RenderContext, style: NoteStyle, ms: MedicationStatement): { name: string; brand?: string } {
  const drug = medWords(ctx, ms).drug;
  if (!drug) return { name: ms.medicationCodeableConcept?.text ?? ms.medicationCodeableConcept?.coding?.[0]?.display ?? 'medication' };
  if (drug.brandNames.length > 0 && ctx.rng.chance(style.brand)) {
    const brand = ctx.rng.pick(drug.brandNames);
    return ctx.rng.chance(0.5) ? { name: brand } : { name: drug.ingredient, brand };
  }
  return { name: drug.ingredient };
}

/** The frequency in the author's habit; patient instructions are always spelled out. */
export function frequencyLabel(style: NoteStyle, words: MedWords, spelled = false): string | undefined {
  const w = words.frequency;
  if (style.frequency === 'code' && !spelled) return w.code ?? w.text;
  if (style.frequency === 'alias') return w.aliases[0] ?? w.text ?? w.code;
  return w.text ?? w.code;
}

export function routeLabel(style: NoteStyle, ms: MedicationStatement, words: MedWords, sig = false): string | undefined {
  const route = words.route;
  if (!route) return ms.dosage?.[0]?.route?.text;
  if (sig || style.route === 'sig') return route.sig;
  return style.route === 'lower' ? route.abbreviation.toLowerCase() : route.abbreviation;
}

export interface MedicationOptions {
  strength?: boolean;
  /** Prefer the total strength of a multi-tablet dose ("prednisone 40 mg"). */
  total?: boolean;
  amount?: boolean;
  route?: boolean;
  frequency?: boolean;
  /** Patient-instruction wording: "tablet - take 1 tablet by mouth once daily". */
  instructions?: boolean;
  indication?: boolean;
  capitalize?: boolean;
}

/** One medication the way a list or a plan writes it; every piece is its own span. */
export function writeMedication(b: TextBuilder, ctx: RenderContext, style: NoteStyle, ms: MedicationStatement, o: MedicationOptions): void {
  const words = medWords(ctx, ms);
  const ref = words.ref;
  const label = drugLabel(ctx, style, ms);
  b.fact(ref, 'drug', o.capitalize ? upperFirst(label.name) : label.name);
  if (label.brand) b.raw(' (').fact(ref, 'drug', label.brand).text(')');
  const dose = words.dose;
  if (o.strength && dose.strength) b.text(' ').fact(ref, 'dose', o.total && dose.total ? dose.total : dose.strength);
  if (o.instructions) {
    const form = words.drug?.doseForm;
    if (form) b.text(` ${lowerFirst(form.slice(form.lastIndexOf(' ') + 1))}`);
    b.text(words.route?.abbreviation === 'PO' ? ' - take' : ' - use');
    if (dose.amount) b.text(' ').fact(ref, 'dose', dose.amount);
    const route = words.siteInDose ? undefined : routeLabel(style, ms, words, true);
    if (route) b.text(' ').fact(ref, 'route', route);
  } else {
    const amount = style.dose === 'short' ? (dose.amountShort ?? dose.amount) : dose.amount;
    if (o.amount && amount && !(o.total && dose.total)) b.text(' ').fact(ref, 'dose', amount);
    const route = o.route && !(words.siteInDose && o.amount) ? routeLabel(style, ms, words) : undefined;
    if (route) b.text(' ').fact(ref, 'route', route);
  }
  const frequency = o.frequency || o.instructions ? frequencyLabel(style, words, o.instructions) : undefined;
  if (frequency) b.text(' ').fact(ref, 'frequency', frequency);
  if (o.indication && words.condition) b.text(' for ').fact(ref, 'indication', lowerFirst(conditionLabel(ctx, style, words.condition, true)));
}

// ---------------------------------------------------------------------------------------------
// Allergies

export function allergenLabel(ctx: RenderContext, style: NoteStyle, a: AllergyIntolerance): string {
  const allergen = allergenFor(a.code);
  if (allergen && allergen.synonyms.length > 0 && ctx.rng.chance(style.abbreviate)) return ctx.rng.pick(allergen.synonyms);
  return upperFirst(a.code?.text ?? withoutTag(a.code?.coding?.[0]?.display ?? ''));
}

function writeReactions(b: TextBuilder, a: AllergyIntolerance): void {
  const ref = refOf(a);
  let first = true;
  for (const r of a.reaction ?? []) {
    for (const m of r.manifestation ?? []) {
      if (!first) b.text(', ');
      b.fact(ref, 'reaction', reactionName(m));
      first = false;
    }
  }
}

/**
 * Allergies inline ("PCN (hives); sulfa (rash)") or one per line with severity and criticality.
 * A chart with none states it with its coded "no known allergy" fact.
 */
export function writeAllergies(b: TextBuilder, ctx: RenderContext, style: NoteStyle, layout: 'inline' | 'list', indent = '  '): void {
  if (ctx.allergies.length === 0) {
    if (ctx.noKnownAllergy) b.fact(refOf(ctx.noKnownAllergy), 'code', style.nka);
    else b.text('Not recorded');
    if (layout === 'list') b.nl();
    return;
  }
  ctx.allergies.forEach((a, i) => {
    const ref = refOf(a);
    if (layout === 'inline') {
      if (i > 0) b.text('; ');
      b.fact(ref, 'code', allergenLabel(ctx, style, a)).raw(' (');
      writeReactions(b, a);
      b.text(')');
      return;
    }
    b.text(`${indent}- `).fact(ref, 'code', allergenLabel(ctx, style, a)).text(': ');
    writeReactions(b, a);
    const severity = a.reaction?.[0]?.severity;
    if (severity) b.text(' (').fact(ref, 'severity', severity).text(')');
    if (a.criticality && ctx.rng.chance(0.5)) b.text('; criticality ').fact(ref, 'criticality', a.criticality);
    b.nl();
  });
}

// ---------------------------------------------------------------------------------------------
// Vital signs and labs

/** "BP 132/84 | HR 78 | RR 16 | T 98.2 °F | SpO2 97% | Wt 181.7 lb", wrapped at the page width. */
export function writeVitals(b: TextBuilder, style: NoteStyle, vitals: readonly Observation[], indent: string): void {
  const abbreviated = style.vitalLabels === 'abbreviation';
  b.wrap(PAGE_WIDTH, indent);
  for (let i = 0; i < vitals.length; i++) {
    const obs = vitals[i] as Observation;
    const ref = refOf(obs);
    const sign = obs.component ? undefined : vitalSignFor(obs.code);
    const label = obs.component ? (abbreviated ? 'BP' : 'Blood pressure') : sign ? (abbreviated ? (sign.abbreviations[0] ?? sign.shortName) : sign.shortName) : (obs.code?.text ?? '');
    const { value, unit } = vitalValue(obs, style.units);
    if (i > 0) b.text(abbreviated ? ', ' : ' | ');
    b.fact(ref, 'code', label).raw(' ').fact(ref, 'value', value);
    // Terse notes drop the obvious units: "BP 132/84, HR 78, RR 16".
    const terse = abbreviated && (obs.component || sign?.id === 'heart-rate' || sign?.id === 'respiratory-rate' || sign?.id === 'bmi');
    if (unit && !terse) b.raw(unit === '%' || unit === '/10' ? unit : ` ${unit}`);
  }
  b.unwrap().nl();
}

/** A note labels its labs one way throughout: by abbreviation ("Cr", "Hgb") or by name. */
export function labLabel(style: NoteStyle, obs: Observation): string {
  const test = labTestFor(obs.code);
  if (!test) return obs.code?.text ?? '';
  return style.abbreviate >= 0.5 ? (test.abbreviations[0] ?? test.shortName) : test.shortName;
}

/** One lab result as a note writes it: "Cr 1.42 (H)". */
export function writeLabResult(b: TextBuilder, style: NoteStyle, obs: Observation): void {
  const ref = refOf(obs);
  b.fact(ref, 'code', labLabel(style, obs)).raw(' ').fact(ref, 'value', resultText(obs));
  const flag = flagCode(obs);
  if (flag && flag !== 'N') b.raw(' (').fact(ref, 'flag', flag).text(')');
}

/**
 * Analytes a note quotes from a larger panel (the rest stay on the lab report unless abnormal):
 * the CBC "fishbone" values, the BMP "chem-7", the lipid values treatment targets.
 */
const KEY_ANALYTES = new Set([
  'wbc', 'hemoglobin', 'hematocrit', 'platelets',
  'sodium', 'potassium', 'chloride', 'co2', 'bun', 'creatinine', 'glucose', 'egfr',
  'cholesterol-total', 'triglycerides', 'hdl', 'ldl', 'ast', 'alt', 'albumin',
]);

function isAbnormal(obs: Observation): boolean {
  const flag = flagCode(obs);
  return flag !== undefined && flag !== 'N';
}

function quoted(results: readonly Observation[], style: NoteStyle): Observation[] {
  if (results.length <= 2) return results as Observation[];
  if (style.labs === 'pertinent') return results.filter(isAbnormal);
  return results.filter((obs) => isAbnormal(obs) || KEY_ANALYTES.has(labTestFor(obs.code)?.id ?? ''));
}

const UNREMARKABLE = [' within normal limits', ' WNL', ' unremarkable'];

/**
 * Lab panels inline, one paragraph per panel: "BMP: Na 138, K 4.1, Cr 1.42 (H)" (key analytes)
 * or "BMP: Cr 1.42 (H); otherwise unremarkable" / "CBC WNL" (pertinent findings only).
 */
export function writeLabsInline(b: TextBuilder, ctx: RenderContext, style: NoteStyle, reports: readonly DiagnosticReport[], indent: string): void {
  const wrapIndent = `${indent}  `;
  for (const report of reports) {
    const all = reportResults(ctx, report);
    const results = quoted(all, style);
    const name = report.code?.text ?? 'Panel';
    b.text(indent).wrap(PAGE_WIDTH, wrapIndent);
    if (results.length === 0) {
      b.text(name).text(ctx.rng.pick(UNREMARKABLE)).unwrap().nl();
      continue;
    }
    // A one-test panel ("Hemoglobin A1c") is just its result: "A1c 7.2 (H)".
    if (all.length > 1) b.text(`${name}: `);
    for (let i = 0; i < results.length; i++) {
      if (i > 0) b.text(', ');
      writeLabResult(b, style, results[i] as Observation);
    }
    if (style.labs === 'pertinent' && results.length < all.length) b.text('; otherwise unremarkable');
    b.unwrap().nl();
  }
}

