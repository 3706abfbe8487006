import type { EvidenceSpan } from '@/domain/chart/chart-types';
import type { FilingExercise } from '@/domain/exercise/exercise-types';
import type { Evidence, FeedbackItem, ScoreReport, Verdict } from '@/domain/scoring/score-types';

/** The scored fields of one document, from `scoreFiling`'s items `filing:<key index>:<field>`. */
export interface DocumentFeedback {
  patient?: FeedbackItem;
  section?: FeedbackItem;
  position?: FeedbackItem;
  /** Where the document names its patient (name, DOB, MRN). */
  evidence: Evidence[];
}

const FIELDS = ['patient', 'section', 'position'] as const;

export function feedbackByDocument(exercise: FilingExercise, report: ScoreReport | undefined): Map<string, DocumentFeedback> {
  const out = new Map<string, DocumentFeedback>();
  if (!report) return out;
  for (const item of report.items) {
    const m = /^filing:(\d+):(patient|section|position)$/.exec(item.id);
    const key = m ? exercise.key[Number(m[1])] : undefined;
    if (!m || !key) continue;
    const entry = out.get(key.documentId) ?? { evidence: [] };
    entry[m[2] as (typeof FIELDS)[number]] = item;
    if (entry.evidence.length === 0) entry.evidence = item.evidence;
    out.set(key.documentId, entry);
  }
  return out;
}

/** Placements the scorer did not count (filed twice, unknown patient). */
export function extraItems(report: ScoreReport | undefined): FeedbackItem[] {
  return report?.items.filter((i) => i.verdict === 'extra') ?? [];
}

/** The worst verdict of a document's fields, for its summary line. */
export function overallVerdict(feedback: DocumentFeedback): Verdict {
  const verdicts = FIELDS.map((f) => feedback[f]?.verdict).filter((v): v is Verdict => v !== undefined);
  if (verdicts.includes('missing')) return 'missing';
  if (verdicts.includes('wrong')) return verdicts.every((v) => v === 'wrong') ? 'wrong' : 'partial';
  return 'correct';
}

export function evidenceSpans(evidence: readonly Evidence[], documentId: string): EvidenceSpan[] {
  return evidence.filter((e) => e.documentId === documentId).map((e) => ({ ref: 'Patient', field: 'name, DOB or MRN', start: e.start, end: e.end }));
}

export function fieldsRight(report: ScoreReport | undefined, field: (typeof FIELDS)[number]): { right: number; of: number } {
  const items = report?.items.filter((i) => i.field === field && /^filing:\d+:/.test(i.id)) ?? [];
  return { right: items.filter((i) => i.verdict === 'correct').length, of: items.length };
}
