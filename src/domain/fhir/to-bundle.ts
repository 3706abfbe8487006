import type { Bundle, BundleEntry, DocumentReference, Resource } from '@medplum/fhirtypes';
import type { Chart, DocumentKind, SourceDocument } from '@/domain/chart/chart-types';
import { RENDERED_DOCUMENT_TAG } from './import-documents';
import { stableUuid, UUID_PATTERN } from './import-ids';

/** LOINC document types (Document Ontology) for the kinds of source documents ChartLab renders. */
const DOCUMENT_TYPES: Record<DocumentKind, { code?: string; display: string }> = {
  registration: { display: 'Registration form' },
  'history-physical': { code: '34117-2', display: 'History and physical note' },
  'progress-note': { code: '11506-3', display: 'Progress note' },
  'discharge-summary': { code: '18842-5', display: 'Discharge summary' },
  'lab-report': { code: '11502-2', display: 'Laboratory report' },
  'medication-list': { code: '10160-0', display: 'History of Medication use Narrative' },
  'immunization-record': { code: '11369-6', display: 'History of Immunization Narrative' },
};

export const CHARTLAB_TAG_SYSTEM = 'urn:chartlab:chart';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of the UTF-8 bytes of `text`; the same in Node and the browser (no Buffer, no btoa). */
export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63];
    out += BASE64[(n >> 12) & 63];
    out += b === undefined ? '=' : BASE64[(n >> 6) & 63];
    out += c === undefined ? '=' : BASE64[n & 63];
  }
  return out;
}

/** FHIR `instant`s need a time and zone; documents dated by day are filed at midnight clinic time. */
function asInstant(dateTimeValue: string): string {
  return dateTimeValue.length === 10 ? `${dateTimeValue}T00:00:00-05:00` : dateTimeValue;
}

export function toDocumentReference(chart: Chart, doc: SourceDocument): DocumentReference {
  const type = DOCUMENT_TYPES[doc.kind];
  const reference: DocumentReference = {
    resourceType: 'DocumentReference',
    id: doc.id,
    // Marks the text as ChartLab's rendering of the chart: an import renders it afresh (with evidence spans) instead of keeping a copy.
    meta: { tag: [{ system: CHARTLAB_TAG_SYSTEM, code: RENDERED_DOCUMENT_TAG, display: 'Rendered by ChartLab from the chart' }] },
    status: 'current',
    docStatus: doc.signed || doc.kind === 'registration' || doc.kind === 'lab-report' ? 'final' : 'preliminary',
    type: type.code
      ? { coding: [{ system: 'http://loinc.org', code: type.code, display: type.display }], text: doc.title }
      : { text: doc.title },
    category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note', display: 'Clinical Note' }] }],
    subject: { reference: `Patient/${chart.patient.id}` },
    date: asInstant(doc.date),
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          language: 'en-US',
          data: utf8ToBase64(doc.text),
          title: doc.title,
          creation: doc.date,
        },
      },
    ],
  };
  if (doc.author) reference.author = [{ reference: doc.author }];
  if (doc.signed) reference.authenticator = { reference: doc.signed.by };
  if (doc.encounter) reference.context = { encounter: [{ reference: doc.encounter }] };
  return reference;
}

/** Every resource of the chart, in a stable order (the order of a bundle's entries). */
export function chartResources(chart: Chart): Resource[] {
  return [
    chart.patient,
    ...chart.organizations,
    ...chart.practitioners,
    ...chart.coverage,
    ...chart.encounters,
    ...chart.allergies,
    ...chart.conditions,
    ...chart.procedures,
    ...chart.familyHistory,
    ...chart.socialHistory,
    ...chart.medications,
    ...(chart.medicationRequests ?? []),
    ...chart.immunizations,
    ...chart.vitals,
    ...chart.labs,
    ...chart.labReports,
    // Documents an imported bundle brought go back as they came (documentReferences), not re-encoded.
    ...chart.documents.filter((doc) => !doc.imported).map((doc) => toDocumentReference(chart, doc)),
    ...(chart.documentReferences ?? []),
    ...(chart.unmapped ?? []),
  ];
}

/**
 * The `urn:uuid:` fullUrl of a resource: its own id when that is a UUID (every generated chart),
 * otherwise a UUID derived from `Type/id` (imported ids such as `123` are not UUIDs, and the
 * same id may be used by two resource types).
 */
function fullUrlOf(resource: Resource): string {
  const id = resource.id as string;
  return `urn:uuid:${UUID_PATTERN.test(id) ? id : stableUuid(`${resource.resourceType}/${id}`)}`;
}

/**
 * Rewrite relative references (`Condition/<id>`) to the `urn:uuid:` fullUrls of the bundle's
 * entries, as a collection bundle without a server base requires. Walks plain JSON, so it
 * reaches references anywhere (reasonReference, performer.actor, result[] …).
 */
function rewriteReferences<T>(value: T, fullUrls: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, fullUrls)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'reference' && typeof v === 'string') {
      out[key] = fullUrls.get(v) ?? v;
    } else {
      out[key] = rewriteReferences(v, fullUrls);
    }
  }
  return out as T;
}

/** The chart as one FHIR R4 Bundle of type `collection`. */
export function toBundle(chart: Chart): Bundle {
  const resources = chartResources(chart);
  const fullUrls = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, fullUrlOf(r)]));
  const entry: BundleEntry[] = resources.map((resource) => ({
    fullUrl: fullUrls.get(`${resource.resourceType}/${resource.id}`) as string,
    resource: rewriteReferences(resource, fullUrls),
  }));
  return {
    resourceType: 'Bundle',
    id: chart.id,
    meta: {
      tag: [
        { system: CHARTLAB_TAG_SYSTEM, code: `seed-${chart.meta.seed}`, display: `ChartLab seed ${chart.meta.seed}` },
        { system: CHARTLAB_TAG_SYSTEM, code: `ref-date-${chart.meta.refDate}`, display: `Reference date ${chart.meta.refDate}` },
        { system: CHARTLAB_TAG_SYSTEM, code: `generator-${chart.meta.generatorVersion}`, display: `Generator ${chart.meta.generatorVersion}` },
      ],
    },
    type: 'collection',
    timestamp: `${chart.meta.refDate}T12:00:00Z`,
    entry,
  };
}
