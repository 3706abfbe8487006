import type {
  AllergyIntolerance,
  Condition,
  Coverage,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  FamilyMemberHistory,
  HumanName,
  Immunization,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { DEFAULT_REF_DATE, GENERATOR_VERSION, type Chart, type SourceDocument } from '@/domain/chart/chart-types';
import { conditionModuleFor } from '@/domain/documents/code-lookup';
import { renderDocuments } from '@/domain/documents/render-documents';
import { createRng, deriveSeed } from '@/domain/rng/rng';
import { CHECKED_TYPES, checkResource } from './import-checks';
import { classifyObservation, combineBloodPressures, foldMedication, isLabReport, statementFromRequest } from './import-clinical';
import { documentFromReference, RENDERED_DOCUMENT_TAG } from './import-documents';
import { checkImportSize, FhirImportError, listFindings, MAX_IMPORT_BYTES } from './import-errors';
import { FHIR_ID_PATTERN, hash128, stableUuid } from './import-ids';
import { forEachReference, ReferenceIndex, type IndexedEntry } from './import-references';
import { judgeVersion, resourceVersionHints, VERSION_NAMES, type VersionHint } from './import-version';
import { CHARTLAB_TAG_SYSTEM } from './to-bundle';

/**
 * FHIR R4 import: a Bundle (collection, transaction, batch, searchset or document) or a single
 * Patient becomes a Chart, the same typed-FHIR model the generator produces, so imported records
 * show in the chart viewer, get source documents and can be used in exercises.
 *
 * Pure and all-or-nothing: bad input throws a FhirImportError before anything is returned, and
 * what cannot be mapped is kept aside (`chart.unmapped`) and reported, never fatal. See
 * src/domain/fhir/README.md for the mapping table.
 */

export const IMPORTER_VERSION = '1.0.0';

export interface ImportProgress {
  phase: 'parsing' | 'checking' | 'mapping' | 'documents';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Shown in the chart's source and in messages. */
  fileName?: string;
  /** Import this Patient (by id) from a bundle that holds several; default: the first. */
  patientId?: string;
  /** The chart's "today", YYYY-MM-DD; default: the file's own date (see `chooseRefDate`). */
  refDate?: string;
  /** Called every `progressEvery` resources (default 250), at the start and end of each phase. */
  onProgress?: (progress: ImportProgress) => void;
  progressEvery?: number;
  /** Render ChartLab's source documents for the chart (default true). */
  renderDocuments?: boolean;
}

export interface ImportSummaryRow {
  /** The chart field: `allergies`, `labs`, … or `unmapped`. */
  section: string;
  label: string;
  count: number;
  detail?: string;
}

export interface SkippedResource {
  resourceType: string;
  id?: string;
  reason: string;
}

export interface UnmappedGroup {
  resourceType: string;
  count: number;
  reason: string;
}

/** One Patient of a file, as a picker lists it before anything is imported (see `listPatients`). */
export interface BundlePatient {
  id: string;
  name?: HumanName[];
  birthDate?: string;
  gender?: string;
  /** Resources in the file that name this patient (subject, patient or beneficiary), by type, most first. */
  resources: { resourceType: string; count: number }[];
  /** Their sum. */
  total: number;
}

export interface ImportResult {
  chart: Chart;
  /** One row per chart section, in chart order, then what was kept aside. */
  summary: ImportSummaryRow[];
  /** Not in the chart at all (another patient's, duplicates, entries without a resource …). */
  skipped: SkippedResource[];
  /** In the chart but in no section (`chart.unmapped`), grouped by type and reason. */
  unmapped: UnmappedGroup[];
  /** Extensions kept in place but not shown, by URL. */
  extensions: { url: string; count: number }[];
  warnings: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const ACCEPTED_BUNDLE_TYPES = new Set(['collection', 'transaction', 'batch', 'searchset', 'document']);

const REFUSED_BUNDLE_TYPES: Record<string, string> = {
  history: 'a history bundle lists versions of resources, not one record',
  'transaction-response': 'a transaction response holds a server’s answers, not the record',
  'batch-response': 'a batch response holds a server’s answers, not the record',
  message: 'a message bundle is an exchange message, not a record',
};

/** Where each mapped clinical type names its patient, and whether R4 requires it. */
const PATIENT_LINK: Record<string, { path: string; required: boolean }> = {
  AllergyIntolerance: { path: 'patient', required: true },
  Condition: { path: 'subject', required: true },
  Coverage: { path: 'beneficiary', required: true },
  DiagnosticReport: { path: 'subject', required: false },
  DocumentReference: { path: 'subject', required: false },
  Encounter: { path: 'subject', required: false },
  FamilyMemberHistory: { path: 'patient', required: true },
  Immunization: { path: 'patient', required: true },
  MedicationRequest: { path: 'subject', required: true },
  MedicationStatement: { path: 'subject', required: true },
  Observation: { path: 'subject', required: false },
  Procedure: { path: 'subject', required: true },
};

/** Types the chart maps; everything else is kept aside. */
const MAPPED = new Set([...Object.keys(PATIENT_LINK), 'Patient', 'Practitioner', 'Organization', 'Medication']);

const SECTIONS: [keyof Chart | 'patient', string][] = [
  ['patient', 'Patient'],
  ['organizations', 'Organizations'],
  ['practitioners', 'Practitioners'],
  ['coverage', 'Coverage'],
  ['encounters', 'Encounters'],
  ['allergies', 'Allergies'],
  ['conditions', 'Problems (conditions)'],
  ['procedures', 'Procedures'],
  ['familyHistory', 'Family history'],
  ['socialHistory', 'Social history'],
  ['medications', 'Medications'],
  ['medicationRequests', 'Medication requests'],
  ['immunizations', 'Immunizations'],
  ['vitals', 'Vital signs'],
  ['labs', 'Lab results'],
  ['labReports', 'Lab reports'],
  ['documents', 'Documents'],
];

interface Entry extends IndexedEntry {
  index: number;
}

interface Outcome {
  /** Where the entry went; undefined until decided. */
  fate: 'chart' | 'unmapped' | 'skipped';
  reason?: string;
}

function progressReporter(opts: ImportOptions) {
  const every = Math.max(1, opts.progressEvery ?? 250);
  return (phase: ImportProgress['phase'], done: number, total: number, force = false) => {
    if (opts.onProgress && (force || done % every === 0 || done === total)) opts.onProgress({ phase, done, total });
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JSON array';
  return typeof value === 'object' ? 'a JSON object' : `a JSON ${typeof value}`;
}

/** The root must be a FHIR resource: a JSON object with a string resourceType. */
function asResource(input: unknown): Json {
  if (!isObject(input)) {
    throw new FhirImportError('not-fhir', `This is JSON but not FHIR: the file holds ${describe(input)}, and a FHIR file holds one resource (usually a Bundle).`);
  }
  if (typeof input.resourceType !== 'string' || !/^[A-Z][A-Za-z]+$/.test(input.resourceType)) {
    const keys = Object.keys(input).slice(0, 5).join(', ');
    throw new FhirImportError(
      'not-fhir',
      `This is JSON but not FHIR: it has no resourceType${input.resourceType !== undefined ? ` (it is ${JSON.stringify(input.resourceType)})` : ''}. A FHIR file starts with "resourceType": "Bundle" or another resource type${keys ? `; this one has ${keys}` : ''}.`,
    );
  }
  return input;
}

function idFromFullUrl(fullUrl: string | undefined, type: string): string | undefined {
  if (!fullUrl) return undefined;
  if (fullUrl.startsWith('urn:uuid:') || fullUrl.startsWith('urn:oid:')) {
    const id = fullUrl.slice(fullUrl.lastIndexOf(':') + 1);
    return FHIR_ID_PATTERN.test(id) ? id : undefined;
  }
  const m = /\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(fullUrl);
  return m && m[1] === type ? m[2] : undefined;
}

interface Collected {
  entries: Entry[];
  skipped: SkippedResource[];
  bundleType: string;
  hints: VersionHint[];
  warnings: string[];
}

function collectEntries(root: Json): Collected {
  const skipped: SkippedResource[] = [];
  const warnings: string[] = [];
  const hints: VersionHint[] = resourceVersionHints(root, root.resourceType as string);
  const raw: { resource: Json; fullUrl?: string }[] = [];
  let bundleType = root.resourceType as string;
  if (root.resourceType === 'Bundle') {
    bundleType = typeof root.type === 'string' ? root.type : 'collection';
    if (root.type === undefined) warnings.push('The Bundle has no type (R4 requires one); it was read as a collection.');
    const refused = REFUSED_BUNDLE_TYPES[bundleType];
    if (refused || !ACCEPTED_BUNDLE_TYPES.has(bundleType)) {
      throw new FhirImportError(
        'unsupported-bundle',
        `This Bundle is of type "${bundleType}": ${refused ?? 'not a type ChartLab imports'}. Import a collection, transaction, batch, searchset or document bundle with the patient's record.`,
      );
    }
    const list = root.entry === undefined ? [] : root.entry;
    if (!Array.isArray(list)) throw new FhirImportError('not-fhir', 'This Bundle’s entry is not a list, so it is not valid FHIR.');
    list.forEach((entry: unknown, i) => {
      if (!isObject(entry)) {
        skipped.push({ resourceType: 'entry', reason: `entry ${i + 1} is not an object` });
        return;
      }
      const search = isObject(entry.search) ? entry.search : undefined;
      const resource = entry.resource;
      if (!isObject(resource)) {
        const request = isObject(entry.request) ? entry.request : undefined;
        skipped.push({ resourceType: 'entry', reason: `entry ${i + 1} has no resource${request ? ` (a ${String(request.method)} ${String(request.url)} request)` : ''}` });
        return;
      }
      if (typeof resource.resourceType !== 'string') {
        skipped.push({ resourceType: 'entry', reason: `entry ${i + 1}'s resource has no resourceType` });
        return;
      }
      if (search?.mode === 'outcome') {
        skipped.push({ resourceType: resource.resourceType, id: resource.id as string, reason: 'a search outcome message, not part of the record' });
        return;
      }
      if (resource.resourceType === 'Bundle') {
        skipped.push({ resourceType: 'Bundle', id: resource.id as string, reason: 'a Bundle inside the bundle (import it on its own)' });
        return;
      }
      raw.push({ resource, fullUrl: typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined });
    });
  } else {
    raw.push({ resource: root });
  }

  const entries: Entry[] = [];
  const seen = new Map<string, Entry>();
  raw.forEach(({ resource, fullUrl }, index) => {
    const type = resource.resourceType as string;
    const id = typeof resource.id === 'string' && resource.id !== '' ? resource.id : (idFromFullUrl(fullUrl, type) ?? stableUuid(`${type}#${index}`));
    hints.push(...resourceVersionHints(resource, `${type}/${id}`));
    const key = `${type}/${id}`;
    const entry: Entry = { type, id, fullUrl, resource, index };
    const earlier = seen.get(key);
    if (earlier) {
      // The same resource twice (a searchset include, a copy): keep the first, point the second's fullUrl at it.
      skipped.push({ resourceType: type, id, reason: 'a second entry with the same type and id (the first is kept)' });
      entries.push({ ...entry, resource: earlier.resource, id: earlier.id });
      return;
    }
    seen.set(key, entry);
    entries.push(entry);
  });
  return { entries, skipped, bundleType, hints, warnings };
}

function throwIfOtherVersion(hints: VersionHint[]): void {
  const verdict = judgeVersion(hints);
  if (!verdict) return;
  const examples = verdict.hints.map((h) => `${h.where} ${h.what}`);
  throw new FhirImportError(
    'wrong-version',
    `This looks like ${VERSION_NAMES[verdict.version]}, not FHIR R4: ${listFindings(examples, 2)}. ChartLab imports FHIR R4; convert the file to R4 (for example with HL7's FHIR converter) or export it again as R4.`,
    examples,
  );
}

/** The reference of a Reference-shaped value, if it has one. */
function referenceAt(resource: Json, path: string): { ref?: Json; reference?: string } {
  const value = resource[path];
  if (!isObject(value)) return {};
  return { ref: value, reference: typeof value.reference === 'string' ? value.reference : undefined };
}

function chooseRefDate(root: Json, chart: Chart): string {
  const tags = isObject(root.meta) && Array.isArray(root.meta.tag) ? (root.meta.tag as Json[]) : [];
  const tagged = tags.find((t) => t.system === CHARTLAB_TAG_SYSTEM && typeof t.code === 'string' && t.code.startsWith('ref-date-'));
  if (tagged) return (tagged.code as string).slice('ref-date-'.length);
  let newest = '';
  const consider = (value: string | undefined) => {
    if (value && value.length >= 10 && /^\d{4}-\d{2}-\d{2}/.test(value)) {
      const day = value.slice(0, 10);
      if (day > newest) newest = day;
    }
  };
  if (typeof root.timestamp === 'string') consider(root.timestamp);
  for (const e of chart.encounters) {
    consider(e.period?.start);
    consider(e.period?.end);
  }
  for (const o of [...chart.vitals, ...chart.labs, ...chart.socialHistory]) consider(o.effectiveDateTime ?? o.effectivePeriod?.start);
  for (const c of chart.conditions) consider(c.recordedDate ?? c.onsetDateTime);
  for (const i of chart.immunizations) consider(i.occurrenceDateTime);
  for (const m of chart.medicationRequests ?? []) consider(m.authoredOn);
  for (const p of chart.procedures) consider(p.performedDateTime ?? p.performedPeriod?.start);
  consider(chart.patient.birthDate);
  return newest || DEFAULT_REF_DATE;
}

function chartLabSeed(root: Json): number | undefined {
  const tags = isObject(root.meta) && Array.isArray(root.meta.tag) ? (root.meta.tag as Json[]) : [];
  const seed = tags.find((t) => t.system === CHARTLAB_TAG_SYSTEM && typeof t.code === 'string' && /^seed-\d+$/.test(t.code));
  const generator = tags.find((t) => t.system === CHARTLAB_TAG_SYSTEM && t.code === `generator-${GENERATOR_VERSION}`);
  return seed && generator ? Number((seed.code as string).slice(5)) : undefined;
}

function countExtensions(value: unknown, counts: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const v of value) countExtensions(v, counts);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'extension' && Array.isArray(child)) {
      for (const ext of child) if (isObject(ext) && typeof ext.url === 'string' && /^(https?|urn):/.test(ext.url)) counts.set(ext.url, (counts.get(ext.url) ?? 0) + 1);
    }
    if (typeof child === 'object' && child !== null) countExtensions(child, counts);
  }
}

