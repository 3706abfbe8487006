import { generateQuiz } from '@/domain/quiz/generate-quiz';
import { DIFFICULTIES } from '@/domain/scenario/scenario-schema';
import { QUESTION_KINDS, type Question, type QuestionKind } from '@/domain/quiz/question-schema';

/**
 * A named, canonical sample of generated questions shared by the quiz tests: every kind at every
 * level from a few fixed seeds, plus a mixed quiz. Generated once per test file.
 */
export const SAMPLE_SEEDS = [1, 42, 2026];

export function sampleQuestions(perCell = 4): Question[] {
  const out: Question[] = [];
  for (const seed of SAMPLE_SEEDS) {
    for (const kind of QUESTION_KINDS) {
      for (const difficulty of DIFFICULTIES) out.push(...generateQuiz(seed, { count: perCell, kinds: [kind], difficulty }));
    }
    out.push(...generateQuiz(seed, { count: 30 }));
  }
  return out;
}

export function ofKind(questions: readonly Question[], kind: QuestionKind): Question[] {
  return questions.filter((q) => q.kind === kind);
}

/**
 * The first question of the given kind and level, over seeds 1, 2, 3 …, that satisfies
 * `predicate`: a deterministic way to pick a canonical question that does not break when a
 * generator changes which question a particular seed yields.
 */
export function firstQuestion(kind: QuestionKind, difficulty: (typeof DIFFICULTIES)[number], predicate: (q: Question) => boolean, maxSeed = 500): Question {
  for (let seed = 1; seed <= maxSeed; seed++) {
    const found = generateQuiz(seed, { count: 6, kinds: [kind], difficulty }).find(predicate);
    if (found) return found;
  }
  throw new Error(`No ${difficulty} ${kind} question matched within ${maxSeed} seeds`);
}
