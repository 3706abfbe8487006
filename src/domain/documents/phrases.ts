import type {
  AllergyIntolerance,
  CodeableConcept,
  HumanName,
  MedicationStatement,
  Observation,
  Practitioner,
} from '@medplum/fhirtypes';
import { SYSTEMS } from '@/domain/codes/code-types';
import { allergenFor, codeIn, conditionModuleFor, drugFor, frequencyFor, labTestFor, reactionFor, vaccineFor, vitalSignFor } from './code-lookup';

/**
 * The ways a document may word each kind of fact. Every function here is shared by the renderer
 * (which picks one wording) and by `factTexts` (which lists them all), so what the documents say
 * and what counts as saying it come from the same place.
 */

// ---------------------------------------------------------------------------------------------
// Dates

export type FullDateForm = 'us' | 'us-short' | 'long' | 'iso';
export const FULL_DATE_FORMS: readonly FullDateForm[] = ['us', 'us-short', 'long', 'iso'];

/** Month-and-year and year-only dates, as histories write onsets ("dx 3/2019", "2019"). */
export type PartialDateForm = 'm-yyyy' | 'mm-yyyy' | 'mon-yyyy' | 'yyyy';
export const PARTIAL_DATE_FORMS: readonly PartialDateForm[] = ['m-yyyy', 'mm-yyyy', 'mon-yyyy', 'yyyy'];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `printDate` of `@/domain/time/dates`, same output, without its split/map/padStart: documents
 * print a few hundred dates per chart and this is the hot path (tests check the two agree).
 */
export function formatDate(day: string, style: FullDateForm): string {
  switch (style) {
    case 'us':
      return day.slice(5, 7) + '/' + day.slice(8, 10) + '/' + day.slice(0, 4);
    case 'us-short':
      return twoDigit(day, 5) + '/' + twoDigit(day, 8) + '/' + day.slice(2, 4);
    case 'long':
      return MONTHS[twoDigit(day, 5) - 1] + ' ' + twoDigit(day, 8) + ', ' + day.slice(0, 4);
    case 'iso':
      return day.slice(0, 10);
  }
}

function twoDigit(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}

export function partialDate(day: string, form: PartialDateForm): string {
  const y = day.slice(0, 4);
  const mm = day.slice(5, 7);
  switch (form) {
    case 'm-yyyy':
      return `${Number(mm)}/${y}`;
    case 'mm-yyyy':
      return `${mm}/${y}`;
    case 'mon-yyyy':
      return `${MONTHS[Number(mm) - 1]} ${y}`;
    case 'yyyy':
      return y;
  }
}

