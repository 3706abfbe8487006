import type { Chart, SourceDocument } from '@/domain/chart/chart-types';
import type { ErrorType, RecordingSection, Scenario } from '@/domain/scenario/scenario-schema';

/**
 * An exercise is a scenario made concrete for one seed: the charts and documents the learner
 * works on, and the answer key derived from them (never typed by hand).
 */

interface ExerciseBase {
  scenario: Scenario;
  seed: number;
}

// --- Recording (chart abstraction) -------------------------------------------------------------

/** One field of a key item: what counts as right and how to compare. */
export interface KeyField {
  field: string;
  /** The canonical answer, as the key prints it. */
  expected: string;
  /** Every rendering that counts as right (display, abbreviations, synonyms, codes). */
  accepted: string[];
  compare: 'term' | 'number' | 'unit' | 'date' | 'onset' | 'dose' | 'code';
  /** Decimal places for `number`. */
  decimals?: number;
  weight: number;
  /** Optional fields count only when the learner fills them in (the ICD-10-CM code of a problem). */
  optional?: boolean;
}

export interface KeyItem {
  section: RecordingSection;
  /** `ResourceType/id` of the charted fact. */
  ref: string;
  label: string;
  /** The first field identifies the item (substance, problem, drug, test, vaccine, vital). */
  fields: KeyField[];
}

export interface RecordingExercise extends ExerciseBase {
  kind: 'recording';
  chart: Chart;
  documents: SourceDocument[];
  sections: RecordingSection[];
  /** Plain-language scope rules shown to the learner ("Labs: the report of 03/14/2026"). */
  scope: Partial<Record<RecordingSection, string>>;
  key: KeyItem[];
}

// --- Organizing: filing loose documents ---------------------------------------------------------

export const FILING_SECTIONS = ['registration', 'history-physical', 'progress-notes', 'discharge-summary', 'laboratory', 'medications', 'immunizations'] as const;
export type FilingSection = (typeof FILING_SECTIONS)[number];

/** The face sheet a learner files against: what a chart's label shows. */
export interface PatientCard {
  patientId: string;
  name: string;
  birthDate: string;
  sex: string;
  mrn: string;
  address: string;
}

export interface FilingKeyEntry {
  documentId: string;
  patientId: string;
  section: FilingSection;
  /** 1 = oldest of that patient's documents in the pile. */
  position: number;
  /** Why a look-alike is not this patient ("same name, DOB differs"). */
  hint?: string;
}

export interface FilingExercise extends ExerciseBase {
  kind: 'filing';
  charts: Chart[];
  patients: PatientCard[];
  /** The loose documents, shuffled. */
  pile: SourceDocument[];
  key: FilingKeyEntry[];
}

// --- Organizing: master patient index ----------------------------------------------------------

export interface MpiRecord {
  recordId: string;
  mrn: string;
  family: string;
  given: string;
  middle?: string;
  suffix?: string;
  birthDate: string;
  sex: string;
  address: string;
  phone: string;
  /** Last four digits of the SSN, as many indexes show. */
  ssnLast4?: string;
  /** When the registration was created (YYYY-MM-DD); the earliest complete record survives a merge. */
  created: string;
}

export interface MpiKeyGroup {
  recordIds: string[];
  survivorId: string;
  /** How each duplicate differs from the survivor, for feedback ("nickname: Bill for William"). */
  differences: Record<string, string>;
}

export interface MpiExercise extends ExerciseBase {
  kind: 'mpi';
  records: MpiRecord[];
  /** Only groups of two or more records; every other record is its own person. */
  key: MpiKeyGroup[];
  /** Look-alike pairs that are different people, with the reason, for feedback. */
  decoys: { recordIds: [string, string]; reason: string }[];
}

// --- Validating ----------------------------------------------------------------------------------

export interface InjectedError {
  id: string;
  type: ErrorType;
  /** What the learner should flag: `ResourceType/id` in the chart, or `DocumentReference/<document id>`. */
  target: string;
  /** Other targets that point at the same problem (the document that shows it, a duplicate's twin). */
  alsoAccept: string[];
  /** What is wrong, for feedback. */
  description: string;
  /** The canonical correction, as the key prints it. */
  correction: string;
  /** Evidence spans in the documents that show the truth. */
  evidence: { documentId: string; start: number; end: number }[];
}

export interface ValidationExercise extends ExerciseBase {
  kind: 'validation';
  /** The chart with the planted errors (structured data and documents). */
  chart: Chart;
  errors: InjectedError[];
}

export type Exercise = RecordingExercise | FilingExercise | MpiExercise | ValidationExercise;
