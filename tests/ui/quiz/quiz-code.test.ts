import { describe, expect, it } from 'vitest';
import { formatQuizCode, newQuizSeed, parseQuizCode, type QuizCode } from '@/ui/features/quiz/quiz-code';

describe('quiz codes', () => {
  it('round-trips the options through the link: options → hash → options', () => {
    const codes: QuizCode[] = [
      { seed: 123, count: 10, topics: ['coding', 'terminology'], difficulty: 'intro', mode: 'test' },
      { seed: 0, count: 1, mode: 'practice' },
      { seed: 4294967295, count: 50, topics: ['record-integrity'], mode: 'practice' },
      { seed: 42, count: 20, difficulty: 'advanced', mode: 'test' },
    ];
    for (const code of codes) {
      const hash = formatQuizCode(code);
      expect(parseQuizCode(hash)).toEqual({ ok: true, code });
      expect(parseQuizCode(`http://lab.example/chartlab/${hash}`)).toEqual({ ok: true, code });
    }
  });

  it('writes the code the way the brief shows it, topics in catalog order', () => {
    expect(formatQuizCode({ seed: 123, count: 10, topics: ['terminology', 'coding'], difficulty: 'intro', mode: 'test' })).toBe(
      '#/quiz?seed=123&count=10&topics=coding,terminology&difficulty=intro&mode=test',
    );
  });

  it('leaves out the topics when all are chosen, and reads a bare seed with the defaults', () => {
    const all = formatQuizCode({ seed: 5, count: 10, topics: ['abstraction', 'coding', 'interpretation', 'terminology', 'data-quality', 'chronology', 'record-integrity'], mode: 'practice' });
    expect(all).toBe('#/quiz?seed=5&count=10&mode=practice');
    expect(parseQuizCode(' 777 ')).toEqual({ ok: true, code: { seed: 777, count: 10, mode: 'practice' } });
    expect(parseQuizCode(new URLSearchParams('seed=9&count=5&difficulty=mixed'))).toEqual({ ok: true, code: { seed: 9, count: 5, mode: 'practice' } });
  });

  it('explains what is wrong with a code it cannot read', () => {
    expect(parseQuizCode('')).toMatchObject({ ok: false, error: 'Enter a quiz code or link.' });
    expect(parseQuizCode('hello')).toMatchObject({ ok: false, error: expect.stringContaining('no seed') });
    expect(parseQuizCode('seed=-1')).toMatchObject({ ok: false, error: expect.stringContaining('whole number') });
    expect(parseQuizCode('seed=4294967296')).toMatchObject({ ok: false });
    expect(parseQuizCode('seed=1&count=51')).toMatchObject({ ok: false, error: expect.stringContaining('from 1 to 50') });
    expect(parseQuizCode('seed=1&topics=coding,cooking')).toMatchObject({ ok: false, error: 'Unknown topic “cooking”.' });
    expect(parseQuizCode('seed=1&difficulty=hard')).toMatchObject({ ok: false, error: expect.stringContaining('intro, intermediate or advanced') });
    expect(parseQuizCode('seed=1&mode=review')).toMatchObject({ ok: false, error: expect.stringContaining('practice or test') });
  });

  it('draws new seeds from the platform random source, in the generator range', () => {
    const seeds = Array.from({ length: 20 }, () => newQuizSeed());
    for (const seed of seeds) expect(Number.isInteger(seed) && seed >= 0 && seed <= 4294967295).toBe(true);
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
});