/** The input as JSON-compatible text, for the hash that seeds the rendered documents. */
function inputHash(input: unknown, text: string | undefined): string {
  return hash128(text ?? JSON.stringify(input))
    .map((n) => n.toString(16).padStart(8, '0'))
    .join('');
}

/**
 * Import a parsed FHIR R4 file. A bundle with several patients gives the chart of the first
 * (or of `opts.patientId`); the others and everything that belongs to them are listed in
 * `skipped`. Throws FhirImportError for input that is not a usable R4 record.
 */
export function fromBundle(input: unknown, opts: ImportOptions = {}): ImportResult {
  return importParsed(input, opts, undefined);
}

/**
 * Import the text of a file: refuses oversize text and non-JSON with a FhirImportError first.
 * `parsed` is `parseFhirText(text)` when the caller has already parsed it (to list the patients
 * first); the text still seeds the rendered documents, so the chart is the same either way.
 */
export function fromBundleText(text: string, opts: ImportOptions = {}, parsed?: unknown): ImportResult {
  if (parsed !== undefined) return importParsed(parsed, opts, text);
  opts.onProgress?.({ phase: 'parsing', done: 0, total: 1 });
  return importParsed(parseFhirText(text), opts, text);
}

/** The JSON of a file's text; a FhirImportError for oversize text, an empty file or text that is not JSON. */
export function parseFhirText(text: string): unknown {
  // A string's length never exceeds its UTF-8 size, so this refuses a too-large file without counting bytes.
  if (text.length > MAX_IMPORT_BYTES) checkImportSize(text.length);
  if (text.length * 3 > MAX_IMPORT_BYTES) checkImportSize(new TextEncoder().encode(text).length);
  if (text.trim() === '') throw new FhirImportError('empty', 'The file is empty.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FhirImportError('not-json', `This file is not JSON, so it cannot be FHIR: ${jsonErrorText(text, error as Error)}.`);
  }
}

