import type { MpiRecord } from '@/domain/exercise/exercise-types';
import type { MpiAnswers } from '@/domain/scoring/submission-schema';
import { formatDate, genderText } from '@/ui/components/chart-format';

/**
 * Edits of the learner's MPI answers, as pure functions (the workspace keeps no answer state),
 * and the record formatting the index table and the compare view share.
 */

export type LinkGroup = MpiAnswers['groups'][number];

/**
 * The survivor the screen suggests: the earliest-created registration (MPI_SURVIVOR_RULE); on
 * the same day the lower record id, so the suggestion never depends on selection order.
 */
export function defaultSurvivor(records: readonly MpiRecord[]): string | undefined {
  return [...records].sort((a, b) => a.created.localeCompare(b.created) || a.recordId.localeCompare(b.recordId))[0]?.recordId;
}

/** Index of the group holding `recordId`, or -1. */
export function groupIndexOf(answers: MpiAnswers, recordId: string): number {
  return answers.groups.findIndex((g) => g.recordIds.includes(recordId));
}

/**
 * The records a link of `recordIds` would join: the selection plus every record already linked
 * with one of them, since "same person" is transitive (the scorer treats groups that share a
 * record as one, too).
 */
export function linkClosure(answers: MpiAnswers, recordIds: readonly string[]): string[] {
  const ids = new Set(recordIds);
  for (const g of answers.groups) if (g.recordIds.some((id) => ids.has(id))) g.recordIds.forEach((id) => ids.add(id));
  return [...ids].sort();
}

/** Link records as one person. Groups they already belong to are merged into the new group, which takes the first one's place. */
export function linkRecords(answers: MpiAnswers, recordIds: readonly string[], survivorId: string): MpiAnswers {
  const members = linkClosure(answers, recordIds);
  if (members.length < 2 || !members.includes(survivorId)) return answers;
  const touched = answers.groups.map((g) => g.recordIds.some((id) => members.includes(id)));
  const at = touched.indexOf(true);
  const group: LinkGroup = { recordIds: members, survivorId };
  const groups = answers.groups.filter((_g, i) => !touched[i]);
  groups.splice(at === -1 ? groups.length : at, 0, group);
  return { ...answers, groups };
}

export function unlinkGroup(answers: MpiAnswers, index: number): { answers: MpiAnswers; removed?: LinkGroup } {
  const removed = answers.groups[index];
  if (!removed) return { answers };
  return { answers: { ...answers, groups: answers.groups.filter((_g, i) => i !== index) }, removed };
}

/** Undo of unlink: the group goes back where it was, unless its records have been linked again since. */
export function restoreGroup(answers: MpiAnswers, group: LinkGroup, index: number): MpiAnswers {
  if (group.recordIds.some((id) => groupIndexOf(answers, id) !== -1)) return linkRecords(answers, group.recordIds, group.survivorId);
  const groups = [...answers.groups];
  groups.splice(Math.min(index, groups.length), 0, group);
  return { ...answers, groups };
}

export function setSurvivor(answers: MpiAnswers, index: number, survivorId: string): MpiAnswers {
  return {
    ...answers,
    groups: answers.groups.map((g, i) => (i === index && g.recordIds.includes(survivorId) ? { ...g, survivorId } : g)),
  };
}

/** "O'KON, Raquel Alexie": family name first in capitals, as an index lists people. */
export function indexName(r: MpiRecord): string {
  return [`${r.family.toUpperCase()},`, r.given, r.middle, r.suffix].filter(Boolean).join(' ');
}

/** "Raquel Alexie O'Kon", for sentences. */
export function plainName(r: MpiRecord): string {
  return [r.given, r.middle, r.family, r.suffix].filter(Boolean).join(' ');
}

export interface CompareField {
  id: string;
  label: string;
  value: (r: MpiRecord) => string;
  /**
   * Whether a difference is a clue. Every registration has its own MRN, record id and creation
   * date (that is what makes it a duplicate), so those are shown but never marked.
   */
  identity: boolean;
}

export const COMPARE_FIELDS: readonly CompareField[] = [
  { id: 'recordId', label: 'Record', value: (r) => r.recordId, identity: false },
  { id: 'mrn', label: 'MRN', value: (r) => r.mrn, identity: false },
  { id: 'family', label: 'Family name', value: (r) => r.family, identity: true },
  { id: 'given', label: 'Given name', value: (r) => r.given, identity: true },
  { id: 'middle', label: 'Middle name', value: (r) => r.middle ?? '', identity: true },
  { id: 'suffix', label: 'Suffix', value: (r) => r.suffix ?? '', identity: true },
  { id: 'birthDate', label: 'DOB', value: (r) => formatDate(r.birthDate), identity: true },
  { id: 'sex', label: 'Sex', value: (r) => genderText(r.sex), identity: true },
  { id: 'address', label: 'Address', value: (r) => r.address, identity: true },
  { id: 'phone', label: 'Phone', value: (r) => r.phone, identity: true },
  { id: 'ssnLast4', label: 'SSN last 4', value: (r) => r.ssnLast4 ?? '', identity: true },
  { id: 'created', label: 'Created', value: (r) => formatDate(r.created), identity: false },
];

/** Identity fields whose values are not all the same (case and spacing ignored). */
export function differingFields(records: readonly MpiRecord[]): Set<string> {
  const out = new Set<string>();
  for (const f of COMPARE_FIELDS) {
    if (!f.identity) continue;
    const values = new Set(records.map((r) => f.value(r).trim().toLowerCase().replace(/\s+/g, ' ')));
    if (values.size > 1) out.add(f.id);
  }
  return out;
}
