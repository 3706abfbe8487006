import { describe, expect, it } from 'vitest';
import { formatItemKey, generateQuiz, itemKey, parseItemKey, QuizOptionsError, regenerateQuestion } from '@/domain/quiz/generate-quiz';
import { QUESTION_KINDS } from '@/domain/quiz/question-schema';

describe('item keys', () => {
  it('bring back every question of a quiz exactly, one at a time', () => {
    const quiz = generateQuiz(7, { count: 21 });
    expect(new Set(quiz.map((q) => q.kind))).toEqual(new Set(QUESTION_KINDS));
    for (const q of quiz) expect(JSON.stringify(regenerateQuestion(itemKey(q)))).toBe(JSON.stringify(q));
  });

  it('name the kind, the level, the sub-seed and, for chart questions, the chart seed', () => {
    const [chartQuestion] = generateQuiz(3, { count: 1, kinds: ['chronology'] });
    const [tableQuestion] = generateQuiz(3, { count: 1, kinds: ['abbreviation'] });
    expect(parseItemKey(itemKey(chartQuestion!))).toMatchObject({ kind: 'chronology', chartSeed: expect.any(Number) });
    expect(parseItemKey(itemKey(tableQuestion!))?.chartSeed).toBeUndefined();
    expect(formatItemKey({ kind: 'abstraction', difficulty: 'intro', subSeed: 5, chartSeed: 9 })).toBe('q1:abstraction:intro:5:c9');
  });

  it('refuse malformed keys, other versions and a chart seed on a table kind', () => {
    for (const bad of ['', 'q1:abstraction:intro', 'q0:abbreviation:intro:5', 'q1:essay:intro:5', 'q1:abbreviation:hard:5', 'q1:abbreviation:intro:5:c9', 'q1:abstraction:intro:5']) {
      expect(parseItemKey(bad), bad).toBeUndefined();
      expect(() => regenerateQuestion(bad), bad).toThrow(QuizOptionsError);
    }
  });
});