/**
 * The patients of a parsed FHIR file, in file order, with how many resources name each: what a
 * learner chooses from when a file holds several (the import then takes `opts.patientId`). Reads
 * only; throws the FhirImportError an import would for a file that is not an R4 record, and
 * `no-patient` when there is none.
 */
export function listPatients(input: unknown): BundlePatient[] {
  const collected = collectEntries(asResource(input));
  throwIfOtherVersion(collected.hints);
  const { entries } = collected;
  const firstByResource = new Map<Json, Entry>();
  for (const e of entries) if (!firstByResource.has(e.resource)) firstByResource.set(e.resource, e);
  const patients = entries.filter((e) => e.type === 'Patient' && firstByResource.get(e.resource) === e);
  if (patients.length === 0) throw noPatientError(entries);
  const index = new ReferenceIndex(entries);
  const counts = new Map<Json, Map<string, number>>(patients.map((p) => [p.resource, new Map()]));
  for (const e of entries) {
    if (e.type === 'Patient' || firstByResource.get(e.resource) !== e) continue;
    const linkPath = PATIENT_LINK[e.type]?.path ?? ['subject', 'patient', 'beneficiary'].find((p) => isObject(e.resource[p]));
    const reference = linkPath ? referenceAt(e.resource, linkPath).reference : undefined;
    if (!reference || reference.startsWith('#')) continue;
    const target = index.resolve(reference, e.fullUrl);
    const byType = target && counts.get(target.resource);
    if (byType) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  }
  return patients.map((p) => {
    const byType = counts.get(p.resource) as Map<string, number>;
    const resources = [...byType.entries()].map(([resourceType, count]) => ({ resourceType, count })).sort((a, b) => b.count - a.count || a.resourceType.localeCompare(b.resourceType));
    const patient = p.resource as unknown as Patient;
    return {
      id: p.id,
      ...(Array.isArray(patient.name) ? { name: patient.name } : {}),
      ...(typeof patient.birthDate === 'string' ? { birthDate: patient.birthDate } : {}),
      ...(typeof patient.gender === 'string' ? { gender: patient.gender } : {}),
      resources,
      total: resources.reduce((sum, r) => sum + r.count, 0),
    };
  });
}