/** Every printed form of a date; with `partial`, month-year and year forms too. */
export function dateTexts(day: string | undefined, partial = false): string[] {
  if (!day) return [];
  const out = FULL_DATE_FORMS.map((f) => formatDate(day, f));
  if (partial) for (const f of PARTIAL_DATE_FORMS) out.push(partialDate(day, f));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names

export type PersonNameForm =
  | 'first-middle-last'
  | 'first-last'
  | 'last-first-middle'
  | 'last-first'
  | 'first-mi-last'
  | 'last-first-mi'
  | 'last-first-mi-nodot';
export const PERSON_NAME_FORMS: readonly PersonNameForm[] = [
  'first-middle-last',
  'first-last',
  'last-first-middle',
  'last-first',
  'first-mi-last',
  'last-first-mi',
  'last-first-mi-nodot',
];

/**
 * A name in one printed form, with its suffix last when the chart has one: "John A. Smith Jr.",
 * "Smith, John A Jr." (the order the MPI and the quiz print too). A Jr. and a Sr. share every
 * other part of the name, so the suffix is what tells their documents apart.
 */
export function personName(name: HumanName | undefined, form: PersonNameForm): string {
  if (!name) return '';
  const first = name.given?.[0] ?? '';
  const last = name.family ?? '';
  if (!first && !last) return name.text ?? '';
  const suffix = name.suffix?.length ? ` ${name.suffix.join(' ')}` : '';
  return `${orderedName(first, name.given?.[1], last, form)}${suffix}`;
}

function orderedName(first: string, middle: string | undefined, last: string, form: PersonNameForm): string {
  if (!first) return last;
  if (!last) return first;
  const mi = middle ? middle[0] : undefined;
  switch (form) {
    case 'first-middle-last':
      return middle ? `${first} ${middle} ${last}` : `${first} ${last}`;
    case 'first-last':
      return `${first} ${last}`;
    case 'last-first-middle':
      return middle ? `${last}, ${first} ${middle}` : `${last}, ${first}`;
    case 'last-first':
      return `${last}, ${first}`;
    case 'first-mi-last':
      return mi ? `${first} ${mi}. ${last}` : `${first} ${last}`;
    case 'last-first-mi':
      return mi ? `${last}, ${first} ${mi}.` : `${last}, ${first}`;
    case 'last-first-mi-nodot':
      return mi ? `${last}, ${first} ${mi}` : `${last}, ${first}`;
  }
}

export type ClinicianNameForm = 'signature' | 'first-last' | 'last-first' | 'first-last-credential' | 'doctor';
export const CLINICIAN_NAME_FORMS: readonly ClinicianNameForm[] = ['signature', 'first-last', 'last-first', 'first-last-credential', 'doctor'];

/** "Maria Lopez, MD", "Maria Lopez", "Lopez, Maria", "Maria Lopez MD", "Dr. Lopez" (physicians only). */
export function clinicianName(p: Practitioner | undefined, form: ClinicianNameForm): string {
  const name = p?.name?.[0];
  if (!name) return '';
  const first = name.given?.[0] ?? '';
  const last = name.family ?? '';
  const credential = name.suffix?.[0];
  switch (form) {
    case 'signature':
      return name.text ?? (credential ? `${first} ${last}, ${credential}` : `${first} ${last}`);
    case 'first-last':
      return `${first} ${last}`;
    case 'last-first':
      return `${last}, ${first}`;
    case 'first-last-credential':
      return credential ? `${first} ${last} ${credential}` : `${first} ${last}`;
    case 'doctor':
      return credential === 'MD' || credential === 'DO' ? `Dr. ${last}` : `${first} ${last}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Coded concepts

/** "Hypertension (disorder)" → "Hypertension": drop a SNOMED CT semantic tag. */
export function withoutTag(display: string): string {
  if (!display.endsWith(')')) return display;
  const open = display.lastIndexOf(' (');
  return open > 0 ? display.slice(0, open) : display;
}

function conceptTexts(concept: CodeableConcept | undefined): string[] {
  const out: string[] = [];
  if (concept?.text) out.push(concept.text);
  for (const c of concept?.coding ?? []) {
    if (c.display) {
      out.push(c.display);
      const bare = withoutTag(c.display);
      if (bare !== c.display) out.push(bare);
    }
  }
  return out;
}

/** Eponyms keep their capital mid-sentence ("a history of Alzheimer dementia"). */
const EPONYMS = new Set(['Addison', 'Alzheimer', 'Barrett', 'Bell', 'Crohn', 'Cushing', 'Graves', 'Hashimoto', 'Hodgkin', 'Lyme', 'Meniere', 'Parkinson', 'Raynaud', 'Sjogren', 'Tourette']);

/**
 * Lower-case the first letter for use mid-sentence, unless the first word is an acronym ("HTN")
 * or an eponym ("Alzheimer's disease", "Parkinson disease").
 */
export function lowerFirst(s: string): string {
  if (s.length < 2) return s;
  const second = s.charCodeAt(1);
  if (second < 97 || second > 122) return s;
  let end = 0;
  while (end < s.length && s.charCodeAt(end) >= 65 && s.charCodeAt(end) !== 39 && s.charCodeAt(end) !== 32) end++;
  if (s.charCodeAt(end) === 39 || EPONYMS.has(s.slice(0, end))) return s;
  return (s[0] as string).toLowerCase() + s.slice(1);
}

export function upperFirst(s: string): string {
  return s.length === 0 ? s : (s[0] as string).toUpperCase() + s.slice(1);
}

/** The preferred name of a condition (or surgical history), e.g. "Type 2 diabetes mellitus". */
export function conditionName(code: CodeableConcept | undefined): string {
  return conditionModuleFor(code)?.name ?? code?.text ?? withoutTag(code?.coding?.[0]?.display ?? '');
}

/** Abbreviations from the condition table: ["T2DM", "DM2", …]. */
export function conditionAbbreviations(code: CodeableConcept | undefined): readonly string[] {
  return conditionModuleFor(code)?.abbreviations ?? [];
}

export function conditionTerms(code: CodeableConcept | undefined): string[] {
  const module = conditionModuleFor(code);
  const out = conceptTexts(code);
  if (module) out.push(module.name, ...module.abbreviations);
  return out;
}

export function icd10Of(code: CodeableConcept | undefined): string | undefined {
  return codeIn(code, SYSTEMS.icd10cm);
}

/** A procedure's name as a surgical history lists it: "Appendectomy". */
export function procedureName(code: CodeableConcept | undefined): string {
  const snomed = code?.coding?.find((c) => c.system === SYSTEMS.snomed);
  return withoutTag(snomed?.display ?? code?.text ?? '');
}

export function procedureTerms(code: CodeableConcept | undefined): string[] {
  const out = conceptTexts(code);
  const module = conditionModuleFor(code);
  if (module) out.push(module.name, ...module.abbreviations);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Allergies

/** SNOMED CT 716186003 "No known allergy (situation)". */
export const NO_KNOWN_ALLERGY_CODE = '716186003';
export const NO_KNOWN_ALLERGY_TEXTS: readonly string[] = ['NKDA', 'NKA', 'No known allergies', 'No known drug allergies', 'No known allergy'];

export function isNoKnownAllergy(a: AllergyIntolerance): boolean {
  return codeIn(a.code, SYSTEMS.snomed) === NO_KNOWN_ALLERGY_CODE;
}

/** What notes call the allergen: the coded name, then the table's synonyms ("PCN", "sulfa"). */
export function allergenNames(code: CodeableConcept | undefined): string[] {
  const allergen = allergenFor(code);
  const out = conceptTexts(code);
  if (allergen) out.push(...allergen.synonyms);
  return out;
}

export function reactionTerms(manifestation: CodeableConcept | undefined): string[] {
  const out = conceptTexts(manifestation);
  const reaction = reactionFor(manifestation);
  if (reaction) out.push(reaction.plain, withoutTag(reaction.snomed.display));
  return out;
}

/** The plain word for a reaction ("hives"). */
export function reactionName(manifestation: CodeableConcept | undefined): string {
  return reactionFor(manifestation)?.plain ?? manifestation?.text ?? withoutTag(manifestation?.coding?.[0]?.display ?? '');
}

export const CRITICALITY_TEXTS: Record<string, readonly string[]> = {
  high: ['high', 'high criticality', 'high risk'],
  low: ['low', 'low criticality', 'low risk'],
  'unable-to-assess': ['unable to assess', 'unable-to-assess'],
};

// ---------------------------------------------------------------------------------------------
// Medications

/** Generic name first, then brand names, then the RxNorm name. */
export function drugNames(concept: CodeableConcept | undefined): string[] {
  const drug = drugFor(concept);
  const out: string[] = [];
  if (drug) out.push(drug.ingredient, ...drug.brandNames);
  out.push(...conceptTexts(concept));
  if (drug) {
    out.push(`${drug.ingredient} ${drug.strength}`);
    for (const brand of drug.brandNames) out.push(`${brand} ${drug.strength}`);
  }
  return out;
}

const UNIT_ABBREVIATIONS: Record<string, string> = {
  tablet: 'tab',
  tablets: 'tabs',
  capsule: 'cap',
  capsules: 'caps',
  puff: 'puff',
  puffs: 'puffs',
  inhalation: 'inhalation',
};

export interface DoseWords {
  /** "1 tablet" */
  amount?: string;
  /** "1 tab" */
  amountShort?: string;
  /** The label strength, "10 mg". */
  strength?: string;
  /** Amount times strength when both are simple, "40 mg" for 2 × 20 mg tablets. */
  total?: string;
}

/** Splits "20 mg" into 20 and "mg" without a regular expression (called for every medication line). */
function simpleStrength(strength: string): { value: number; unit: string } | undefined {
  const space = strength.indexOf(' ');
  if (space < 0 || strength.indexOf(' ', space + 1) >= 0) return undefined;
  const value = Number(strength.slice(0, space));
  const unit = strength.slice(space + 1);
  if (!Number.isFinite(value) || (unit !== 'mg' && unit !== 'mcg' && unit !== 'g')) return undefined;
  return { value, unit };
}

export function doseWords(ms: MedicationStatement): DoseWords {
  const quantity = ms.dosage?.[0]?.doseAndRate?.[0]?.doseQuantity;
  const drug = drugFor(ms.medicationCodeableConcept);
  const words: DoseWords = {};
  if (quantity?.value !== undefined && quantity.unit) {
    words.amount = `${quantity.value} ${quantity.unit}`;
    const short = UNIT_ABBREVIATIONS[quantity.unit];
    if (short && short !== quantity.unit) words.amountShort = `${quantity.value} ${short}`;
  }
  if (drug) {
    words.strength = drug.strength;
    const s = simpleStrength(drug.strength);
    const countable = quantity?.unit?.startsWith('tablet') || quantity?.unit?.startsWith('capsule');
    if (s && countable && quantity?.value !== undefined && quantity.value !== 1) {
      words.total = `${Math.round(s.value * quantity.value * 1000) / 1000} ${s.unit}`;
    }
  }
  return words;
}

/**
 * Dose wordings, canonical first: the total strength of a multi-tablet dose ("40 mg"), the label
 * strength of a single tablet or capsule ("10 mg"), otherwise the amount ("2 puffs").
 */
export function doseTexts(ms: MedicationStatement): string[] {
  const w = doseWords(ms);
  const unit = ms.dosage?.[0]?.doseAndRate?.[0]?.doseQuantity?.unit ?? '';
  const single = unit === 'tablet' || unit === 'capsule';
  const ordered = w.total ? [w.total, w.amount, w.amountShort, w.strength] : single ? [w.strength, w.amount, w.amountShort] : [w.amount, w.amountShort, w.strength];
  return ordered.filter((s): s is string => !!s);
}

/** Per SNOMED CT route: the sig wording, the adjective, and the order abbreviation. */
export const ROUTE_WORDS: Record<string, RouteWords> = {
  '26643006': { sig: 'by mouth', adjective: 'oral', abbreviation: 'PO', more: ['orally'] },
  '34206005': { sig: 'subcutaneously', adjective: 'subcutaneous', abbreviation: 'SC', more: ['subcut', 'SQ'] },
  '78421000': { sig: 'intramuscularly', adjective: 'intramuscular', abbreviation: 'IM' },
  '447694001': { sig: 'by inhalation', adjective: 'inhaled', abbreviation: 'INH', more: ['inhalation'] },
  '6064005': { sig: 'topically', adjective: 'topical', abbreviation: 'TOP' },
  '54485002': { sig: 'in the eye', adjective: 'ophthalmic', abbreviation: 'OPH' },
  '46713006': { sig: 'in each nostril', adjective: 'nasal', abbreviation: 'IN', more: ['intranasal'] },
  '45890007': { sig: 'to the skin', adjective: 'transdermal', abbreviation: 'TD' },
  '37839007': { sig: 'under the tongue', adjective: 'sublingual', abbreviation: 'SL' },
};

export interface RouteWords {
  sig: string;
  adjective: string;
  abbreviation: string;
  more?: string[];
}

export function routeWords(route: CodeableConcept | undefined): RouteWords | undefined {
  const code = codeIn(route, SYSTEMS.snomed);
  return code ? ROUTE_WORDS[code] : undefined;
}

export function routeTexts(route: CodeableConcept | undefined): string[] {
  const out = conceptTexts(route);
  const words = routeWords(route);
  if (words) out.push(words.sig, words.adjective, words.abbreviation, ...(words.more ?? []));
  return out;
}

/** Everyday ways to write a frequency besides its order code and the table's spelled-out text. */
export const FREQUENCY_ALIASES: Record<string, readonly string[]> = {
  QD: ['daily', 'once a day', 'every day'],
  BID: ['twice a day', 'b.i.d.'],
  TID: ['three times a day', 't.i.d.'],
  QID: ['four times a day', 'q.i.d.'],
  QAM: ['every morning', 'daily in the morning', 'in the morning'],
  QHS: ['at bedtime', 'nightly', 'every night at bedtime'],
  'Q4H PRN': ['every 4 hours as needed', 'q4h as needed'],
  'Q6H PRN': ['every 6 hours as needed', 'q6h as needed'],
  'Q8H PRN': ['every 8 hours as needed', 'q8h as needed'],
  'QD PRN': ['daily as needed'],
  QWEEK: ['weekly', 'once a week'],
};

export interface FrequencyWords {
  code?: string;
  text?: string;
  aliases: readonly string[];
}

export function frequencyWords(ms: MedicationStatement): FrequencyWords {
  const code = ms.dosage?.[0]?.timing?.code?.text;
  const frequency = frequencyFor(code);
  return { code, text: frequency?.text, aliases: (code && FREQUENCY_ALIASES[code]) || [] };
}

export function frequencyTexts(ms: MedicationStatement): string[] {
  const w = frequencyWords(ms);
  const out: string[] = [];
  if (w.code) out.push(w.code);
  if (w.text) out.push(w.text);
  out.push(...w.aliases);
  return out;
}

export const MEDICATION_STATUS_TEXTS: Record<string, readonly string[]> = {
  active: ['active', 'taking'],
  completed: ['completed', 'finished', 'course completed'],
  stopped: ['stopped', 'discontinued', 'D/C'],
  'on-hold': ['on hold', 'held'],
  'entered-in-error': ['entered in error'],
  intended: ['intended'],
  'not-taken': ['not taking', 'not taken'],
  unknown: ['unknown'],
};

// ---------------------------------------------------------------------------------------------
// Observations

/** A number with the decimals its lab test (or vital sign) reports. */
export function formatNumber(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

export function decimalsOf(obs: Observation): number | undefined {
  return (labTestFor(obs.code) ?? vitalSignFor(obs.code))?.decimals;
}

export function observationNumber(obs: Observation): string {
  const value = obs.valueQuantity?.value;
  if (value === undefined) return '';
  const decimals = decimalsOf(obs);
  return decimals === undefined ? String(value) : formatNumber(value, decimals);
}

/**
 * A lab result as a report prints it: the number with its test's decimals, else the coded or
 * text answer of a qualitative result (imported records: "Negative (qualifier value)").
 */
export function resultText(obs: Observation): string {
  const coded = obs.valueCodeableConcept?.text ?? obs.valueCodeableConcept?.coding?.[0]?.display;
  return observationNumber(obs) || (coded ? withoutTag(coded) : (obs.valueString ?? ''));
}

/** Lab test names: the printed short name, the table's abbreviations, the LOINC name. */
export function labNames(code: CodeableConcept | undefined): string[] {
  const test = labTestFor(code);
  const out = conceptTexts(code);
  if (test) out.push(test.shortName, ...test.abbreviations);
  return out;
}

/** A unit a report prints; UCUM annotations such as `{ratio}` and the unity `1` are left blank. */
export function printableUnit(unit: string | undefined): string {
  if (!unit || unit === '1' || unit.startsWith('{') || unit.startsWith('[')) return '';
  return unit;
}

export const FLAG_TEXTS: Record<string, readonly string[]> = {
  H: ['H', 'High'],
  L: ['L', 'Low'],
  HH: ['HH', 'Critical high', 'H*', 'CRIT H'],
  LL: ['LL', 'Critical low', 'L*', 'CRIT L'],
  N: ['N', 'Normal'],
  A: ['A', 'Abnormal'],
};

export function flagCode(obs: Observation): string | undefined {
  return obs.interpretation?.[0]?.coding?.[0]?.code;
}

export function rangeTexts(obs: Observation): string[] {
  const out: string[] = [];
  const range = obs.referenceRange?.[0];
  const text = range?.text;
  if (text) {
    out.push(text);
    const dash = text.indexOf('-');
    if (dash > 0) out.push(`${text.slice(0, dash)} - ${text.slice(dash + 1)}`);
    if (text.startsWith('<=')) out.push(`< or = ${text.slice(2)}`, `≤${text.slice(2)}`);
    if (text.startsWith('>=')) out.push(`> or = ${text.slice(2)}`, `≥${text.slice(2)}`);
  }
  return out;
}

/** Vital sign labels: the table's short name and abbreviations, "BP" for the blood pressure panel. */
export function vitalNames(obs: Observation): string[] {
  if (obs.component) return [...conceptTexts(obs.code), 'BP', 'Blood pressure', 'B/P'];
  const sign = vitalSignFor(obs.code);
  const out = conceptTexts(obs.code);
  if (sign) out.push(sign.shortName, ...sign.abbreviations);
  return out;
}

export type UnitSystem = 'metric' | 'us';

/** A vital sign's value as printed, in metric (as charted) or U.S. customary units. */
export function vitalValue(obs: Observation, units: UnitSystem): { value: string; unit: string } {
  if (obs.component) {
    // By LOINC code, not position: Synthea lists the diastolic (8462-4) before the systolic (8480-6).
    const byCode = (code: string) => obs.component?.find((c) => c.code.coding?.some((k) => k.code === code));
    const sys = (byCode('8480-6') ?? obs.component[0])?.valueQuantity?.value;
    const dia = (byCode('8462-4') ?? obs.component[1])?.valueQuantity?.value;
    return { value: `${sys}/${dia}`, unit: 'mmHg' };
  }
  const q = obs.valueQuantity;
  const value = q?.value ?? 0;
  const sign = vitalSignFor(obs.code);
  if (!sign) return { value: observationNumber(obs), unit: q?.unit ?? '' };
  if (units === 'us') {
    if (sign.id === 'body-temperature') return { value: formatNumber((value * 9) / 5 + 32, 1), unit: '°F' };
    if (sign.id === 'body-weight') return { value: formatNumber(value * 2.20462, 1), unit: 'lb' };
    if (sign.id === 'body-height') return { value: formatNumber(value / 2.54, 1), unit: 'in' };
  }
  return { value: formatNumber(value, sign.decimals), unit: q?.unit ?? '' };
}

export function vitalValueTexts(obs: Observation): string[] {
  const out = [vitalValue(obs, 'metric').value, vitalValue(obs, 'us').value];
  if (obs.valueQuantity?.value !== undefined) out.push(String(obs.valueQuantity.value));
  return out;
}

/** Smoking status wordings by SNOMED CT finding. */
export const SMOKING_WORDS: Record<string, readonly string[]> = {
  '266919005': ['never smoker', 'nonsmoker', 'non-smoker', 'never smoked', 'never smoked tobacco'],
  '8517006': ['former smoker', 'ex-smoker', 'quit smoking'],
  '449868002': ['current every day smoker', 'current smoker', 'daily smoker', 'smokes daily', 'smokes tobacco daily'],
};

export function socialValueTexts(obs: Observation): string[] {
  const out = conceptTexts(obs.valueCodeableConcept);
  const code = codeIn(obs.valueCodeableConcept, SYSTEMS.snomed);
  if (code && SMOKING_WORDS[code]) out.push(...(SMOKING_WORDS[code] as readonly string[]));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Immunizations, encounters, demographics

export function vaccineNames(code: CodeableConcept | undefined): string[] {
  const out = conceptTexts(code);
  const vaccine = vaccineFor(code);
  if (vaccine) out.push(vaccine.shortName, vaccine.cvx.display);
  return out;
}

/** Other names of visit types, by SNOMED CT procedure code of Encounter.type. */
export const ENCOUNTER_TYPE_ALIASES: Record<string, readonly string[]> = {
  '185349003': ['Check-up', 'Wellness visit', 'Annual physical', 'Preventive visit'],
  '410620009': ['Well-child visit', 'Well child visit', 'Well-child check'],
  '185389009': ['Follow-up', 'Follow-up visit', 'F/U visit'],
  '185345009': ['Sick visit', 'Acute visit', 'Problem visit'],
  '50849002': ['Emergency department visit', 'ED visit', 'Emergency room visit'],
  '32485007': ['Inpatient admission', 'Admission', 'Hospital admission', 'Inpatient stay'],
};

export function encounterTypeTexts(type: CodeableConcept | undefined): string[] {
  const out = conceptTexts(type);
  const code = codeIn(type, SYSTEMS.snomed);
  if (code && ENCOUNTER_TYPE_ALIASES[code]) out.push(...(ENCOUNTER_TYPE_ALIASES[code] as readonly string[]));
  return out;
}

export const GENDER_TEXTS: Record<string, readonly string[]> = {
  male: ['male', 'M', 'man', 'boy'],
  female: ['female', 'F', 'woman', 'girl'],
  other: ['other', 'O'],
  unknown: ['unknown', 'U'],
};

/** "Never Married" is what registration forms call "Single". */
export const MARITAL_ALIASES: Record<string, readonly string[]> = {
  S: ['Single', 'Never married'],
  M: ['Married'],
  D: ['Divorced'],
  W: ['Widowed'],
  L: ['Legally separated', 'Separated'],
};

export function conceptWords(concept: CodeableConcept | undefined): string[] {
  return conceptTexts(concept);
}
