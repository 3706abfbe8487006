import { ERROR_CATALOG, correctionMatches } from '@/domain/exercise/error-catalog';
import type { ValidationExercise } from '@/domain/exercise/exercise-types';
import type { ErrorType } from '@/domain/scenario/scenario-schema';
import type { Evidence, FeedbackItem, ScoreReport } from './score-types';
import type { ValidationAnswers } from './submission-schema';

/** A flag on something that is not wrong costs as much as finding an error earns. */
const FALSE_POSITIVE_WEIGHT = 1;

function evidenceOf(exercise: ValidationExercise, spans: ValidationExercise['errors'][number]['evidence']): Evidence[] {
  return spans.flatMap(({ documentId, start, end }) => {
    const doc = exercise.chart.documents.find((d) => d.id === documentId);
    return doc ? [{ documentId, documentTitle: doc.title, start, end, quote: doc.text.slice(start, end) }] : [];
  });
}

function labelOf(type: string): string {
  return ERROR_CATALOG[type as ErrorType]?.label ?? type;
}

/**
 * Validation scoring: each planted error earns 1 for being flagged (on its target or an accepted
 * alternative), 1 for the right classification and 1 for a right correction; every flag that
 * matches no planted error costs 1. Precision, recall and correction accuracy are reported so a
 * learner who flags everything sees why that does not pay.
 */
export function scoreValidation(exercise: ValidationExercise, answers: ValidationAnswers): ScoreReport {
  const items: FeedbackItem[] = [];
  const used = new Set<number>();
  let truePositives = 0;
  let correctCorrections = 0;
  exercise.errors.forEach((error, i) => {
    const targets = new Set([error.target, ...error.alsoAccept]);
    // A flag counts for this error when it names the error's target (or an accepted alternative
    // with the right type); alternatives can be shared between errors, so they need the type.
    const match = answers.findings.findIndex((f, j) => !used.has(j) && targets.has(f.target) && f.errorType === error.type);
    const index = match >= 0 ? match : answers.findings.findIndex((f, j) => !used.has(j) && f.target === error.target);
    const finding = index >= 0 ? answers.findings[index] : undefined;
    if (finding) used.add(index);
    const info = ERROR_CATALOG[error.type];
    const evidence = evidenceOf(exercise, error.evidence);
    const base = { section: 'validation', whyItMatters: info.whyItMatters, evidence, errorType: error.type };
    const found = finding !== undefined;
    if (found) truePositives += 1;
    items.push({
      ...base,
      id: `validation:${i}:found`,
      label: `${info.label}: ${error.description}`,
      field: 'found',
      expected: `Flag ${error.target}`,
      entered: found ? `Flagged ${finding.target}` : null,
      earned: found ? 1 : 0,
      weight: 1,
      verdict: found ? 'correct' : 'missing',
      note: found ? undefined : 'This error was not flagged.',
    });
    const classified = found && finding.errorType === error.type;
    items.push({
      ...base,
      id: `validation:${i}:type`,
      label: `${info.label} — classification`,
      field: 'errorType',
      expected: info.label,
      entered: found ? labelOf(finding.errorType) : null,
      earned: classified ? 1 : 0,
      weight: 1,
      verdict: classified ? 'correct' : found ? 'wrong' : 'missing',
      note: found && !classified ? `Flagged, but classified as “${labelOf(finding.errorType)}”.` : undefined,
    });
    const corrected = found && correctionMatches(error, finding.correction);
    if (corrected) correctCorrections += 1;
    items.push({
      ...base,
      id: `validation:${i}:correction`,
      label: `${info.label} — correction`,
      field: 'correction',
      expected: error.correction,
      entered: found ? finding.correction : null,
      earned: corrected ? 1 : 0,
      weight: 1,
      verdict: corrected ? 'correct' : found && finding.correction.trim() !== '' ? 'wrong' : 'missing',
    });
  });
  answers.findings.forEach((finding, j) => {
    if (used.has(j)) return;
    items.push({
      id: `validation:extra:${j}`,
      section: 'validation',
      label: `Flag on ${finding.target} (${labelOf(finding.errorType)})`,
      field: 'found',
      expected: '(no error here)',
      entered: finding.correction || labelOf(finding.errorType),
      earned: 0,
      weight: FALSE_POSITIVE_WEIGHT,
      verdict: 'extra',
      note: 'Nothing was planted here: a false alarm costs the reviewer and the provider time, and erodes trust in the audit.',
      whyItMatters: 'Validation is about precision as much as recall: every query sent to a clinician should be justified.',
      evidence: [],
    });
  });
  const earned = items.reduce((s, x) => s + x.earned, 0);
  const possible = items.reduce((s, x) => s + x.weight, 0);
  const falsePositives = answers.findings.length - used.size;
  const falseNegatives = exercise.errors.length - truePositives;
  const score = possible === 0 ? 0 : earned / possible;
  return {
    scenarioId: exercise.scenario.id,
    seed: exercise.seed,
    kind: 'validation',
    score,
    passed: score >= exercise.scenario.passingScore,
    passingScore: exercise.scenario.passingScore,
    earned,
    possible,
    metrics: {
      precision: truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives),
      recall: exercise.errors.length === 0 ? 0 : truePositives / exercise.errors.length,
      correctionAccuracy: truePositives === 0 ? 0 : correctCorrections / truePositives,
      truePositives,
      falsePositives,
      falseNegatives,
    },
    sections: [{ section: 'validation', earned, possible }],
    items,
  };
}