function noPatientError(entries: readonly Entry[]): FhirImportError {
  const types = new Map<string, number>();
  for (const e of entries) types.set(e.type, (types.get(e.type) ?? 0) + 1);
  const holds = [...types.entries()].map(([t, n]) => `${n} ${t}`).join(', ') || 'no resources';
  return new FhirImportError(
    'no-patient',
    `There is no Patient in this file (it holds ${holds}). ChartLab builds a chart around one patient: import a bundle with the patient's record, such as a Synthea patient file (hospital and practitioner files cannot be imported on their own).`,
  );
}

/** "line 3, column 14: Unexpected token …" from a JSON.parse error. */
function jsonErrorText(text: string, error: Error): string {
  const message = error.message.replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/\s+in JSON at position \d+.*$/, '');
  const m = /position (\d+)/.exec(error.message);
  if (!m) return message;
  const position = Number(m[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

function importParsed(input: unknown, opts: ImportOptions, text: string | undefined): ImportResult {
  const report = progressReporter(opts);
  const root = asResource(input);
  const collected = collectEntries(root);
  throwIfOtherVersion(collected.hints);
  const { entries, skipped, warnings } = collected;
  const total = entries.length;
  report('checking', 0, total, true);

  // --- The patient --------------------------------------------------------------------------
  // Duplicate entries share their first entry's resource object (see collectEntries).
  const firstByResource = new Map<Json, Entry>();
  for (const e of entries) if (!firstByResource.has(e.resource)) firstByResource.set(e.resource, e);
  const canonical = (e: IndexedEntry | undefined): Entry | undefined => (e ? firstByResource.get(e.resource) : undefined);
  const patients = entries.filter((e) => e.type === 'Patient' && canonical(e) === e);
  const patientEntry = opts.patientId ? patients.find((p) => p.id === opts.patientId) : patients[0];
  if (!patientEntry) {
    if (opts.patientId) {
      throw new FhirImportError('no-patient', `There is no Patient "${opts.patientId}" in this file. It holds ${patients.length ? patients.map((p) => `Patient/${p.id}`).join(', ') : 'no Patient'}.`);
    }
    throw noPatientError(entries);
  }
  const patientKey = `Patient/${patientEntry.id}`;
  const index = new ReferenceIndex(entries);
  const outcomes = new Map<Json, Outcome>();
  const valueIssues: string[] = [];
  const danglingLinks: string[] = [];
  let attached = 0;

  const skip = (e: Entry, reason: string) => {
    outcomes.set(e.resource, { fate: 'skipped', reason });
    skipped.push({ resourceType: e.type, id: e.id, reason });
  };

  // --- Checking: whose each resource is, and whether R4 allows its values ------------------
  entries.forEach((e, i) => {
    report('checking', i + 1, total);
    if (canonical(e) !== e || outcomes.has(e.resource)) return;
    if (e.type === 'Patient') {
      if (e !== patientEntry) skip(e, opts.patientId ? `another patient (this import takes ${patientKey})` : `another patient (this import takes ${patientKey}, the first in the file; the CLI's --patient chooses another)`);
      else for (const issue of checkResource(e.resource)) valueIssues.push(`${patientKey} ${issue}`);
      return;
    }
    const link = PATIENT_LINK[e.type];
    const linkPath = link?.path ?? ['subject', 'patient', 'beneficiary'].find((p) => isObject(e.resource[p]));
    if (linkPath) {
      const { reference } = referenceAt(e.resource, linkPath);
      if (!reference) {
        if (link?.required) valueIssues.push(`${e.type}/${e.id} ${linkPath} is missing (R4 requires it)`);
        else if (link) attached++;
      } else if (!reference.startsWith('#')) {
        const target = canonical(index.resolve(reference, e.fullUrl));
        if (!target) {
          // Kept-aside types are not checked: their dangling subject is reported with the other dangling references.
          if (link) danglingLinks.push(`${e.type}/${e.id} ${linkPath} "${reference}" points to nothing in the file`);
        } else if (target.type !== 'Patient') {
          skip(e, `its ${linkPath} is ${target.type}/${target.id}, not a patient`);
          return;
        } else if (target.resource !== patientEntry.resource) {
          skip(e, `belongs to Patient/${target.id}, not ${patientKey}`);
          return;
        }
      }
    }
    if (!MAPPED.has(e.type)) {
      outcomes.set(e.resource, { fate: 'unmapped', reason: `${e.type} is not a chart section` });
      return;
    }
    const modifiers = e.resource.modifierExtension;
    if (Array.isArray(modifiers) && modifiers.length > 0) {
      const urls = modifiers.map((m) => (isObject(m) ? String(m.url) : '?')).join(', ');
      // R4: a system that does not understand a modifier extension must not use the resource as if it were absent.
      skip(e, `it has a modifier extension ChartLab does not understand (${urls}), which may change its meaning`);
      return;
    }
    if (CHECKED_TYPES.has(e.type)) for (const issue of checkResource(e.resource)) valueIssues.push(`${e.type}/${e.id} ${issue}`);
  });

  if (valueIssues.length > 0) {
    throw new FhirImportError(
      'invalid-value',
      `${valueIssues.length === 1 ? 'A value' : `${valueIssues.length} values`} in this file ${valueIssues.length === 1 ? 'is' : 'are'} not allowed by FHIR R4: ${listFindings(valueIssues)}. Nothing was imported; correct the file and import it again.`,
      valueIssues,
    );
  }
  if (danglingLinks.length > 0) {
    throw new FhirImportError(
      'dangling-reference',
      `${danglingLinks.length === 1 ? 'A resource names a patient' : `${danglingLinks.length} resources name a patient`} that is not in the file, so ChartLab cannot tell whose ${danglingLinks.length === 1 ? 'it is' : 'they are'}: ${listFindings(danglingLinks)}. Nothing was imported.`,
      danglingLinks,
    );
  }
  if (attached > 0) warnings.push(`${attached} resource${attached === 1 ? '' : 's'} named no patient (R4 allows that for Observation, Encounter, DiagnosticReport and DocumentReference); ${attached === 1 ? 'it was' : 'they were'} filed to ${patientKey}.`);

  // --- Mapping -------------------------------------------------------------------------------
  const kept = (e: Entry | undefined) => !!e && outcomes.get(e.resource)?.fate !== 'skipped';
  const dangling: string[] = [];
  const extensionCounts = new Map<string, number>();

  /** A deep copy with every reference in the chart's relative form; references that point nowhere keep only their text. */
  const localize = <T extends Resource>(e: Entry): T => {
    const copy = structuredClone(e.resource);
    if (typeof copy.id !== 'string' || copy.id !== e.id) copy.id = e.id;
    forEachReference(copy, (ref, path) => {
      const reference = ref.reference as string;
      if (reference.startsWith('#')) return;
      const target = canonical(index.resolve(reference, e.fullUrl));
      if (target && kept(target)) {
        ref.reference = `${target.type}/${target.id}`;
        return;
      }
      dangling.push(`${e.type}/${e.id} ${path} → ${reference}${target ? ' (not imported)' : ''}`);
      delete ref.reference;
      if (typeof ref.display !== 'string') ref.display = reference;
    });
    const link = PATIENT_LINK[e.type];
    if (link && copy[link.path] === undefined) copy[link.path] = { reference: patientKey };
    return copy as unknown as T;
  };

  const chart: Chart = {
    id: patientEntry.id,
    meta: { seed: 0, refDate: DEFAULT_REF_DATE, generatorVersion: GENERATOR_VERSION, conditionModules: [] },
    patient: undefined as unknown as Patient,
    organizations: [],
    coverage: [],
    practitioners: [],
    encounters: [],
    allergies: [],
    conditions: [],
    procedures: [],
    familyHistory: [],
    socialHistory: [],
    medications: [],
    medicationRequests: [],
    immunizations: [],
    vitals: [],
    labs: [],
    labReports: [],
    documents: [],
    documentReferences: [],
    unmapped: [],
  };
  const unmappedReasons = new Map<Resource, string>();
  const keepAside = (resource: Resource, reason: string) => {
    chart.unmapped?.push(resource);
    unmappedReasons.set(resource, reason);
  };

  const medicationByRef = (reference: string): Medication | undefined => {
    const target = index.resolve(reference);
    return target?.type === 'Medication' ? (target.resource as unknown as Medication) : undefined;
  };
  const observations: { resource: Observation; entry: Entry }[] = [];
  const reports: DiagnosticReport[] = [];
  const importedDocuments: DocumentReference[] = [];
  let renderedDropped = 0;
  let folded = 0;

  report('mapping', 0, total, true);
  entries.forEach((e, i) => {
    report('mapping', i + 1, total);
    const outcome = outcomes.get(e.resource);
    if (outcome?.fate === 'skipped' || canonical(e) !== e) return;
    if (outcome?.fate === 'unmapped') {
      keepAside(localize(e), outcome.reason ?? `${e.type} is not a chart section`);
      return;
    }
    if (MAPPED.has(e.type)) countExtensions(e.resource, extensionCounts);
    switch (e.type) {
      case 'Patient':
        chart.patient = localize<Patient>(e);
        return;
      case 'Organization':
        chart.organizations.push(localize<Organization>(e));
        return;
      case 'Practitioner':
        chart.practitioners.push(localize<Practitioner>(e));
        return;
      case 'Coverage':
        chart.coverage.push(localize<Coverage>(e));
        return;
      case 'Encounter':
        chart.encounters.push(localize<Encounter>(e));
        return;
      case 'AllergyIntolerance':
        chart.allergies.push(localize<AllergyIntolerance>(e));
        return;
      case 'Condition':
        chart.conditions.push(localize<Condition>(e));
        return;
      case 'Procedure':
        chart.procedures.push(localize<Procedure>(e));
        return;
      case 'FamilyMemberHistory':
        chart.familyHistory.push(localize<FamilyMemberHistory>(e));
        return;
      case 'Immunization':
        chart.immunizations.push(localize<Immunization>(e));
        return;
      case 'Medication':
        keepAside(localize(e), 'Medication: its code is copied into the medications that name it');
        return;
      case 'MedicationStatement':
      case 'MedicationRequest': {
        const med = localize<MedicationStatement | MedicationRequest>(e);
        if (med.medicationReference) {
          const warning = foldMedication(med, medicationByRef);
          if (warning) warnings.push(warning);
          else folded++;
        }
        if (med.resourceType === 'MedicationStatement') chart.medications.push(med);
        else chart.medicationRequests?.push(med);
        return;
      }
      case 'Observation':
        observations.push({ resource: localize<Observation>(e), entry: e });
        return;
      case 'DiagnosticReport':
        reports.push(localize<DiagnosticReport>(e));
        return;
      case 'DocumentReference': {
        const tags = isObject(e.resource.meta) && Array.isArray(e.resource.meta.tag) ? (e.resource.meta.tag as Json[]) : [];
        if (tags.some((t) => t.system === CHARTLAB_TAG_SYSTEM && t.code === RENDERED_DOCUMENT_TAG)) {
          renderedDropped++;
          outcomes.set(e.resource, { fate: 'skipped' });
          skipped.push({ resourceType: e.type, id: e.id, reason: 'rendered by ChartLab from the chart; rendered afresh (with evidence spans)' });
          return;
        }
        importedDocuments.push(localize<DocumentReference>(e));
        return;
      }
      default:
        keepAside(localize(e), `${e.type} is not a chart section`);
    }
  });

  // Observations: by category and code; results of a report count as labs.
  const inReport = new Set<string>();
  for (const r of reports) for (const res of r.result ?? []) if (res.reference) inReport.add(res.reference);
  for (const { resource } of observations) {
    const { place, reason } = classifyObservation(resource, inReport.has(`Observation/${resource.id}`));
    if (place === 'unmapped') keepAside(resource, reason as string);
    else chart[place].push(resource);
  }
  const { panels, absorbed } = combineBloodPressures(chart.vitals);
  if (absorbed.size > 0) {
    chart.vitals = chart.vitals.filter((o) => {
      if (!absorbed.has(o.id as string)) return true;
      keepAside(o, 'Observation: a systolic or diastolic reading, combined into a blood pressure panel in the vitals');
      return false;
    });
    chart.vitals.push(...panels);
  }
  const labIds = new Set(chart.labs.map((o) => `Observation/${o.id}`));
  for (const r of reports) {
    const resultsInLabs = (r.result ?? []).some((res) => res.reference && labIds.has(res.reference));
    if (isLabReport(r, resultsInLabs)) chart.labReports.push(r);
    else keepAside(r, 'DiagnosticReport that is not a lab report (the chart groups lab results only)');
  }

  // Medication requests become medication list entries, unless one is already based on them.
  const basedOn = new Set(chart.medications.flatMap((m) => (m.basedOn ?? []).map((b) => b.reference)));
  let derived = 0;
  for (const request of chart.medicationRequests ?? []) {
    if (basedOn.has(`MedicationRequest/${request.id}`)) continue;
    chart.medications.push(statementFromRequest(request));
    derived++;
  }

  if (!chart.patient.name?.length) warnings.push(`${patientKey} has no name; the chart shows it without one.`);
  if (!chart.patient.birthDate) warnings.push(`${patientKey} has no birth date; ages cannot be shown.`);
  if (dangling.length > 0) {
    warnings.push(
      `${dangling.length} reference${dangling.length === 1 ? '' : 's'} pointed to nothing imported and ${dangling.length === 1 ? 'was' : 'were'} kept as text only: ${listFindings(dangling, 5)}.`,
    );
  }

  // --- Meta and documents --------------------------------------------------------------------
  const hash = inputHash(input, text);
  const chartLabSeedValue = chartLabSeed(root);
  const seed = chartLabSeedValue ?? parseInt(hash.slice(0, 8), 16);
  const refDate = opts.refDate ?? chooseRefDate(root, chart);
  const modules = new Set<string>();
  for (const c of chart.conditions) {
    const m = conditionModuleFor(c.code);
    if (m) modules.add(m.id);
  }
  for (const p of chart.procedures) {
    const m = conditionModuleFor(p.code);
    if (m) modules.add(m.id);
  }
  chart.meta = {
    seed,
    refDate,
    generatorVersion: GENERATOR_VERSION,
    conditionModules: [...modules],
    source: {
      format: 'fhir-r4',
      bundleType: collected.bundleType,
      hash,
      importerVersion: IMPORTER_VERSION,
      ...(opts.fileName ? { fileName: opts.fileName } : {}),
      ...(typeof root.id === 'string' && root.resourceType === 'Bundle' ? { bundleId: root.id } : {}),
    },
  };
  chart.documentReferences = importedDocuments;
  const theirs: SourceDocument[] = [];
  for (const reference of importedDocuments) {
    const { document, warning } = documentFromReference(reference, refDate);
    theirs.push(document);
    if (warning) warnings.push(warning);
  }
  theirs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let ours: SourceDocument[] = [];
  if (opts.renderDocuments !== false) {
    report('documents', 0, 1, true);
    try {
      // The generator's document seed (deriveSeed(seed, 5)): a ChartLab export carries its seed, so its documents come back word for word.
      ours = renderDocuments(chart, createRng(deriveSeed(seed, 5)));
    } catch (error) {
      warnings.push(`ChartLab could not write its source documents for this chart (${(error as Error).message}); the chart is shown without them.`);
    }
    report('documents', 1, 1, true);
  }
  chart.documents = [...ours, ...theirs];
  for (const key of ['medicationRequests', 'documentReferences', 'unmapped'] as const) {
    if ((chart[key]?.length ?? 0) === 0) delete chart[key];
  }

  // --- Report --------------------------------------------------------------------------------
  const details: Partial<Record<string, string>> = {
    medications: [derived ? `${derived} from medication requests` : '', folded ? `${folded} named by a Medication resource` : ''].filter(Boolean).join('; ') || undefined,
    vitals: panels.length ? `${panels.length} blood pressure panels combined from separate systolic and diastolic readings` : undefined,
    documents: `${ours.length} rendered by ChartLab${theirs.length ? `, ${theirs.length} from the file (no evidence spans)` : ''}${renderedDropped ? `; ${renderedDropped} earlier ChartLab renderings replaced` : ''}`,
  };
  const summary: ImportSummaryRow[] = SECTIONS.map(([section, label]) => {
    const value = section === 'patient' ? [chart.patient] : (chart[section as keyof Chart] as unknown[] | undefined);
    const row: ImportSummaryRow = { section, label, count: value?.length ?? 0 };
    const detail = details[section];
    if (detail) row.detail = detail;
    return row;
  });
  const groups = new Map<string, UnmappedGroup>();
  for (const resource of chart.unmapped ?? []) {
    const reason = unmappedReasons.get(resource) ?? `${resource.resourceType} is not a chart section`;
    const key = `${resource.resourceType}|${reason}`;
    const group = groups.get(key) ?? { resourceType: resource.resourceType, count: 0, reason };
    group.count++;
    groups.set(key, group);
  }
  const unmapped = [...groups.values()];
  summary.push({
    section: 'unmapped',
    label: 'Kept aside',
    count: chart.unmapped?.length ?? 0,
    ...(unmapped.length ? { detail: unmapped.map((g) => `${g.resourceType} ${g.count}`).join(', ') } : {}),
  });
  const extensions = [...extensionCounts.entries()].map(([url, count]) => ({ url, count })).sort((a, b) => b.count - a.count || a.url.localeCompare(b.url));
  return { chart, summary, skipped, unmapped, extensions, warnings };
}
