import type { RecordingSection } from '@/domain/scenario/scenario-schema';
import type { FeedbackItem, ScoreReport } from '@/domain/scoring/score-types';
import { SECTION_FIELDS, type RecordingRow } from './recording-fields';

/** The feedback on one entered row: per answer field, or the row as a whole when it is an extra. */
export interface RowFeedback {
  fields: Partial<Record<string, FeedbackItem>>;
  extra?: FeedbackItem;
}

/** A documented item the learner did not record at all. */
export interface MissedItem {
  /** "Allergy: Penicillin G". */
  label: string;
  items: FeedbackItem[];
}

export interface SectionFeedback {
  /** Indexed like the section's rows. */
  rows: (RowFeedback | undefined)[];
  missed: MissedItem[];
  earned: number;
  possible: number;
}

/** "Allergy: penicillin G — reaction" → "Allergy: penicillin G". */
export function itemLabel(item: FeedbackItem): string {
  return item.label.replace(/ — [^—]*$/, '');
}

/**
 * Put a recording report's feedback back onto the rows the learner typed. The report names key
 * items (`allergies:0:code`) and extras by row (`allergies:extra:2`); a key item's entered values
 * are the trimmed values of the row it was matched to, which finds that row again.
 */
export function sectionFeedback(report: ScoreReport, section: RecordingSection, rows: readonly RecordingRow[]): SectionFeedback {
  const answerName = new Map(SECTION_FIELDS[section].map((f) => [f.keyField, f.name]));
  const result: SectionFeedback = { rows: rows.map(() => undefined), missed: [], earned: 0, possible: 0 };
  const totals = report.sections.find((s) => s.section === section);
  result.earned = totals?.earned ?? 0;
  result.possible = totals?.possible ?? 0;

  const byKey = new Map<string, FeedbackItem[]>();
  for (const item of report.items) {
    if (item.section !== section) continue;
    const [, which = ''] = item.id.split(':');
    if (which === 'extra') {
      const index = Number(item.id.split(':')[2]);
      if (index >= 0 && index < rows.length) result.rows[index] = { fields: {}, extra: item };
      continue;
    }
    byKey.set(which, [...(byKey.get(which) ?? []), item]);
  }

  const used = new Set<number>();
  for (const items of byKey.values()) {
    const entered = items.filter((i) => i.entered !== null);
    const first = items[0];
    if (entered.length === 0 || !first) {
      if (first) result.missed.push({ label: itemLabel(first), items });
      continue;
    }
    const index = rows.findIndex(
      (row, i) => !used.has(i) && entered.every((item) => (row[answerName.get(item.field) ?? item.field] ?? '').trim() === item.entered),
    );
    if (index === -1) {
      result.missed.push({ label: itemLabel(first), items });
      continue;
    }
    used.add(index);
    result.rows[index] = { fields: Object.fromEntries(items.map((item) => [answerName.get(item.field) ?? item.field, item])) };
  }
  return result;
}
