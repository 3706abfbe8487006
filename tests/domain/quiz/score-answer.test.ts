import { describe, expect, it } from 'vitest';
import { generateQuiz } from '@/domain/quiz/generate-quiz';
import type { Question } from '@/domain/quiz/question-schema';
import { scoreAnswer } from '@/domain/quiz/score-answer';
import { firstQuestion } from './quiz-fixtures';

/** Canonical typed abstraction questions: an allergen written "PCN" in notes, sulfa, a unit in mg/dL. */
const penicillinAllergen = firstQuestion('abstraction', 'advanced', (q) => q.prompt.includes('allergic to') && !!q.accepted?.includes('PCN'));
const sulfaAllergen = firstQuestion('abstraction', 'advanced', (q) => q.prompt.includes('allergic to') && !!q.accepted?.includes('sulfa'));
const glucoseUnit = firstQuestion('abstraction', 'advanced', (q) => q.match === 'unit' && q.answer === 'mg/dL');

function typedQuestion(fields: Partial<Question>): Question {
  return {
    id: 'fixture',
    kind: 'abstraction',
    topic: 'abstraction',
    difficulty: 'advanced',
    prompt: 'fixture',
    format: 'typed',
    answer: '',
    explanation: 'fixture explanation',
    ...fields,
  };
}

describe('scoreAnswer, typed answers', () => {
  it('accepts "PCN" and "penicillins" for a penicillin allergy, as notes write them', () => {
    expect(penicillinAllergen.answer.toLowerCase()).toContain('penicillin');
    for (const entered of ['PCN', 'pcn', 'penicillins', 'Penicillin', ' penicillin G ']) expect(scoreAnswer(penicillinAllergen, entered).correct, entered).toBe(true);
    expect(scoreAnswer(penicillinAllergen, 'amoxicillin').correct).toBe(false);
    expect(scoreAnswer(sulfaAllergen, 'sulfa').correct).toBe(true);
    expect(scoreAnswer(sulfaAllergen, 'penicillin').correct).toBe(false);
  });

  it('accepts unit spellings: "mg/dl" for mg/dL, never mmol/L', () => {
    expect(glucoseUnit.answer).toBe('mg/dL');
    expect(scoreAnswer(glucoseUnit, 'mg/dl').correct).toBe(true);
    expect(scoreAnswer(glucoseUnit, 'mg per dl').correct).toBe(true);
    expect(scoreAnswer(glucoseUnit, 'mmol/L').correct).toBe(false);
  });

  it('reads numbers at the reported precision', () => {
    const q = typedQuestion({ answer: '4.0', match: 'number' });
    expect(scoreAnswer(q, '4').correct).toBe(true);
    expect(scoreAnswer(q, '4.00').correct).toBe(true);
    expect(scoreAnswer(q, '4.1').correct).toBe(false);
  });

  it('reads dates in any U.S. style, trusting the ISO form for two-digit years', () => {
    const q = typedQuestion({ answer: '9/8/38', accepted: ['1938-09-08', 'Sep 8, 1938'], match: 'date' });
    for (const entered of ['09/08/1938', 'Sep 8, 1938', '1938-09-08', 'September 8, 1938']) expect(scoreAnswer(q, entered).correct, entered).toBe(true);
    expect(scoreAnswer(q, '09/08/2038').correct).toBe(false);
    expect(scoreAnswer(q, '08/09/1938').correct).toBe(false);
  });

  it('reads doses with and without a space, and 0.5 g as 500 mg', () => {
    const q = typedQuestion({ answer: '500 mg', accepted: ['1 tablet'], match: 'dose' });
    for (const entered of ['500mg', '500 MG', '0.5 g', '1 tablet']) expect(scoreAnswer(q, entered).correct, entered).toBe(true);
    expect(scoreAnswer(q, '500 mcg').correct).toBe(false);
  });

  it('reads codes without the dot, in any case, and a CVX code without its leading zero', () => {
    expect(scoreAnswer(typedQuestion({ answer: 'E11.9', match: 'code' }), 'e119').correct).toBe(true);
    expect(scoreAnswer(typedQuestion({ answer: 'E11.9', match: 'code' }), 'E11.65').correct).toBe(false);
    expect(scoreAnswer(typedQuestion({ answer: '08', match: 'code' }), '8').correct).toBe(true);
    expect(scoreAnswer(typedQuestion({ answer: '2823-3', match: 'code' }), '28233').correct).toBe(true);
  });

  it('reads a sequence of letters however it is punctuated', () => {
    const q = typedQuestion({ answer: 'B, A, C', match: 'sequence' });
    for (const entered of ['B, A, C', 'bac', 'B-A-C', 'B A C']) expect(scoreAnswer(q, entered).correct, entered).toBe(true);
    expect(scoreAnswer(q, 'A, B, C').correct).toBe(false);
  });

  it('accepts the sig synonyms of the match table for a typed meaning', () => {
    const q = typedQuestion({ kind: 'abbreviation', topic: 'terminology', answer: 'twice daily', match: 'text' });
    for (const entered of ['BID', 'b.i.d.', 'twice a day', '2 times daily']) expect(scoreAnswer(q, entered).correct, entered).toBe(true);
    expect(scoreAnswer(q, 'three times daily').correct).toBe(false);
    expect(scoreAnswer(typedQuestion({ answer: 'history and physical', match: 'text' }), 'History & Physical').correct).toBe(true);
  });

  it('never accepts an empty answer ([regression] the match table reads "" as "normal")', () => {
    expect(scoreAnswer(typedQuestion({ answer: 'Normal', match: 'text' }), '').correct).toBe(false);
    expect(scoreAnswer(typedQuestion({ answer: 'Normal', match: 'text' }), '   ').correct).toBe(false);
  });

  it('returns the expected answer and the explanation with every verdict', () => {
    const result = scoreAnswer(glucoseUnit, 'wrong');
    expect(result).toMatchObject({ correct: false, expected: 'mg/dL', explanation: glucoseUnit.explanation });
  });
});

describe('scoreAnswer, multiple choice', () => {
  const q = generateQuiz(4, { count: 1, kinds: ['result-interpretation'], difficulty: 'advanced' })[0] as Question;
  const right = (q.choices ?? []).findIndex((c) => c.correct);

  it('takes the choice by its 0-based index, its letter or its text', () => {
    expect(scoreAnswer(q, right).correct).toBe(true);
    expect(scoreAnswer(q, String.fromCharCode(65 + right)).correct).toBe(true);
    expect(scoreAnswer(q, q.answer.toUpperCase()).correct).toBe(true);
    expect(scoreAnswer(q, q.answer).chosen).toBe(q.answer);
  });

  it('scores a distractor, an out-of-range index and free text that matches no choice as wrong', () => {
    expect(scoreAnswer(q, (right + 1) % (q.choices?.length ?? 1)).correct).toBe(false);
    expect(scoreAnswer(q, 9).correct).toBe(false);
    expect(scoreAnswer(q, 'purple').correct).toBe(false);
  });
});
