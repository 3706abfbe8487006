import type { SourceDocument } from '@/domain/chart/chart-types';
import type { FilingSection } from '@/domain/exercise/exercise-types';
import type { FilingAnswers } from '@/domain/scoring/submission-schema';
import { formatDate } from '@/ui/components/chart-format';

/**
 * Edits of the learner's filing answers, as pure functions: the workspace keeps no answer state,
 * so every action computes the next answers from the current ones and hands them to `onChange`.
 * A patient's positions are always renumbered 1..n (1 = oldest), so a saved draft with gaps or
 * ties heals on the next edit.
 */

export type Placement = FilingAnswers['placements'][number];

/** One patient's placements in folder order: by position, ties in the order they were filed. */
export function folderOf(answers: FilingAnswers, patientId: string): Placement[] {
  return answers.placements
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => p.patientId === patientId)
    .sort((a, b) => a.p.position - b.p.position || a.index - b.index)
    .map(({ p }) => p);
}

export function placementOf(answers: FilingAnswers, documentId: string): Placement | undefined {
  return answers.placements.find((p) => p.documentId === documentId);
}

/** Give `patientId`'s placements the positions of `ordered` (1..n), leaving the others alone. */
function withFolder(answers: FilingAnswers, patientId: string, ordered: readonly Placement[]): FilingAnswers {
  const position = new Map(ordered.map((p, i) => [p.documentId, i + 1]));
  const kept = answers.placements.filter((p) => p.patientId !== patientId || position.has(p.documentId));
  const present = new Set(kept.map((p) => p.documentId));
  const added = ordered.filter((p) => !present.has(p.documentId));
  return {
    ...answers,
    placements: [...kept, ...added].map((p) =>
      p.patientId === patientId || position.has(p.documentId) ? { ...p, patientId, position: position.get(p.documentId) ?? p.position } : p,
    ),
  };
}

/**
 * File a document to a patient and section. Refiling within the same folder only changes the
 * section; moving it to another patient closes the gap it leaves and puts it last in the new
 * folder, where the learner orders it with Up and Down.
 */
export function fileDocument(answers: FilingAnswers, documentId: string, patientId: string, section: FilingSection): FilingAnswers {
  const current = placementOf(answers, documentId);
  if (current?.patientId === patientId) {
    return { ...answers, placements: answers.placements.map((p) => (p.documentId === documentId ? { ...p, section } : p)) };
  }
  const without = current ? unfileDocument(answers, documentId).answers : answers;
  const folder = folderOf(without, patientId);
  return withFolder(without, patientId, [...folder, { documentId, patientId, section, position: folder.length + 1 }]);
}

/** Return a document to the pile; `removed` is what `restorePlacement` needs to undo it. */
export function unfileDocument(answers: FilingAnswers, documentId: string): { answers: FilingAnswers; removed?: Placement } {
  const current = placementOf(answers, documentId);
  if (!current) return { answers };
  const folder = folderOf(answers, current.patientId);
  const removed = { ...current, position: folder.indexOf(current) + 1 };
  const rest = { ...answers, placements: answers.placements.filter((p) => p.documentId !== documentId) };
  return { answers: withFolder(rest, current.patientId, folder.filter((p) => p !== current)), removed };
}

/** Put an unfiled placement back where it was (undo of unfile), shifting later documents down. */
export function restorePlacement(answers: FilingAnswers, placement: Placement): FilingAnswers {
  const base = placementOf(answers, placement.documentId) ? unfileDocument(answers, placement.documentId).answers : answers;
  const folder = folderOf(base, placement.patientId);
  const at = Math.min(Math.max(placement.position - 1, 0), folder.length);
  return withFolder(base, placement.patientId, [...folder.slice(0, at), placement, ...folder.slice(at)]);
}

/** Move a document one place earlier (-1) or later (+1) in its patient's folder. */
export function moveDocument(answers: FilingAnswers, documentId: string, delta: -1 | 1): FilingAnswers {
  const current = placementOf(answers, documentId);
  if (!current) return answers;
  const folder = folderOf(answers, current.patientId);
  const from = folder.indexOf(current);
  const to = from + delta;
  if (to < 0 || to >= folder.length) return answers;
  const next = [...folder];
  [next[from], next[to]] = [next[to] as Placement, next[from] as Placement];
  return withFolder(answers, current.patientId, next);
}

export interface PrintedIdentifiers {
  name?: string;
  birthDate?: string;
  mrn?: string;
}

/**
 * The patient identifiers as the document prints them in its header (the first name, DOB and MRN
 * it states), quoted from its text: what a clerk reads off the page, in the page's own format.
 */
export function printedIdentifiers(doc: SourceDocument): PrintedIdentifiers {
  const quote = (field: string) => {
    const span = doc.spans.find((s) => s.ref.startsWith('Patient/') && s.field === field);
    return span ? doc.text.slice(span.start, span.end) : undefined;
  };
  return { name: quote('name'), birthDate: quote('birthDate'), mrn: quote('mrn') };
}

/** "Progress Note, 03/28/2026": how messages and button names refer to a document. */
export function documentLabel(doc: SourceDocument): string {
  return `${doc.title}, ${formatDate(doc.date)}`;
}
