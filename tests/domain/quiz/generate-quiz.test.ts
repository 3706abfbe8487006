import { describe, expect, it } from 'vitest';
import { generateChart } from '@/domain/chart/generate-chart';
import { allowedKinds, generateQuiz, QuizOptionsError } from '@/domain/quiz/generate-quiz';
import { KIND_TOPIC, QUESTION_KINDS, QUIZ_TOPICS } from '@/domain/quiz/question-schema';
import { DIFFICULTIES } from '@/domain/scenario/scenario-schema';

describe('generateQuiz', () => {
  it('gives byte-identical JSON for the same seed and options', () => {
    const a = JSON.stringify(generateQuiz(7, { count: 20 }));
    const b = JSON.stringify(generateQuiz(7, { count: 20 }));
    expect(a).toBe(b);
    expect(JSON.stringify(generateQuiz(7, { count: 8, topics: ['coding', 'abstraction'], difficulty: 'advanced' }))).toBe(
      JSON.stringify(generateQuiz(7, { count: 8, topics: ['coding', 'abstraction'], difficulty: 'advanced' })),
    );
  });

  it('gives a different quiz for a different seed', () => {
    const a = generateQuiz(7, { count: 12 });
    const b = generateQuiz(8, { count: 12 });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(a.map((q) => q.prompt).filter((p) => b.some((q) => q.prompt === p)).length).toBeLessThan(3);
  });

  it('makes a shorter quiz the start of a longer one with the same seed', () => {
    const long = generateQuiz(11, { count: 24 });
    expect(generateQuiz(11, { count: 9 })).toEqual(long.slice(0, 9));
  });

  it('returns exactly n questions for every n from 1 to 60', () => {
    for (let n = 1; n <= 60; n++) expect(generateQuiz(n * 13, { count: n })).toHaveLength(n);
  }, 60_000);

  it('returns exactly n questions of the one topic asked for, for every topic', () => {
    for (const topic of QUIZ_TOPICS) {
      const quiz = generateQuiz(5, { count: 15, topics: [topic] });
      expect(quiz, topic).toHaveLength(15);
      expect(new Set(quiz.map((q) => q.topic)), topic).toEqual(new Set([topic]));
    }
  });

  it('keeps every question at the level asked for', () => {
    for (const difficulty of DIFFICULTIES) {
      const quiz = generateQuiz(3, { count: 14, difficulty });
      expect(new Set(quiz.map((q) => q.difficulty))).toEqual(new Set([difficulty]));
    }
  });

  it('deals the kinds evenly and never repeats a prompt', () => {
    const quiz = generateQuiz(99, { count: 70 });
    const perKind = QUESTION_KINDS.map((k) => quiz.filter((q) => q.kind === k).length);
    expect(perKind).toEqual(QUESTION_KINDS.map(() => 10));
    expect(new Set(quiz.map((q) => q.prompt)).size).toBe(70);
    expect(new Set(quiz.map((q) => q.id)).size).toBe(70);
    for (const q of quiz) expect(q.topic).toBe(KIND_TOPIC[q.kind]);
  });

  it('mixes the levels when none is asked for', () => {
    expect(new Set(generateQuiz(21, { count: 30 }).map((q) => q.difficulty))).toEqual(new Set(DIFFICULTIES));
  });

  it('rejects a bad count, seed, topic, kind or level with a clear message', () => {
    expect(() => generateQuiz(1, { count: 0 })).toThrow(QuizOptionsError);
    expect(() => generateQuiz(1, { count: 2.5 })).toThrow(/whole number/);
    expect(() => generateQuiz(-1, { count: 2 })).toThrow(/seed/);
    expect(() => generateQuiz(1, { count: 2, topics: ['cooking' as never] })).toThrow(/Unknown topic "cooking"; topics are abstraction, coding/);
    expect(() => generateQuiz(1, { count: 2, kinds: ['essay' as never] })).toThrow(/Unknown question kind/);
    expect(() => generateQuiz(1, { count: 2, difficulty: 'expert' as never })).toThrow(/Unknown difficulty/);
    expect(() => allowedKinds({ topics: ['coding'], kinds: ['abstraction'] })).toThrow(/no question kind/);
  });

  it('generates a 20-question quiz well within 100 ms (after warm-up)', () => {
    generateQuiz(1, { count: 20 });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const quizMs: number[] = [];
    for (let s = 0; s < 7; s++) {
      const t = performance.now();
      generateQuiz(500 + s, { count: 20 });
      quizMs.push(performance.now() - t);
    }
    // The budget assumes a chart takes about half a millisecond; on a loaded machine, where a
    // chart takes longer, it scales with the measured chart time (a quiz builds about two charts).
    const chartMs: number[] = [];
    for (let s = 0; s < 7; s++) {
      const t = performance.now();
      generateChart({ seed: 900 + s, refDate: '2026-06-30' });
      chartMs.push(performance.now() - t);
    }
    expect(median(quizMs)).toBeLessThan(Math.max(100, 8 * median(chartMs)));
  });
});
