import { loadScenario } from '@/domain/scenario/load-scenario';
import {
  DOCUMENT_KINDS,
  LOOKALIKE_KINDS,
  MPI_VARIATIONS,
  SCENARIO_SCHEMA_VERSION,
  type Difficulty,
  type ErrorType,
  type RecordingSection,
  type Scenario,
  type SkillDomain,
  type TaskKind,
} from '@/domain/scenario/scenario-schema';

/**
 * The scenario editor's form state and its two conversions. The form holds what inputs hold
 * (text for numbers, so a half-typed "1" or a wrong "abc" stays on screen and the schema says
 * what is wrong), one sub-form per task kind (switching kind and back loses nothing), and fields
 * the editor does not show (`$schema`, `patients.bundle`) so that a scenario loaded into the
 * editor and saved unchanged is the same scenario. The schema stays the single source of truth:
 * `formToScenario` only reshapes, and `checkScenarioForm` runs scenarioSchema through
 * loadScenario for the messages.
 */

type DocumentKind = (typeof DOCUMENT_KINDS)[number];
type LookalikeKind = (typeof LOOKALIKE_KINDS)[number];
type MpiVariation = (typeof MPI_VARIATIONS)[number];
export type TriState = 'any' | 'yes' | 'no';

export interface ScenarioForm {
  schemaRef?: string;
  id: string;
  title: string;
  summary: string;
  objectives: string[];
  domain: SkillDomain;
  difficulty: Difficulty;
  refDate: string;
  patients: {
    seed: string;
    seedFrom: string;
    seedTo: string;
    sex: '' | 'male' | 'female';
    minAge: string;
    maxAge: string;
    conditions: string[];
    allergies: TriState;
    admission: TriState;
    bundle?: string;
  };
  taskKind: TaskKind;
  instructions: string;
  recording: { sections: RecordingSection[]; allDocuments: boolean; documents: DocumentKind[] };
  filing: { patientCount: string; lookalikes: LookalikeKind[]; documentsPerPatient: string };
  mpi: { people: string; duplicates: string; variations: MpiVariation[]; decoys: string };
  validation: { errorTypes: ErrorType[]; errorCount: string };
  timeLimitMinutes: string;
  /** Percent, 0 to 100, as the instructor types it. */
  passingPercent: string;
  instructorNotes: string;
  remarks: string[];
  /** The scenario had `remarks` (possibly empty): keep the field when saving. */
  hasRemarks: boolean;
}

const DEFAULT_REF_DATE = '2026-06-30';

/** A blank form with sensible defaults (a validation task with two common error types). */
export function newScenarioForm(id = 'my-scenario'): ScenarioForm {
  return {
    id,
    title: '',
    summary: '',
    objectives: [''],
    domain: 'data-quality',
    difficulty: 'intro',
    refDate: DEFAULT_REF_DATE,
    patients: { seed: '1', seedFrom: '', seedTo: '', sex: '', minAge: '', maxAge: '', conditions: [], allergies: 'any', admission: 'any' },
    taskKind: 'validation',
    instructions: '',
    recording: { sections: ['allergies'], allDocuments: true, documents: [] },
    filing: { patientCount: '3', lookalikes: ['same-name'], documentsPerPatient: '3' },
    mpi: { people: '5', duplicates: '2', variations: ['typo'], decoys: '1' },
    validation: { errorTypes: ['abnormal-not-flagged', 'unit-error'], errorCount: '2' },
    timeLimitMinutes: '',
    passingPercent: '70',
    instructorNotes: '',
    remarks: [],
    hasRemarks: false,
  };
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));
const tri = (b: boolean | undefined): TriState => (b === undefined ? 'any' : b ? 'yes' : 'no');
const fromTri = (t: TriState) => (t === 'any' ? undefined : t === 'yes');

