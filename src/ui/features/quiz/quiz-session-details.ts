import { z } from 'zod';
import { QUIZ_TOPICS } from '@/domain/quiz/question-schema';
import { DIFFICULTIES } from '@/domain/scenario/scenario-schema';

/**
 * What a quiz keeps in QuizSession.details (src/db/records.ts leaves that field to the quiz).
 * Apart from quiz-record.ts so that lists of sessions can read it without the generators.
 */

const responseSchema = z.object({ entered: z.string(), choice: z.int().min(0).optional(), correct: z.boolean() });

/** Bump `version` (and keep reading the old one) if this changes. */
export const quizSessionDetailsSchema = z.object({
  format: z.literal('chartlab.quiz'),
  version: z.literal(1),
  mode: z.enum(['practice', 'test', 'review']),
  /** Chosen at setup; null: every topic / a mix of levels. */
  topicsChosen: z.array(z.enum(QUIZ_TOPICS)).nullable(),
  difficulty: z.enum(DIFFICULTIES).nullable(),
  timeLimitMs: z.number().nullable(),
  passMark: z.number().min(0).max(1).nullable(),
  timedOut: z.boolean(),
  /** Tests only: whether the score reached the pass mark. */
  passed: z.boolean().nullable(),
  /** The topic of each item, parallel to the session's itemKeys (accuracy without regenerating). */
  itemTopics: z.array(z.string()),
  /** Each item's answer, parallel to itemKeys; null when it was never answered (time ran out). */
  responses: z.array(responseSchema.nullable()),
});
export type QuizSessionDetails = z.infer<typeof quizSessionDetailsSchema>;
