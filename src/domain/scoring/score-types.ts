/** What scoring returns: the same shape in the app, the CLI and exported results. */

export type Verdict = 'correct' | 'partial' | 'wrong' | 'missing' | 'extra';

export interface Evidence {
  documentId: string;
  documentTitle: string;
  start: number;
  end: number;
  /** The quoted text of the span. */
  quote: string;
}

export interface FeedbackItem {
  /** Stable id: `<section>:<key item index>:<field>` or `<section>:extra:<n>`. */
  id: string;
  section: string;
  /** What is being scored: "Allergy: penicillin — reaction". */
  label: string;
  field: string;
  expected: string;
  entered: string | null;
  /** Points earned out of `weight`. */
  earned: number;
  weight: number;
  verdict: Verdict;
  /** Why the credit is partial or missing, in plain words. */
  note?: string;
  /** Why this field matters for patient safety or record integrity. */
  whyItMatters: string;
  evidence: Evidence[];
  /** For validation tasks: the error type this item is about. */
  errorType?: string;
}

export interface ScoreReport {
  scenarioId: string;
  seed: number;
  kind: string;
  /** earned / possible, 0 to 1. */
  score: number;
  passed: boolean;
  passingScore: number;
  earned: number;
  possible: number;
  /** Precision/recall where the task is about finding things (validation, MPI), else omitted. */
  metrics?: { precision: number; recall: number; correctionAccuracy?: number; truePositives: number; falsePositives: number; falseNegatives: number };
  sections: { section: string; earned: number; possible: number }[];
  items: FeedbackItem[];
}
