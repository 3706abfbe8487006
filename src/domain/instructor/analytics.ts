import type { Verdict } from '@/domain/scoring/score-types';
import type { AssignmentGradebook } from './grade';

/**
 * Class analytics for one assignment, from its gradebook (counted files only): how the totals
 * are spread, how each item went, which scored facts most of the class missed, and which error
 * types (validation tasks) were missed most. Every learner of an assignment worked on the same
 * seed, so a feedback item id means the same fact for everyone and can be counted across the class.
 */

export interface HistogramBin {
  /** Inclusive lower bound, 0 to 1. */
  from: number;
  /** Exclusive upper bound (the last bin includes 1). */
  to: number;
  count: number;
}

export interface ItemStats {
  index: number;
  title: string;
  /** Learners who handed this item in. */
  submitted: number;
  /** Mean score of those who handed it in (0 when nobody did). */
  averageScore: number;
  passRate: number;
}

export interface MissedFact {
  /** Column (assignment item) index. */
  index: number;
  itemTitle: string;
  /** The feedback item id (`<section>:<n>:<field>`). */
  id: string;
  label: string;
  field: string;
  expected: string;
  errorType?: string;
  /** Learners who got it wrong or missed it. */
  missed: number;
  /** Learners who handed the item in. */
  learners: number;
  /** missed / learners. */
  share: number;
}

export interface MissedErrorType {
  errorType: string;
  /** Planted errors of this type that were missed or wrong, over the class. */
  missed: number;
  /** Planted errors of this type over the class (each learner counts each one). */
  planted: number;
  share: number;
  /** Learners who missed at least one. */
  learners: number;
}

export interface ClassAnalytics {
  learners: number;
  averageScore: number;
  medianScore: number;
  passRate: number;
  histogram: HistogramBin[];
  items: ItemStats[];
  /** Facts missed by at least one learner, most missed first. */
  mostMissed: MissedFact[];
  mostMissedErrorTypes: MissedErrorType[];
}

const MISSED: ReadonlySet<Verdict> = new Set(['missing', 'wrong']);

/** Ten bins of 10 points: [0,10), [10,20) … [90,100]. */
export function scoreHistogram(scores: readonly number[], bins = 10): HistogramBin[] {
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, count: 0 }));
  for (const score of scores) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor(score * bins + 1e-9)));
    (out[i] as HistogramBin).count += 1;
  }
  return out;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function classAnalytics(book: AssignmentGradebook): ClassAnalytics {
  const totals = book.rows.map((r) => r.total);
  const items: ItemStats[] = book.columns.map((column) => {
    const graded = book.rows.flatMap((r) => (r.items[column.index] ? [r.items[column.index]!] : []));
    return {
      index: column.index,
      title: column.title,
      submitted: graded.length,
      averageScore: graded.length ? graded.reduce((s, i) => s + i.score, 0) / graded.length : 0,
      passRate: graded.length ? graded.filter((i) => i.passed).length / graded.length : 0,
    };
  });

  const facts = new Map<string, MissedFact>();
  const errorTypes = new Map<string, MissedErrorType & { who: Set<string> }>();
  for (const row of book.rows) {
    for (const item of row.items) {
      if (!item) continue;
      const column = book.columns[item.index];
      for (const feedback of item.report.items) {
        // Extras (false alarms) have no fixed id across learners; they are not "missed facts".
        if (feedback.verdict === 'extra') continue;
        const key = `${item.index}|${feedback.id}`;
        const fact = facts.get(key) ?? {
          index: item.index,
          itemTitle: column?.title ?? '',
          id: feedback.id,
          label: feedback.label,
          field: feedback.field,
          expected: feedback.expected,
          ...(feedback.errorType ? { errorType: feedback.errorType } : {}),
          missed: 0,
          learners: 0,
          share: 0,
        };
        fact.learners += 1;
        if (MISSED.has(feedback.verdict)) fact.missed += 1;
        facts.set(key, fact);
      }
      // Per planted error (its found / type / correction items share an id prefix): missed when
      // any part of it was missed or wrong.
      const planted = new Map<string, { errorType: string; missed: boolean }>();
      for (const feedback of item.report.items) {
        if (!feedback.errorType || feedback.verdict === 'extra') continue;
        const errorKey = feedback.id.replace(/:[^:]*$/, '');
        const entry = planted.get(errorKey) ?? { errorType: feedback.errorType, missed: false };
        entry.missed ||= MISSED.has(feedback.verdict);
        planted.set(errorKey, entry);
      }
      for (const { errorType, missed } of planted.values()) {
        const t = errorTypes.get(errorType) ?? { errorType, missed: 0, planted: 0, share: 0, learners: 0, who: new Set<string>() };
        t.planted += 1;
        if (missed) {
          t.missed += 1;
          t.who.add(row.learnerKey);
        }
        errorTypes.set(errorType, t);
      }
    }
  }
  const mostMissed = [...facts.values()]
    .filter((f) => f.missed > 0)
    .map((f) => ({ ...f, share: f.missed / f.learners }))
    .sort((a, b) => b.share - a.share || b.missed - a.missed || a.index - b.index || a.id.localeCompare(b.id));
  const mostMissedErrorTypes = [...errorTypes.values()]
    .map(({ who, ...t }) => ({ ...t, learners: who.size, share: t.planted ? t.missed / t.planted : 0 }))
    .filter((t) => t.missed > 0)
    .sort((a, b) => b.share - a.share || b.missed - a.missed || a.errorType.localeCompare(b.errorType));

  return {
    learners: book.rows.length,
    averageScore: totals.length ? totals.reduce((s, t) => s + t, 0) / totals.length : 0,
    medianScore: median(totals),
    passRate: totals.length ? book.rows.filter((r) => r.passed).length / totals.length : 0,
    histogram: scoreHistogram(totals),
    items,
    mostMissed,
    mostMissedErrorTypes,
  };
}