/** Text → number; '' → undefined; anything else that is not a number stays text, for the schema to reject. */
function num(value: string): number | string | undefined {
  const t = value.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** Percent text → fraction, avoiding 0.29 * 100 style float noise in both directions. */
function fraction(percent: string): number | string | undefined {
  const n = num(percent);
  return typeof n === 'number' ? Number((n / 100).toFixed(6)) : n;
}

function percentText(fraction: number): string {
  return String(Number((fraction * 100).toFixed(4)));
}

export function scenarioToForm(scenario: Scenario): ScenarioForm {
  const form = newScenarioForm(scenario.id);
  const p = scenario.patients;
  const task = scenario.task;
  const out: ScenarioForm = {
    ...form,
    ...(scenario.$schema !== undefined ? { schemaRef: scenario.$schema } : {}),
    title: scenario.title,
    summary: scenario.summary,
    objectives: [...scenario.learningObjectives],
    domain: scenario.domain,
    difficulty: scenario.difficulty,
    refDate: scenario.refDate,
    patients: {
      seed: String(p.seed),
      seedFrom: text(p.seedRange?.[0]),
      seedTo: text(p.seedRange?.[1]),
      sex: p.sex ?? '',
      minAge: text(p.minAge),
      maxAge: text(p.maxAge),
      conditions: [...(p.conditions ?? [])],
      allergies: tri(p.allergies),
      admission: tri(p.admission),
      ...(p.bundle !== undefined ? { bundle: p.bundle } : {}),
    },
    taskKind: task.kind,
    instructions: task.instructions,
    timeLimitMinutes: text(scenario.timeLimitMinutes),
    passingPercent: percentText(scenario.passingScore),
    instructorNotes: scenario.instructorNotes,
    remarks: [...(scenario.remarks ?? [])],
    hasRemarks: scenario.remarks !== undefined,
  };
  switch (task.kind) {
    case 'recording':
      out.recording = { sections: [...task.sections], allDocuments: task.documents === undefined, documents: [...(task.documents ?? [])] };
      break;
    case 'filing':
      out.filing = { patientCount: String(task.patientCount), lookalikes: [...task.lookalikes], documentsPerPatient: String(task.documentsPerPatient) };
      break;
    case 'mpi':
      out.mpi = { people: String(task.people), duplicates: String(task.duplicates), variations: [...task.variations], decoys: String(task.decoys) };
      break;
    case 'validation':
      out.validation = { errorTypes: [...task.errorTypes], errorCount: String(task.errorCount) };
      break;
  }
  return out;
}

function omitUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The scenario the form describes, not yet validated (numbers that are not numbers stay text).
 * Key order follows the shipped files, so an exported file reads like them.
 */
export function formToScenario(form: ScenarioForm): unknown {
  const p = form.patients;
  const seedRange = p.seedFrom.trim() === '' && p.seedTo.trim() === '' ? undefined : [num(p.seedFrom), num(p.seedTo)];
  const patients = omitUndefined({
    seed: num(p.seed),
    seedRange,
    sex: p.sex === '' ? undefined : p.sex,
    minAge: num(p.minAge),
    maxAge: num(p.maxAge),
    // An empty list and no list mean the same ("no required conditions"); the file leaves it out.
    conditions: p.conditions.length > 0 ? [...p.conditions] : undefined,
    allergies: fromTri(p.allergies),
    admission: fromTri(p.admission),
    bundle: p.bundle,
  });
  let task: Record<string, unknown>;
  switch (form.taskKind) {
    case 'recording':
      task = omitUndefined({
        kind: 'recording',
        sections: [...form.recording.sections],
        documents: form.recording.allDocuments ? undefined : [...form.recording.documents],
        instructions: form.instructions,
      });
      break;
    case 'filing':
      task = {
        kind: 'filing',
        patientCount: num(form.filing.patientCount),
        lookalikes: [...form.filing.lookalikes],
        documentsPerPatient: num(form.filing.documentsPerPatient),
        instructions: form.instructions,
      };
      break;
    case 'mpi':
      task = {
        kind: 'mpi',
        people: num(form.mpi.people),
        duplicates: num(form.mpi.duplicates),
        variations: [...form.mpi.variations],
        decoys: num(form.mpi.decoys) ?? 0,
        instructions: form.instructions,
      };
      break;
    case 'validation':
      task = { kind: 'validation', errorTypes: [...form.validation.errorTypes], errorCount: num(form.validation.errorCount), instructions: form.instructions };
      break;
  }
  return omitUndefined({
    $schema: form.schemaRef,
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: form.id.trim(),
    title: form.title,
    summary: form.summary,
    learningObjectives: [...form.objectives],
    domain: form.domain,
    difficulty: form.difficulty,
    refDate: form.refDate,
    patients,
    task,
    timeLimitMinutes: num(form.timeLimitMinutes),
    passingScore: fraction(form.passingPercent),
    instructorNotes: form.instructorNotes,
    remarks: form.hasRemarks || form.remarks.length > 0 ? [...form.remarks] : undefined,
  });
}

export interface FormIssue {
  /** The schema path, e.g. "patients.maxAge" or "task.errorTypes"; "(top level)" for the whole. */
  field: string;
  message: string;
}

export type FormCheck = { ok: true; scenario: Scenario; issues: [] } | { ok: false; issues: FormIssue[] };

function splitIssue(line: string): FormIssue {
  const match = /^(\(top level\)|[A-Za-z_$][\w$]*(?:\.[\w$]+|\[\d+\])*): (.*)$/s.exec(line);
  return match ? { field: match[1] as string, message: match[2] as string } : { field: '(top level)', message: line };
}

/** The form shows the pass mark in percent; the schema speaks of a fraction. */
function inFormTerms(issue: FormIssue): FormIssue {
  if (issue.field === 'passingScore' && /Too (big|small)/.test(issue.message)) return { ...issue, message: 'a percentage from 0 to 100' };
  return issue;
}

export interface CheckOptions {
  /** Ids the scenario may not take (the shipped library's, other authored scenarios'). */
  takenIds?: ReadonlySet<string>;
}

/** Validates the form through the scenario schema; the messages name the schema path. */
export function checkScenarioForm(form: ScenarioForm, options: CheckOptions = {}): FormCheck {
  const candidate = formToScenario(form);
  const loaded = loadScenario('editor', JSON.stringify(candidate));
  const issues: FormIssue[] = loaded.ok ? [] : loaded.errors.map(splitIssue).map(inFormTerms);
  const id = form.id.trim();
  if (options.takenIds?.has(id)) issues.unshift({ field: 'id', message: `"${id}" is already used by another scenario; choose a new id` });
  if (loaded.ok && issues.length === 0) return { ok: true, scenario: loaded.scenario, issues: [] };
  return { ok: false, issues };
}

/** The issues for one field (and the fields inside it). */
export function issuesAt(issues: readonly FormIssue[], path: string): FormIssue[] {
  return issues.filter((i) => i.field === path || i.field.startsWith(`${path}.`) || i.field.startsWith(`${path}[`));
}

/** A new id that is not taken: "lab-data-quality" → "lab-data-quality-copy", "-copy-2", … */
export function uniqueScenarioId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/-copy(-\d+)?$/, '') || 'scenario';
  let candidate = `${stem}-copy`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${stem}-copy-${n}`;
  return candidate;
}

/** The scenario file text, as scenarios/*.json are written. */
export function serializeScenario(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}
