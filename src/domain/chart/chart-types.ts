import type {
  AllergyIntolerance,
  Condition,
  Coverage,
  DiagnosticReport,
  Encounter,
  FamilyMemberHistory,
  DocumentReference,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';

/**
 * A patient chart. Every clinical fact is a typed FHIR R4 resource, so the export to a Bundle is
 * lossless and the UI reads the shapes that real EHRs exchange. References between resources are
 * relative (`Condition/<id>`); `toBundle` rewrites them to the bundle's `urn:uuid:` entries.
 */
export interface Chart {
  /** Same as `patient.id`. */
  id: string;
  meta: ChartMeta;
  patient: Patient;
  /** The facility that keeps the chart, the performing laboratory, and the payers. */
  organizations: Organization[];
  coverage: Coverage[];
  practitioners: Practitioner[];
  encounters: Encounter[];
  /** Allergies and intolerances, or exactly one coded "no known allergy" statement. */
  allergies: AllergyIntolerance[];
  /** Problem list (category problem-list-item) and past medical history (resolved or inactive). */
  conditions: Condition[];
  /** Past surgical history. */
  procedures: Procedure[];
  familyHistory: FamilyMemberHistory[];
  /** Social history observations (smoking status, alcohol use). */
  socialHistory: Observation[];
  /** The medication list; `reasonReference` links each drug to the Condition it treats. */
  medications: MedicationStatement[];
  immunizations: Immunization[];
  /** Vital signs; blood pressure is one Observation with systolic and diastolic components. */
  vitals: Observation[];
  /** Laboratory results, one Observation per analyte, grouped by `labReports`. */
  labs: Observation[];
  labReports: DiagnosticReport[];
  /** Source documents rendered from this chart, with evidence spans. */
  documents: SourceDocument[];
  /**
   * Imported charts only: the prescriptions of the source record. Each also appears in
   * `medications` as a MedicationStatement `basedOn` it, which is what the views read.
   */
  medicationRequests?: MedicationRequest[];
  /**
   * Imported charts only: the DocumentReferences the source record brought, as they came
   * (references made relative). Their text is in `documents` (marked `imported`).
   */
  documentReferences?: DocumentReference[];
  /**
   * Imported charts only: resources no chart section holds (Claim, CarePlan, survey
   * Observations …), kept aside so an export gives them back unchanged.
   */
  unmapped?: Resource[];
}

export interface ChartMeta {
  seed: number;
  refDate: string;
  generatorVersion: string;
  /** Condition module ids that shaped this chart (for scenario constraints and tests). */
  conditionModules: string[];
  /** Set when the chart was imported from a FHIR file rather than generated. */
  source?: ChartSource;
}

/** Where an imported chart came from. */
export interface ChartSource {
  format: 'fhir-r4';
  /** The file name as the user chose it, when known. */
  fileName?: string;
  /** `Bundle.type`, or the resource type of a single-resource file. */
  bundleType: string;
  bundleId?: string;
  /** cyrb128 of the input, hex: the same file imports to the same chart. */
  hash: string;
  importerVersion: string;
}

export type DocumentKind =
  | 'registration'
  | 'history-physical'
  | 'progress-note'
  | 'discharge-summary'
  | 'lab-report'
  | 'medication-list'
  | 'immunization-record';

/** A pointer from a piece of document text to the charted fact it states. */
export interface EvidenceSpan {
  /** `ResourceType/id` of the fact, e.g. `AllergyIntolerance/1b2c…`. */
  ref: string;
  /**
   * Which part of the fact the text states: `code`, `reaction`, `severity`, `dose`, `route`,
   * `frequency`, `value`, `unit`, `date`, `flag`, `status`, `name`, `birthDate`, `mrn`, ….
   */
  field: string;
  /** Character offsets into `SourceDocument.text`, end exclusive. */
  start: number;
  end: number;
}

export interface SourceDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  /** FHIR dateTime of the document. */
  date: string;
  /** `Practitioner/<id>` of the author, when the document has one. */
  author?: string;
  /** `Encounter/<id>` the document belongs to, when it belongs to one. */
  encounter?: string;
  /** Whether the author authenticated (signed) it, and when. */
  signed?: { by: string; at: string };
  /** Plain text, laid out the way the document is printed (monospace-safe). */
  text: string;
  spans: EvidenceSpan[];
  /** From an imported DocumentReference (in `Chart.documentReferences`), not rendered by ChartLab; it has no spans. */
  imported?: boolean;
}

/** What to generate. Scenarios narrow it; everything left out is drawn at random. */
export interface ChartSpec {
  seed: number;
  /** The "today" of the chart, YYYY-MM-DD; ages and all dates are relative to it. */
  refDate: string;
  sex?: 'male' | 'female';
  /** Age band in whole years, inclusive. */
  minAge?: number;
  maxAge?: number;
  /** Condition module ids the patient must have (age and sex are adjusted to fit them). */
  conditions?: string[];
  /** Force at least one allergy (true), none (false), or leave it to chance. */
  allergies?: boolean;
  /** Include an inpatient stay, so the chart has an H&P and a discharge summary. */
  admission?: boolean;
  /** Override the MRN (a cohort may assign them). */
  mrn?: string;
}

export const GENERATOR_VERSION = '1.0.0';

/**
 * The "today" of generated charts unless a scenario or the user names another. Fixed, not the
 * clock, so a seed gives the same chart on every day and machine.
 */
export const DEFAULT_REF_DATE = '2026-06-30';
