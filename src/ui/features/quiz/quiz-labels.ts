import type { QuizTopic } from '@/domain/quiz/question-schema';
import type { QuizMode } from '@/store/quiz-slice';

/** Plain words for the quiz's topics and modes, as a learner would name them. */

export const TOPIC_LABELS: Record<QuizTopic, { name: string; hint: string }> = {
  abstraction: { name: 'Finding facts in a record', hint: 'Read an allergy, a dose, a date or an MRN off a document.' },
  coding: { name: 'Choosing codes', hint: 'ICD-10-CM, LOINC and vaccine (CVX) codes for what is documented.' },
  interpretation: { name: 'Reading lab results', hint: 'Normal, high, low or critical for this patient?' },
  terminology: { name: 'Abbreviations', hint: 'What they stand for, and which ones must not be used.' },
  'data-quality': { name: 'Spotting errors', hint: 'Find the one line of a list or report that is wrong.' },
  chronology: { name: 'Putting events in order', hint: 'Dates written in different styles, earliest first.' },
  'record-integrity': { name: 'Duplicate records', hint: 'Two registrations: the same patient or two people?' },
};

/** Topics in the catalog's order (QUIZ_TOPICS), without loading the domain's schema module. */
export const QUIZ_TOPIC_ORDER = Object.keys(TOPIC_LABELS) as QuizTopic[];

export function topicName(topic: string): string {
  return (TOPIC_LABELS as Record<string, { name: string } | undefined>)[topic]?.name ?? topic;
}

export const MODE_LABELS: Record<QuizMode, string> = {
  practice: 'Practice',
  test: 'Timed test',
  review: 'Review my mistakes',
};

/** A timed test allows this long per question, and passes at this fraction. */
export const TEST_MINUTES_PER_QUESTION = 1;
export const TEST_PASS_MARK = 0.8;

export const QUIZ_LENGTHS = [5, 10, 20] as const;
export const MIN_QUIZ_LENGTH = 1;
export const MAX_QUIZ_LENGTH = 50;

/** "Nov 23, 2026, 6:37 AM" in the learner's locale. */
export function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}
