import { beforeEach, describe, expect, it } from 'vitest';
import { generateQuiz } from '@/domain/quiz/generate-quiz';
import { initialAppState, useAppStore } from '@/store/app-store';
import { initialQuizState } from '@/store/quiz-slice';

const questions = generateQuiz(7, { count: 3, topics: ['terminology'], difficulty: 'intro' });
const start = (mode: 'practice' | 'test' | 'review') =>
  useAppStore.getState().startQuiz({ sessionId: 's1', mode, seed: 7, topics: ['terminology'], difficulty: 'intro', questions, startedAt: 1000, ...(mode === 'test' ? { timeLimitMs: 180_000, passMark: 0.8 } : {}) });
const right = { entered: 'x', correct: true };
const wrong = { entered: 'y', correct: false };

beforeEach(() => useAppStore.setState(initialAppState));

describe('quiz slice', () => {
  it('starts from the exported initial state', () => {
    expect(useAppStore.getState().quiz).toEqual(initialQuizState);
  });

  it('in practice, reveals the feedback after each answer and finishes after the last', () => {
    start('practice');
    const s = () => useAppStore.getState();
    s().answerQuiz(right, 2000);
    expect(s().quiz).toMatchObject({ index: 0, revealed: true, responses: [right, null, null] });
    s().answerQuiz(wrong, 2100); // ignored: already answered
    expect(s().quiz.responses[0]).toEqual(right);
    s().nextQuizQuestion(3000);
    s().answerQuiz(wrong, 4000);
    s().nextQuizQuestion(5000);
    s().answerQuiz(right, 6000);
    expect(s().quiz.status).toBe('running');
    s().nextQuizQuestion(7000);
    expect(s().quiz).toMatchObject({ status: 'finished', finishedAt: 7000, responses: [right, wrong, right], revealed: false });
  });

  it('in a test, moves on without feedback and finishes on the last answer', () => {
    start('test');
    const s = () => useAppStore.getState();
    s().answerQuiz(right, 2000);
    expect(s().quiz).toMatchObject({ index: 1, revealed: false });
    s().answerQuiz(wrong, 3000);
    s().answerQuiz(right, 4000);
    expect(s().quiz).toMatchObject({ status: 'finished', finishedAt: 4000, timedOut: false, passMark: 0.8, timeLimitMs: 180_000 });
  });

  it('ends a test when time is up, keeping the answers given so far', () => {
    start('test');
    const s = () => useAppStore.getState();
    s().answerQuiz(right, 2000);
    s().finishQuiz(181_000, { timedOut: true });
    expect(s().quiz).toMatchObject({ status: 'finished', timedOut: true, responses: [right, null, null] });
    s().finishQuiz(999_999);
    expect(s().quiz.finishedAt).toBe(181_000);
  });

  it('marks a result saved only for its own session, and resets', () => {
    start('review');
    useAppStore.getState().markQuizSaved('other');
    expect(useAppStore.getState().quiz.savedSessionId).toBeNull();
    useAppStore.getState().markQuizSaved('s1');
    expect(useAppStore.getState().quiz.savedSessionId).toBe('s1');
    useAppStore.getState().resetQuiz();
    expect(useAppStore.getState().quiz).toEqual(initialQuizState);
  });
});
