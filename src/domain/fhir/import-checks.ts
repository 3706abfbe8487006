/**
 * Targeted R4 checks for the resource types ChartLab maps. The official JSON schema (3 MB) and
 * the StructureDefinitions are too big to ship to the browser, and most of what they check does
 * not matter to a chart. These checks catch what would make a chart wrong or crash a view:
 * impossible dates, codes outside a required binding (R4 "required" strength: only the listed
 * codes are allowed), missing required elements, wrongly typed primitives and invalid ids.
 * Value sets are copied from the R4 specification (hl7.org/fhir/R4/valueset-*.html).
 */
import { FHIR_ID_PATTERN } from './import-ids';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const ADMINISTRATIVE_GENDER = ['male', 'female', 'other', 'unknown'];

/** A code element (`status`) or a CodeableConcept whose codings of `system` must use these codes. */
interface CodeRule {
  path: string;
  codes: readonly string[];
  /** Set for a CodeableConcept bound to a code system (AllergyIntolerance.clinicalStatus). */
  system?: string;
}

const code = (path: string, codes: readonly string[]): CodeRule => ({ path, codes });
const concept = (path: string, system: string, codes: readonly string[]): CodeRule => ({ path, codes, system });

const TERMINOLOGY = 'http://terminology.hl7.org/CodeSystem/';

