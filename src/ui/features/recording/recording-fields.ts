import type { RecordingSection } from '@/domain/scenario/scenario-schema';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import type { SuggestionListId } from './code-suggestions';

/** One field of an abstraction row. */
export interface RecordingField {
  /** The answer's field name (submission-schema.ts). */
  name: string;
  /** The answer key's name for it, which feedback items carry (score-recording.ts FIELD_NAMES). */
  keyField: string;
  label: string;
  suggestions?: SuggestionListId;
  placeholder?: string;
  optional?: boolean;
  /** Relative column width. */
  width: 1 | 2 | 3;
}

export type RecordingRow = Record<string, string>;

/** The form of every section: the first field names the item (the drug, the test, …). */
export const SECTION_FIELDS: Record<RecordingSection, RecordingField[]> = {
  allergies: [
    { name: 'substance', keyField: 'code', label: 'Substance', suggestions: 'substances', placeholder: 'e.g. penicillin', width: 3 },
    { name: 'reaction', keyField: 'reaction', label: 'Reaction', suggestions: 'reactions', placeholder: 'e.g. hives', width: 3 },
    { name: 'severity', keyField: 'severity', label: 'Severity', suggestions: 'severities', placeholder: 'mild, moderate, severe', width: 2 },
  ],
  problems: [
    { name: 'problem', keyField: 'code', label: 'Problem', suggestions: 'conditions', placeholder: 'e.g. essential hypertension', width: 3 },
    { name: 'icd10', keyField: 'icd10', label: 'ICD-10-CM (optional)', suggestions: 'icd10', placeholder: 'e.g. I10', optional: true, width: 2 },
    { name: 'onset', keyField: 'onset', label: 'Onset', placeholder: 'MM/DD/YYYY', width: 2 },
    { name: 'status', keyField: 'status', label: 'Status', suggestions: 'statuses', placeholder: 'active or resolved', width: 2 },
  ],
  medications: [
    { name: 'drug', keyField: 'drug', label: 'Drug', suggestions: 'drugs', placeholder: 'e.g. metformin', width: 3 },
    { name: 'dose', keyField: 'dose', label: 'Dose', placeholder: 'e.g. 500 mg', width: 2 },
    { name: 'route', keyField: 'route', label: 'Route', suggestions: 'routes', placeholder: 'e.g. by mouth', width: 2 },
    { name: 'frequency', keyField: 'frequency', label: 'Frequency', suggestions: 'frequencies', placeholder: 'e.g. BID', width: 2 },
  ],
  labs: [
    { name: 'test', keyField: 'code', label: 'Test', suggestions: 'labs', placeholder: 'e.g. Glucose', width: 3 },
    { name: 'value', keyField: 'value', label: 'Value', placeholder: 'e.g. 5.4', width: 1 },
    { name: 'unit', keyField: 'unit', label: 'Unit', suggestions: 'labUnits', placeholder: 'e.g. mg/dL', width: 2 },
    { name: 'date', keyField: 'date', label: 'Date', placeholder: 'MM/DD/YYYY', width: 2 },
    { name: 'flag', keyField: 'flag', label: 'Flag', suggestions: 'flags', placeholder: 'blank if normal', width: 2 },
  ],
  immunizations: [
    { name: 'vaccine', keyField: 'vaccine', label: 'Vaccine', suggestions: 'vaccines', placeholder: 'e.g. Tdap', width: 3 },
    { name: 'date', keyField: 'date', label: 'Date given', placeholder: 'MM/DD/YYYY', width: 2 },
  ],
  vitals: [
    { name: 'vital', keyField: 'code', label: 'Vital sign', suggestions: 'vitals', placeholder: 'e.g. Pulse', width: 3 },
    { name: 'value', keyField: 'value', label: 'Value', placeholder: 'e.g. 72 or 120/80', width: 2 },
    { name: 'unit', keyField: 'unit', label: 'Unit', suggestions: 'vitalUnits', placeholder: 'e.g. bpm', width: 2 },
    { name: 'date', keyField: 'date', label: 'Date', placeholder: 'MM/DD/YYYY', width: 2 },
  ],
};

/** What one row is called: "Add allergy", "Medication 2". */
export const ROW_NOUN: Record<RecordingSection, string> = {
  allergies: 'allergy',
  problems: 'problem',
  medications: 'medication',
  labs: 'lab result',
  immunizations: 'immunization',
  vitals: 'vital sign',
};

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function emptyRow(section: RecordingSection): RecordingRow {
  return Object.fromEntries(SECTION_FIELDS[section].map((f) => [f.name, '']));
}

/** A section's rows as plain string records (every answer field is a string). */
export function rowsOf(answers: RecordingAnswers, section: RecordingSection): RecordingRow[] {
  return answers[section] as RecordingRow[];
}

export function withRows(answers: RecordingAnswers, section: RecordingSection, rows: RecordingRow[]): RecordingAnswers {
  return { ...answers, [section]: rows } as RecordingAnswers;
}
