import type { Chart } from '@/domain/chart/chart-types';
import type { Rng } from '@/domain/rng/rng';
import { ERROR_TYPES, type ErrorType } from '@/domain/scenario/scenario-schema';
import type { InjectedError } from './exercise-types';
import { lateSignature, missingDischargeElement, missingHpElement, missingSignature } from './errors/deficiency-errors';
import { transposedBirthDate, transposedMrn, wrongPatientResult } from './errors/identity-errors';
import { allergyMissingFromList, discontinuedStillActive, drugAllergyConflict, duplicateEntry, impossibleDate, missingOrderDate } from './errors/list-errors';
import type { ErrorCategory, ErrorKind, Evidence, Planted } from './errors/planting';
import { abnormalNotFlagged, codeTextMismatch, copyForward, unitError, wrongLaterality } from './errors/value-errors';

export { editDocument } from './errors/document-edit';

/**
 * The catalog of errors a validation exercise can plant in a chart. Each entry explains the
 * error to the learner and plants one instance: it changes the structured chart or a document so
 * that the two disagree (or a document is deficient) in a way a careful technician finds by
 * reading, and returns the answer key entry (`InjectedError`) with evidence spans that show the
 * truth. Planting never breaks FHIR validity and never moves an evidence span off its words.
 */

export interface ErrorTypeInfo {
  type: ErrorType;
  label: string;
  /** One sentence for learners: what this kind of error is. */
  description: string;
  /** Patient safety or record integrity reason, for feedback. */
  whyItMatters: string;
  category: ErrorCategory;
  /** Plant one error of this type in `chart` (mutates it). Undefined when nothing in the chart fits. */
  inject(chart: Chart, rng: Rng, errorId: string): InjectedError | undefined;
}

const KINDS: Record<ErrorType, ErrorKind> = {
  'allergy-missing-from-list': allergyMissingFromList,
  'drug-allergy-conflict': drugAllergyConflict,
  'wrong-patient-result': wrongPatientResult,
  'transposed-mrn': transposedMrn,
  'transposed-birth-date': transposedBirthDate,
  'unit-error': unitError,
  'abnormal-not-flagged': abnormalNotFlagged,
  'impossible-date': impossibleDate,
  'duplicate-entry': duplicateEntry,
  'discontinued-still-active': discontinuedStillActive,
  'wrong-laterality': wrongLaterality,
  'missing-signature': missingSignature,
  'late-signature': lateSignature,
  'missing-order-date': missingOrderDate,
  'copy-forward': copyForward,
  'code-text-mismatch': codeTextMismatch,
  'missing-hp-element': missingHpElement,
  'missing-discharge-element': missingDischargeElement,
};

function infoOf(kind: ErrorKind): ErrorTypeInfo {
  return {
    type: kind.type,
    label: kind.label,
    description: kind.description,
    whyItMatters: kind.whyItMatters,
    category: kind.category,
    inject: (chart, rng, errorId) => kind.plant({ chart, rng, errorId, taken: new Set() })?.error,
  };
}

export const ERROR_CATALOG: Record<ErrorType, ErrorTypeInfo> = Object.fromEntries(
  ERROR_TYPES.map((type) => [type, infoOf(KINDS[type])]),
) as Record<ErrorType, ErrorTypeInfo>;

/** Spans that carry an error's evidence while more errors are planted, so later edits shift them too. */
const EVIDENCE_REF = 'chartlab:evidence/';

function markEvidence(chart: Chart, error: InjectedError): void {
  error.evidence.forEach((e, i) => {
    const doc = chart.documents.find((d) => d.id === e.documentId);
    doc?.spans.push({ ref: `${EVIDENCE_REF}${error.id}`, field: String(i), start: e.start, end: e.end });
  });
}

/** Every marked evidence span still in place, per error id. */
function markedEvidence(chart: Chart): Map<string, Evidence[]> {
  const out = new Map<string, Evidence[]>();
  for (const doc of chart.documents) {
    for (const s of doc.spans) {
      if (!s.ref.startsWith(EVIDENCE_REF)) continue;
      const id = s.ref.slice(EVIDENCE_REF.length);
      const list = out.get(id) ?? [];
      list[Number(s.field)] = { documentId: doc.id, start: s.start, end: s.end };
      out.set(id, list);
    }
  }
  return out;
}

function unmarkEvidence(chart: Chart): void {
  for (const doc of chart.documents) doc.spans = doc.spans.filter((s) => !s.ref.startsWith(EVIDENCE_REF));
}

/** Tries of one type that may fail (an edit that would disturb an earlier error) before it is given up. */
const MAX_FAILED_TRIES = 3;

/**
 * Plant up to `count` errors of the given types in a copy of `chart` (the input is not changed).
 * Types are taken round-robin in a seeded order, each error on its own target; a type that no
 * longer fits the chart is skipped, so fewer than `count` errors come back when the chart runs out.
 */
export function injectErrors(chart: Chart, types: readonly ErrorType[], count: number, rng: Rng): { chart: Chart; errors: InjectedError[] } {
  let working = structuredClone(chart);
  const errors: InjectedError[] = [];
  const taken = new Set<string>();
  const order = rng.shuffle([...new Set(types)]);
  const failures = new Map<ErrorType, number>();
  const alive = () => order.filter((t) => (failures.get(t) ?? 0) < MAX_FAILED_TRIES);
  let turn = 0;
  while (errors.length < count && alive().length > 0) {
    const live = alive();
    const type = live[turn % live.length] as ErrorType;
    turn += 1;
    const before = structuredClone(working);
    const errorId = `error-${errors.length + 1}`;
    let planted: Planted | undefined;
    try {
      planted = KINDS[type].plant({ chart: working, rng, errorId, taken });
    } catch (e) {
      // A planter that trips over an unusual chart must not sink the whole exercise.
      if (!(e instanceof RangeError)) throw e;
      planted = undefined;
    }
    if (!planted) {
      working = before;
      failures.set(type, MAX_FAILED_TRIES);
      continue;
    }
    // Targets stay unique: a new error never targets what an earlier one accepts, and does not
    // offer an earlier error's target as its own alternative.
    const targets = new Set(errors.map((e) => e.target));
    const accepted = new Set(errors.flatMap((e) => [e.target, ...e.alsoAccept]));
    planted.error.alsoAccept = planted.error.alsoAccept.filter((ref) => !targets.has(ref) && ref !== planted?.error.target);
    markEvidence(working, planted.error);
    const marked = markedEvidence(working);
    const intact = [...errors, planted.error].every((e) => (marked.get(e.id) ?? []).filter(Boolean).length === e.evidence.length);
    if (!intact || accepted.has(planted.error.target)) {
      working = before;
      failures.set(type, (failures.get(type) ?? 0) + 1);
      continue;
    }
    errors.push(planted.error);
    for (const ref of [planted.error.target, ...planted.error.alsoAccept, ...planted.touched]) taken.add(ref);
  }
  const marked = markedEvidence(working);
  unmarkEvidence(working);
  return { chart: working, errors: errors.map((e) => ({ ...e, evidence: marked.get(e.id) ?? [] })) };
}

/** Whether the learner's proposed correction fixes `error`: lenient on wording, strict on the fact. */
export function correctionMatches(error: InjectedError, entered: string): boolean {
  if (entered.trim() === '') return false;
  return KINDS[error.type].matches(error, entered);
}