const CODE_RULES: Record<string, CodeRule[]> = {
  Patient: [code('gender', ADMINISTRATIVE_GENDER), code('contact[].gender', ADMINISTRATIVE_GENDER), code('link[].type', ['replaced-by', 'replaces', 'refer', 'seealso'])],
  Practitioner: [code('gender', ADMINISTRATIVE_GENDER)],
  AllergyIntolerance: [
    concept('clinicalStatus', `${TERMINOLOGY}allergyintolerance-clinical`, ['active', 'inactive', 'resolved']),
    concept('verificationStatus', `${TERMINOLOGY}allergyintolerance-verification`, ['unconfirmed', 'confirmed', 'refuted', 'entered-in-error']),
    code('type', ['allergy', 'intolerance']),
    code('category[]', ['food', 'medication', 'environment', 'biologic']),
    code('criticality', ['low', 'high', 'unable-to-assess']),
    code('reaction[].severity', ['mild', 'moderate', 'severe']),
  ],
  Condition: [
    concept('clinicalStatus', `${TERMINOLOGY}condition-clinical`, ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved']),
    concept('verificationStatus', `${TERMINOLOGY}condition-ver-status`, ['unconfirmed', 'provisional', 'differential', 'confirmed', 'refuted', 'entered-in-error']),
  ],
  Observation: [
    code('status', ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown']),
  ],
  MedicationRequest: [
    code('status', ['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown']),
    code('intent', ['proposal', 'plan', 'order', 'original-order', 'reflex-order', 'filler-order', 'instance-order', 'option']),
    code('priority', ['routine', 'urgent', 'asap', 'stat']),
  ],
  MedicationStatement: [code('status', ['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold', 'unknown', 'not-taken'])],
  Immunization: [code('status', ['completed', 'entered-in-error', 'not-done'])],
  Encounter: [
    code('status', ['planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled', 'entered-in-error', 'unknown']),
    code('statusHistory[].status', ['planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled', 'entered-in-error', 'unknown']),
  ],
  Procedure: [code('status', ['preparation', 'in-progress', 'not-done', 'on-hold', 'stopped', 'completed', 'entered-in-error', 'unknown'])],
  DiagnosticReport: [
    code('status', ['registered', 'partial', 'preliminary', 'final', 'amended', 'corrected', 'appended', 'cancelled', 'entered-in-error', 'unknown']),
  ],
  DocumentReference: [
    code('status', ['current', 'superseded', 'entered-in-error']),
    code('docStatus', ['preliminary', 'final', 'amended', 'entered-in-error']),
    code('relatesTo[].code', ['replaces', 'transforms', 'signs', 'appends']),
  ],
  Coverage: [code('status', ['active', 'cancelled', 'draft', 'entered-in-error'])],
  FamilyMemberHistory: [code('status', ['partial', 'completed', 'entered-in-error', 'health-unknown'])],
};

/** Elements R4 requires (1..1 or 1..*) in the mapped types; `x[x]` is a choice (any `x…` key). The patient link is checked by the importer. */
const REQUIRED: Record<string, string[]> = {
  Observation: ['status', 'code'],
  MedicationRequest: ['status', 'intent', 'medication[x]'],
  MedicationStatement: ['status', 'medication[x]'],
  Immunization: ['status', 'vaccineCode', 'occurrence[x]'],
  Encounter: ['status', 'class'],
  Procedure: ['status'],
  DiagnosticReport: ['status', 'code'],
  DocumentReference: ['status', 'content'],
  Coverage: ['status', 'payor'],
  FamilyMemberHistory: ['status', 'relationship'],
  AllergyIntolerance: [],
  Condition: [],
  Patient: [],
  Practitioner: [],
  Organization: [],
  Medication: [],
};

/** Datatype bindings that apply wherever the datatype appears (keyed by the element name holding it). */
const DATATYPE_RULES: Record<string, CodeRule[]> = {
  name: [code('use', ['usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden'])],
  telecom: [code('system', ['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other']), code('use', ['home', 'work', 'temp', 'old', 'mobile'])],
  address: [code('use', ['home', 'work', 'temp', 'old', 'billing']), code('type', ['postal', 'physical', 'both'])],
  identifier: [code('use', ['usual', 'official', 'temp', 'secondary', 'old'])],
};

// R4 primitive formats (hl7.org/fhir/R4/datatypes.html), anchored.
const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[1-2][0-9]|3[0-1])';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const ZONE = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
const DATE_RE = new RegExp(`^${YEAR}(-${MONTH}(-${DAY})?)?$`);
const DATE_TIME_RE = new RegExp(`^${YEAR}(-${MONTH}(-${DAY}(T${TIME}${ZONE})?)?)?$`);
const INSTANT_RE = new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${ZONE}$`);

type DateKind = 'date' | 'dateTime' | 'instant';

/** Which keys hold dates in the mapped types, by name (their type is the same wherever they occur). */
function dateKindOf(key: string): DateKind | undefined {
  if (key === 'birthDate' || key === 'valueDate') return 'date';
  if (key === 'issued' || key === 'lastUpdated' || key === 'valueInstant') return 'instant';
  if (key.endsWith('DateTime') || key.endsWith('Date')) return 'dateTime';
  switch (key) {
    case 'date':
    case 'start':
    case 'end':
    case 'recorded':
    case 'authoredOn':
    case 'created':
    case 'creation':
    case 'dateAsserted':
    case 'lastOccurrence':
    case 'time':
      return 'dateTime';
    default:
      return undefined;
  }
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Why `value` is not a valid R4 value of `kind`, or undefined when it is. */
export function dateProblem(value: unknown, kind: DateKind): string | undefined {
  if (typeof value !== 'string') return `must be a ${kind} string, got ${JSON.stringify(value)}`;
  const pattern = kind === 'date' ? DATE_RE : kind === 'instant' ? INSTANT_RE : DATE_TIME_RE;
  if (!pattern.test(value)) {
    if (kind !== 'date' && /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value)) return `"${value}" is not a valid FHIR ${kind} (a time needs a time zone, such as Z or -05:00)`;
    if (kind === 'date' && value.includes('T')) return `"${value}" is not a FHIR date (a date has no time)`;
    if (kind === 'instant') return `"${value}" is not a FHIR instant (it needs a date, a time to the second and a time zone)`;
    return `"${value}" is not a valid FHIR ${kind}`;
  }
  if (value.length >= 10) {
    const y = Number(value.slice(0, 4));
    const m = Number(value.slice(5, 7));
    const d = Number(value.slice(8, 10));
    if (d > daysInMonth(y, m)) return `"${value}" is not a calendar date (${value.slice(0, 7)} has ${daysInMonth(y, m)} days)`;
  }
  return undefined;
}

/** Values at a path such as `reaction[].severity` (arrays marked `[]` are walked). */
function valuesAt(resource: unknown, path: string): { value: unknown; at: string }[] {
  let current: { value: unknown; at: string }[] = [{ value: resource, at: '' }];
  for (const raw of path.split('.')) {
    const many = raw.endsWith('[]');
    const key = many ? raw.slice(0, -2) : raw;
    const next: { value: unknown; at: string }[] = [];
    for (const { value, at } of current) {
      if (!isObject(value) || value[key] === undefined) continue;
      const child = value[key];
      const where = at ? `${at}.${key}` : key;
      if (many && Array.isArray(child)) child.forEach((item, i) => next.push({ value: item, at: `${where}[${i}]` }));
      else next.push({ value: child, at: where });
    }
    current = next;
  }
  return current;
}

function checkCode(rule: CodeRule, value: unknown, at: string, out: string[]): void {
  if (rule.system) {
    if (!isObject(value)) {
      out.push(`${at} must be a CodeableConcept, got ${JSON.stringify(value)}`);
      return;
    }
    const codings = Array.isArray(value.coding) ? value.coding.filter(isObject) : [];
    const bound = codings.filter((c) => c.system === rule.system || c.system === undefined);
    if (bound.length === 0) {
      out.push(`${at} has no code from ${rule.system} (required binding: ${rule.codes.join(', ')})`);
      return;
    }
    for (const c of bound) {
      if (typeof c.code !== 'string' || !rule.codes.includes(c.code)) {
        out.push(`${at} code ${JSON.stringify(c.code)} is not allowed (R4 allows ${rule.codes.join(', ')})`);
      }
    }
    return;
  }
  if (typeof value !== 'string' || !rule.codes.includes(value)) {
    out.push(`${at} ${JSON.stringify(value)} is not allowed (R4 allows ${rule.codes.join(', ')})`);
  }
}

function hasChoice(resource: Json, prefix: string): boolean {
  for (const key of Object.keys(resource)) if (key.startsWith(prefix) && key.length > prefix.length && resource[key] !== undefined) return true;
  return false;
}

/** Walk the resource for dates and datatype bindings (contained resources included). */
function walk(value: unknown, key: string, at: string, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, key, `${at}[${i}]`, out));
    return;
  }
  if (isObject(value)) {
    for (const rule of DATATYPE_RULES[key] ?? []) {
      const v = value[rule.path];
      if (v !== undefined) checkCode(rule, v, `${at}.${rule.path}`, out);
    }
    if (key === 'valueQuantity' || key === 'low' || key === 'high' || key.endsWith('Quantity')) {
      if (value.comparator !== undefined) checkCode(code('comparator', ['<', '<=', '>=', '>']), value.comparator, `${at}.comparator`, out);
    }
    for (const [k, v] of Object.entries(value)) {
      if (k === 'div' || k === 'data' || k.startsWith('_')) continue;
      walk(v, k, at ? `${at}.${k}` : k, out);
    }
    return;
  }
  const kind = dateKindOf(key);
  if (kind) {
    const problem = dateProblem(value, kind);
    if (problem) out.push(`${at} ${problem}`);
  }
}

/**
 * Every R4 violation found in one resource, each as `path message` (empty when fine). Only the
 * types in REQUIRED are checked; the importer keeps other types aside unchecked.
 */
export function checkResource(resource: Json): string[] {
  const type = resource.resourceType as string;
  const out: string[] = [];
  if (resource.id !== undefined && (typeof resource.id !== 'string' || !FHIR_ID_PATTERN.test(resource.id))) {
    out.push(`id ${JSON.stringify(resource.id)} is not a FHIR id (1 to 64 letters, digits, "-" or ".")`);
  }
  for (const element of REQUIRED[type] ?? []) {
    const missing = element.endsWith('[x]') ? !hasChoice(resource, element.slice(0, -3)) : resource[element] === undefined || resource[element] === null;
    if (missing) out.push(`${element} is missing (R4 requires it)`);
  }
  for (const rule of CODE_RULES[type] ?? []) {
    for (const { value, at } of valuesAt(resource, rule.path)) checkCode(rule, value, at, out);
  }
  for (const [k, v] of Object.entries(resource)) {
    if (k === 'text' || k === 'resourceType' || k.startsWith('_')) continue;
    walk(v, k, k, out);
  }
  return out;
}

export const CHECKED_TYPES: ReadonlySet<string> = new Set(Object.keys(REQUIRED));
