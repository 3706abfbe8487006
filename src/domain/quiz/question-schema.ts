import { z } from 'zod';
import { DIFFICULTIES } from '@/domain/scenario/scenario-schema';
import { normalizeText } from '@/domain/scoring/match';

/**
 * The shape of a drill question. Generators build questions directly (no parse on the hot path);
 * the schema is the contract for the UI, for anything stored in Dexie, and for the tests, which
 * parse every generated question through it.
 */

export const QUESTION_KINDS = [
  'abstraction',
  'code-assignment',
  'result-interpretation',
  'abbreviation',
  'spot-the-error',
  'chronology',
  'record-integrity',
] as const;

export const QUIZ_TOPICS = ['abstraction', 'coding', 'interpretation', 'terminology', 'data-quality', 'chronology', 'record-integrity'] as const;

export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type QuizTopic = (typeof QUIZ_TOPICS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];

/** Each kind drills one topic (the skill a progress view groups scores by). */
export const KIND_TOPIC: Record<QuestionKind, QuizTopic> = {
  abstraction: 'abstraction',
  'code-assignment': 'coding',
  'result-interpretation': 'interpretation',
  abbreviation: 'terminology',
  'spot-the-error': 'data-quality',
  chronology: 'chronology',
  'record-integrity': 'record-integrity',
};

/**
 * How a typed answer is compared (src/domain/scoring/match.ts does the work):
 * `text` synonyms and spelling tolerance, `number` at the answer's decimals, `date` any U.S.
 * date style, `dose` number and unit (500 mg = 0.5 g), `unit` UCUM synonyms, `code` ICD-10-CM /
 * LOINC / CVX with or without the dot and a CVX leading zero, `identifier` exact digits (an MRN),
 * `sequence` letters in order ("B, A, C" = "BAC").
 */
export const MATCH_RULES = ['text', 'number', 'date', 'dose', 'unit', 'code', 'identifier', 'sequence'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

/** Two choice texts are the same choice when they normalize alike (case, spacing, punctuation). */
export function choiceKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, '');
}

export const choiceSchema = z.object({ text: z.string().min(1), correct: z.boolean() });

export const questionSourceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('chart'),
    /** generateChart seed; the chart spec is fixed by the seed (see quiz-charts.ts). */
    seed: z.int().min(0).max(4294967295),
    refDate: z.string(),
    documentId: z.string().optional(),
  }),
  z.object({
    type: z.literal('code-table'),
    table: z.enum(['conditions', 'labs', 'vaccines', 'frequencies', 'abbreviations', 'registrations']),
  }),
]);

export const questionSchema = z
  .object({
    /** Also the item key: enough to regenerate the question (see itemKey / regenerateQuestion). */
    id: z.string().min(1),
    kind: z.enum(QUESTION_KINDS),
    topic: z.enum(QUIZ_TOPICS),
    difficulty: z.enum(DIFFICULTIES),
    prompt: z.string().min(1),
    /** Source text the question is about, printed monospace. */
    excerpt: z.string().min(1).optional(),
    /** The evidence in `excerpt` (character offsets, end exclusive), for highlighting. */
    evidence: z.object({ start: z.int().min(0), end: z.int().min(0) }).optional(),
    format: z.enum(['multiple-choice', 'typed']),
    choices: z.array(choiceSchema).min(3).max(5).optional(),
    /** The canonical answer: the correct choice's text, or the expected typed text. */
    answer: z.string().min(1),
    /** Other typed answers that count (synonyms, other date styles, abbreviations). */
    accepted: z.array(z.string().min(1)).optional(),
    match: z.enum(MATCH_RULES).optional(),
    explanation: z.string().min(1),
    source: questionSourceSchema.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.topic !== KIND_TOPIC[q.kind]) ctx.addIssue({ code: 'custom', path: ['topic'], message: `a ${q.kind} question has topic ${KIND_TOPIC[q.kind]}` });
    if (q.format === 'multiple-choice') {
      if (!q.choices) {
        ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a multiple-choice question needs choices' });
        return;
      }
      const correct = q.choices.filter((c) => c.correct);
      if (correct.length !== 1) ctx.addIssue({ code: 'custom', path: ['choices'], message: `exactly one correct choice, found ${correct.length}` });
      else if (correct[0]?.text !== q.answer) ctx.addIssue({ code: 'custom', path: ['answer'], message: 'the answer is the correct choice text' });
      const keys = new Set(q.choices.map((c) => choiceKey(c.text)));
      if (keys.size !== q.choices.length) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'choices must be distinct' });
    } else {
      if (q.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a typed question has no choices' });
      if (!q.match) ctx.addIssue({ code: 'custom', path: ['match'], message: 'a typed question names its match rule' });
    }
    if (q.evidence) {
      const length = q.excerpt?.length ?? -1;
      if (q.evidence.start >= q.evidence.end || q.evidence.end > length) {
        ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'evidence must be a non-empty range inside the excerpt' });
      }
    }
  });

export type Choice = z.infer<typeof choiceSchema>;
export type QuestionSource = z.infer<typeof questionSourceSchema>;
export type Question = z.infer<typeof questionSchema>;

export interface QuizOptions {
  count: number;
  /** Only these topics (default: all). */
  topics?: readonly QuizTopic[];
  /** Only these kinds (default: all); combined with `topics`, both must allow a kind. */
  kinds?: readonly QuestionKind[];
  /** Every question at this level (default: a mix). */
  difficulty?: Difficulty;
}
