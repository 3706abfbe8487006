import type { Exercise } from '@/domain/exercise/exercise-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import { sectionLabel } from '@/ui/components/exercise-format';

/** Optional answer fields that a blank does not count against (score-recording skips them). */
const OPTIONAL_FIELDS = new Set(['icd10']);

/**
 * What is still blank, in plain words, for the confirm dialog. It never says how many items the
 * key has (that would give the answer away), only what the learner left empty.
 */
export function unansweredSummary(exercise: Exercise, answers: Answers): string[] {
  const out: string[] = [];
  switch (answers.kind) {
    case 'recording': {
      if (exercise.kind !== 'recording') return out;
      for (const section of exercise.sections) {
        const rows = answers[section] as Record<string, string>[];
        if (rows.length === 0) {
          out.push(`${sectionLabel(section)}: nothing recorded`);
          continue;
        }
        const blankRows = rows.filter((row) => Object.values(row).every((v) => v.trim() === '')).length;
        const emptyFields = rows
          .filter((row) => Object.values(row).some((v) => v.trim() !== ''))
          .reduce((n, row) => n + Object.entries(row).filter(([name, v]) => !OPTIONAL_FIELDS.has(name) && v.trim() === '').length, 0);
        const parts = [];
        if (emptyFields > 0) parts.push(`${emptyFields} empty ${emptyFields === 1 ? 'field' : 'fields'}`);
        if (blankRows > 0) parts.push(`${blankRows} blank ${blankRows === 1 ? 'row' : 'rows'} (not scored)`);
        if (parts.length) out.push(`${sectionLabel(section)}: ${parts.join(', ')}`);
      }
      return out;
    }
    case 'filing': {
      if (exercise.kind !== 'filing') return out;
      const left = exercise.pile.length - new Set(answers.placements.map((p) => p.documentId)).size;
      if (left > 0) out.push(`${left} of ${exercise.pile.length} documents not filed`);
      return out;
    }
    case 'mpi':
      if (answers.groups.length === 0) out.push('No duplicate records grouped');
      return out;
    case 'validation':
      if (answers.findings.length === 0) out.push('No errors flagged');
      return out;
  }
}
