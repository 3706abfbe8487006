import { describe, expect, it } from 'vitest';
import { quizItemId, type QuizItemStats } from '@/db/records';
import { generateQuiz } from '@/domain/quiz/generate-quiz';
import { buildQuizSession, outcomeFromSession, outcomeFromState, scoreOutcome, topicAccuracy, updatedItemStats } from '@/ui/features/quiz/quiz-record';
import { initialQuizState, type QuizState } from '@/store/quiz-slice';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 1, 12);
const questions = generateQuiz(7, { count: 4, topics: ['terminology', 'interpretation'], difficulty: 'intro' });

function finished(correct: boolean[], extra: Partial<QuizState> = {}): QuizState {
  return {
    ...initialQuizState,
    status: 'finished',
    sessionId: 'session-1',
    mode: 'practice',
    seed: 7,
    topics: ['terminology', 'interpretation'],
    difficulty: 'intro',
    questions,
    responses: correct.map((c, i) => ({ entered: c ? (questions[i]?.answer ?? '') : 'nope', correct: c })),
    startedAt: NOW - 60_000,
    finishedAt: NOW,
    ...extra,
  };
}

describe('quiz records', () => {
  it('moves a right answer up one box and a wrong one back to box 1, due after the box interval', () => {
    const outcome = outcomeFromState(finished([true, false, true, false]));
    const existing = new Map<string, QuizItemStats>([
      [questions[2]!.id, { id: quizItemId('ana', questions[2]!.id), learnerId: 'ana', itemKey: questions[2]!.id, topic: questions[2]!.topic, box: 3, dueAt: NOW - DAY, seen: 2, correct: 2, lastSeenAt: NOW - 4 * DAY }],
      [questions[3]!.id, { id: quizItemId('ana', questions[3]!.id), learnerId: 'ana', itemKey: questions[3]!.id, topic: questions[3]!.topic, box: 4, dueAt: NOW - DAY, seen: 3, correct: 3, lastSeenAt: NOW - 8 * DAY }],
    ]);
    const items = updatedItemStats('ana', outcome, existing, NOW);
    expect(items.map((i) => [i.box, (i.dueAt - NOW) / DAY, i.seen, i.correct])).toEqual([
      [2, 1, 1, 1],
      [1, 0, 1, 0],
      [4, 7, 3, 3],
      [1, 0, 4, 3],
    ]);
    expect(items[0]).toMatchObject({ id: quizItemId('ana', questions[0]!.id), learnerId: 'ana', itemKey: questions[0]!.id, topic: questions[0]!.topic, lastSeenAt: NOW });
  });

  it('leaves questions never answered (time ran out) as they were, and counts them wrong in the score', () => {
    const state = finished([true, false], { mode: 'test', passMark: 0.8, timeLimitMs: 4 * 60_000, timedOut: true });
    state.responses = [state.responses[0]!, state.responses[1]!, null, null];
    const outcome = outcomeFromState(state);
    expect(updatedItemStats('ana', outcome, new Map(), NOW)).toHaveLength(2);
    expect(scoreOutcome(outcome)).toEqual({ correct: 1, total: 4, answered: 2, fraction: 0.25, passed: false });
  });

  it('passes a test at exactly the pass mark', () => {
    expect(scoreOutcome(outcomeFromState(finished([true, true, true, false], { passMark: 0.75 }))).passed).toBe(true);
    expect(scoreOutcome(outcomeFromState(finished([true, true, false, false], { passMark: 0.75 }))).passed).toBe(false);
  });

  it('stores a session the results page can rebuild, question for question', () => {
    const outcome = outcomeFromState(finished([true, false, true, true], { mode: 'test', passMark: 0.8, timeLimitMs: 240_000 }));
    const session = buildQuizSession(outcome, 'ana');
    expect(session).toMatchObject({ id: 'session-1', learnerId: 'ana', seed: 7, topics: ['terminology', 'interpretation'], questionCount: 4, correctCount: 3, finishedAt: NOW });
    expect(session.details).toMatchObject({ format: 'chartlab.quiz', version: 1, mode: 'test', passed: false, passMark: 0.8 });
    const back = outcomeFromSession(JSON.parse(JSON.stringify(session)));
    expect(back).toEqual(outcome);
    expect(outcomeFromSession({ ...session, details: { something: 'else' } })).toBeNull();
  });

  it('keeps a stored answer when its question can no longer be rebuilt', () => {
    const session = buildQuizSession(outcomeFromState(finished([true, false, true, true])), 'ana');
    const back = outcomeFromSession(session, () => {
      throw new Error('old generator');
    });
    expect(back?.items[1]).toEqual({ itemKey: questions[1]!.id, topic: questions[1]!.topic, question: null, response: { entered: 'nope', correct: false } });
  });

  it('sums accuracy per topic in catalog order', () => {
    const rows = topicAccuracy([
      { topic: 'terminology', response: { entered: 'a', correct: true } },
      { topic: 'interpretation', response: { entered: 'b', correct: false } },
      { topic: 'terminology', response: null },
      { topic: 'coding', response: { entered: 'c', correct: true } },
    ]);
    expect(rows).toEqual([
      { topic: 'coding', correct: 1, total: 1 },
      { topic: 'interpretation', correct: 0, total: 1 },
      { topic: 'terminology', correct: 1, total: 2 },
    ]);
  });
});
