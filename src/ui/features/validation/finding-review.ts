import type { InjectedError, ValidationExercise } from '@/domain/exercise/exercise-types';
import type { Evidence, FeedbackItem, ScoreReport, Verdict } from '@/domain/scoring/score-types';
import type { ValidationAnswers } from '@/domain/scoring/submission-schema';
import { errorTypeLabel } from './error-types';

type Finding = ValidationAnswers['findings'][number];

/** How one of the learner's findings fared. */
export type FindingReview =
  | {
      matched: true;
      /** The planted error this finding was credited for. */
      error: InjectedError;
      type: Verdict;
      correction: Verdict;
      evidence: Evidence[];
      whyItMatters: string;
    }
  | { matched: false; note: string };

/** A planted error no finding was credited for. */
export interface MissedError {
  error: InjectedError;
  evidence: Evidence[];
  whyItMatters: string;
}

export interface ValidationReview {
  /** One entry per finding, in the order of `answers.findings`. */
  findings: FindingReview[];
  missed: MissedError[];
}

const FALSE_ALARM_NOTE = 'Nothing was planted here: this flag counts as a false alarm.';

/**
 * Read the score report back onto the learner's findings. The report is the authority (it is what
 * was scored); its item ids name the planted error (`validation:<i>:<field>`) or the finding that
 * matched nothing (`validation:extra:<j>`), so this only has to work out which of the credited
 * findings went with which error: the one on an accepted target whose type and correction are the
 * ones the report quotes.
 */
export function reviewFindings(exercise: ValidationExercise, answers: ValidationAnswers, report: ScoreReport): ValidationReview {
  const items = new Map<string, FeedbackItem>(report.items.map((item) => [item.id, item]));
  const reviews: (FindingReview | undefined)[] = answers.findings.map((_, j) => {
    const extra = items.get(`validation:extra:${j}`);
    return extra ? { matched: false, note: extra.note ?? FALSE_ALARM_NOTE } : undefined;
  });
  const missed: MissedError[] = [];

  exercise.errors.forEach((error, i) => {
    const found = items.get(`validation:${i}:found`);
    const type = items.get(`validation:${i}:type`);
    const correction = items.get(`validation:${i}:correction`);
    const evidence = found?.evidence ?? [];
    const whyItMatters = found?.whyItMatters ?? '';
    if (!found || found.verdict === 'missing') {
      missed.push({ error, evidence, whyItMatters });
      return;
    }
    const targets = new Set([error.target, ...error.alsoAccept]);
    const open = (j: number, f: Finding) => reviews[j] === undefined && targets.has(f.target);
    const same = (f: Finding) => errorTypeLabel(f.errorType) === type?.entered && f.correction === (correction?.entered ?? f.correction);
    let j = answers.findings.findIndex((f, k) => open(k, f) && same(f));
    if (j < 0) j = answers.findings.findIndex((f, k) => open(k, f) && found.entered === `Flagged ${f.target}`);
    if (j < 0) j = answers.findings.findIndex((f, k) => open(k, f));
    if (j < 0) return;
    reviews[j] = {
      matched: true,
      error,
      type: type?.verdict ?? 'missing',
      correction: correction?.verdict ?? 'missing',
      evidence,
      whyItMatters,
    };
  });

  return {
    findings: reviews.map((review) => review ?? { matched: false, note: FALSE_ALARM_NOTE }),
    missed,
  };
}
