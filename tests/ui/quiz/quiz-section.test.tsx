// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrainerDBProvider } from '@/db/db-context';
import { createLearner, setActiveLearner } from '@/db/learner-repo';
import { getQuizItemStats, listQuizSessions, recordQuizResults } from '@/db/quiz-repo';
import { quizItemId, type Learner } from '@/db/records';
import { createMemoryTrainerDB, type StorageStatus } from '@/db/storage-status';
import type { TrainerDB } from '@/db/trainer-db';
import { generateQuiz } from '@/domain/quiz/generate-quiz';
import type { Question } from '@/domain/quiz/question-schema';
import { initialAppState, useAppStore } from '@/store/app-store';
import type { QuizMode } from '@/store/quiz-slice';
import { QuizSection } from '@/ui/features/quiz/quiz-section';
import { freshName } from '../../db/db-test-utils';
import { firstQuestion } from '../../domain/quiz/quiz-fixtures';

const status: StorageStatus = { mode: 'best-effort', reason: 'test' };
let db: TrainerDB;
let learner: Learner;

/** Multiple-choice questions about abbreviations and lab flags, at the intro level (seed 7). */
const choiceQuestions = generateQuiz(7, { count: 3, topics: ['terminology', 'interpretation'], difficulty: 'intro' });
/** A typed abstraction question whose allergen notes write as "PCN". */
const penicillinAllergen = firstQuestion('abstraction', 'advanced', (q) => q.prompt.includes('allergic to') && !!q.accepted?.includes('PCN'));

const correctIndex = (q: Question) => (q.choices ?? []).findIndex((c) => c.correct);
const wrongIndex = (q: Question) => (q.choices ?? []).findIndex((c) => !c.correct);

beforeEach(async () => {
  useAppStore.setState(initialAppState);
  window.location.hash = '#/quiz';
  db = await createMemoryTrainerDB({ name: freshName() });
  learner = await createLearner(db, 'Ana');
  await setActiveLearner(db, learner.id);
});

afterEach(() => {
  cleanup();
  db.close();
  vi.restoreAllMocks();
});

function renderQuiz(params = '', navigate = vi.fn()) {
  const user = userEvent.setup();
  const route = { section: 'quiz', params: new URLSearchParams(params) };
  const view = render(
    <TrainerDBProvider db={db} status={status}>
      <QuizSection route={route} navigate={navigate} learnerPrompt={null} />
    </TrainerDBProvider>,
  );
  return { user, navigate, view };
}

function startWith(questions: Question[], mode: QuizMode = 'practice', extra: { timeLimitMs?: number; passMark?: number; startedAt?: number } = {}) {
  useAppStore.getState().startQuiz({
    sessionId: `session-${mode}`,
    mode,
    seed: mode === 'review' ? null : 7,
    topics: null,
    difficulty: null,
    questions,
    startedAt: extra.startedAt ?? Date.now(),
    timeLimitMs: extra.timeLimitMs ?? null,
    passMark: extra.passMark ?? null,
    learnerId: learner.id,
  });
}

describe('taking a quiz by keyboard', () => {
  it('selects a choice with its number key, answers with Enter, and shows the explanation', async () => {
    const [first, second] = choiceQuestions as [Question, Question];
    startWith([first, second]);
    const { user } = renderQuiz();

    const heading = await screen.findByRole('heading', { name: 'Question 1 of 2' });
    expect(heading).toHaveFocus();
    const group = screen.getByRole('group', { name: /Your answer/ });
    expect(group).toHaveAccessibleDescription(first.prompt);

    const n = correctIndex(first);
    await user.keyboard(String(n + 1));
    const radio = within(group).getAllByRole('radio')[n] as HTMLInputElement;
    expect(radio).toBeChecked();
    expect(radio).toHaveFocus();
    await user.keyboard('{Enter}');

    const verdict = await screen.findByRole('heading', { name: 'Correct' });
    expect(verdict).toHaveFocus();
    expect(screen.getByText(first.explanation)).toBeInTheDocument();
    expect(screen.getByText('Correct.')).toHaveAttribute('role', 'status');
    expect(useAppStore.getState().quiz.responses[0]).toEqual({ entered: first.answer, choice: n, correct: true });

    // Enter again: the next question, with focus on its heading.
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Question 2 of 2' })).toHaveFocus();
    const w = wrongIndex(second);
    await user.keyboard(String(w + 1));
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Incorrect' })).toHaveFocus();
    expect(screen.getByText(/The right answer:/)).toHaveTextContent(`The right answer: ${second.answer}`);
    expect(screen.getByText(second.explanation)).toBeInTheDocument();

    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Your results' })).toHaveFocus();
    expect(screen.getByText('1 of 2 correct')).toBeInTheDocument();
  });

  it('asks for a choice before answering, and moves between choices with the arrow keys', async () => {
    const [first] = choiceQuestions as [Question];
    startWith([first]);
    const { user } = renderQuiz();
    await screen.findByRole('heading', { name: 'Question 1 of 1' });
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent(/Choose an answer first/);
    expect(useAppStore.getState().quiz.responses[0]).toBeNull();

    await user.keyboard('1');
    await user.keyboard('{ArrowDown}');
    const radios = screen.getAllByRole('radio');
    expect(radios[1]).toBeChecked();
    expect(radios[1]).toHaveFocus();
  });

  it('accepts a typed answer with the same tolerance as the exercises ("PCN" for penicillin)', async () => {
    startWith([penicillinAllergen]);
    const { user } = renderQuiz();
    await screen.findByRole('heading', { name: 'Question 1 of 1' });
    const input = screen.getByRole('textbox', { name: 'Your answer' });
    expect(input).toHaveAccessibleDescription(penicillinAllergen.prompt);
    await user.tab();
    expect(input).toHaveFocus();
    await user.keyboard('PCN{Enter}');

    expect(await screen.findByRole('heading', { name: 'Correct' })).toHaveFocus();
    expect(input).toHaveAttribute('readonly');
    expect(useAppStore.getState().quiz.responses[0]).toEqual({ entered: 'PCN', correct: true });
    // The evidence in the excerpt is marked once the question is answered.
    const mark = document.querySelector('.quiz-excerpt mark');
    expect(mark?.textContent).toContain(penicillinAllergen.excerpt?.slice(penicillinAllergen.evidence?.start, penicillinAllergen.evidence?.end));
  });
});

describe('timed tests', () => {
  it('shows no feedback until the end, then the score, pass or fail, and every explanation', async () => {
    const { user } = renderQuiz('seed=7&count=3&topics=interpretation,terminology&difficulty=intro&mode=test');
    expect(await screen.findByRole('radio', { name: /Timed test/ })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Code for this quiz' })).toHaveValue('#/quiz?seed=7&count=3&topics=interpretation,terminology&difficulty=intro&mode=test');
    await user.click(screen.getByRole('button', { name: 'Start timed test' }));

    expect(await screen.findByRole('heading', { name: 'Question 1 of 3' })).toHaveFocus();
    expect(screen.getByRole('timer', { name: /^Time left: (2 minutes 59 seconds|3 minutes)/ })).toBeInTheDocument();
    const asked = useAppStore.getState().quiz.questions;
    expect(asked.map((q) => q.id)).toEqual(choiceQuestions.map((q) => q.id));

    for (const [i, q] of asked.entries()) {
      await user.keyboard(String((i === 0 ? wrongIndex(q) : correctIndex(q)) + 1));
      await user.keyboard('{Enter}');
      if (i < asked.length - 1) {
        expect(await screen.findByRole('heading', { name: `Question ${i + 2} of 3` })).toHaveFocus();
        expect(screen.queryByRole('heading', { name: /^(Correct|Incorrect)$/ })).not.toBeInTheDocument();
        expect(screen.queryByText(q.explanation)).not.toBeInTheDocument();
        expect(screen.getByText(`Answer saved. Question ${i + 2} of 3.`)).toHaveAttribute('role', 'status');
      }
    }

    const results = await screen.findByRole('heading', { name: 'Your results' });
    expect(results).toHaveFocus();
    expect(screen.getByText('2 of 3 correct')).toBeInTheDocument();
    expect(screen.getByText('Not passed')).toBeInTheDocument();
    expect(screen.getByText('Pass mark 80%')).toBeInTheDocument();
    for (const q of asked) expect(screen.getByText(q.explanation)).toBeInTheDocument();
  });

  it('scores the answers given so far when the time runs out', async () => {
    const [first, second, third] = choiceQuestions as [Question, Question, Question];
    startWith([first, second, third], 'test', { timeLimitMs: 3 * 60_000, passMark: 0.8, startedAt: Date.now() - 3 * 60_000 - 1000 });
    useAppStore.getState().answerQuiz({ entered: first.answer, choice: correctIndex(first), correct: true }, Date.now());
    renderQuiz();

    expect(await screen.findByRole('heading', { name: 'Your results' })).toBeInTheDocument();
    expect(screen.getByText(/Time ran out/).closest('p')).toHaveTextContent('Time ran out after 3 minutes. 2 questions were not answered and count as wrong.');
    expect(screen.getByText('1 of 3 correct')).toBeInTheDocument();
    expect(screen.getAllByText('Not answered')).toHaveLength(2 * 2); // the badge and "Your answer", for each
  });
});

describe('ending early', () => {
  it('asks first, then scores what was answered; with nothing answered it keeps nothing', async () => {
    const [first, second, third] = choiceQuestions as [Question, Question, Question];
    startWith([first, second, third], 'test', { timeLimitMs: 3 * 60_000, passMark: 0.8 });
    const { user } = renderQuiz();
    await screen.findByRole('heading', { name: 'Question 1 of 3' });
    await user.click(screen.getByRole('button', { name: 'End test now' }));
    let dialog = screen.getByRole('dialog', { name: 'End the test now?' });
    expect(dialog).toHaveTextContent('You have answered 0 of 3 questions. Nothing will be saved.');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'End test now' })).toHaveFocus();

    await user.keyboard(`${correctIndex(first) + 1}{Enter}`);
    await screen.findByRole('heading', { name: 'Question 2 of 3' });
    await user.click(screen.getByRole('button', { name: 'End test now' }));
    dialog = screen.getByRole('dialog', { name: 'End the test now?' });
    expect(dialog).toHaveTextContent('You have answered 1 of 3 questions. The ones you have not answered count as wrong.');
    await user.click(within(dialog).getByRole('button', { name: 'End and score the test' }));
    expect(await screen.findByRole('heading', { name: 'Your results' })).toHaveFocus();
    expect(screen.getByText('1 of 3 correct')).toBeInTheDocument();
    expect(await screen.findByText(/Saved to Ana’s quiz history/)).toBeInTheDocument();
    expect((await getQuizItemStats(db, learner.id, [first.id, second.id])).size).toBe(1);

    // A practice quiz ended before any answer leaves no session behind.
    cleanup();
    startWith([first], 'practice');
    const again = renderQuiz();
    await screen.findByRole('heading', { name: 'Question 1 of 1' });
    await again.user.click(screen.getByRole('button', { name: 'End quiz' }));
    await again.user.click(within(screen.getByRole('dialog', { name: 'End this quiz now?' })).getByRole('button', { name: 'End the quiz' }));
    expect(await screen.findByRole('heading', { name: 'New quiz' })).toBeInTheDocument();
    expect(await listQuizSessions(db, learner.id)).toHaveLength(1);
  });
});

describe('results and spaced repetition', () => {
  it('stores the result through quiz-repo and moves the Leitner boxes', async () => {
    const [first, second] = choiceQuestions as [Question, Question];
    // The first question was in box 3: a right answer moves it to box 4.
    await recordQuizResults(db, learner.id, undefined, [
      { id: quizItemId(learner.id, first.id), learnerId: learner.id, itemKey: first.id, topic: first.topic, box: 3, dueAt: 0, seen: 2, correct: 2, lastSeenAt: 0 },
    ]);
    startWith([first, second]);
    const { user } = renderQuiz();
    await screen.findByRole('heading', { name: 'Question 1 of 2' });
    await user.keyboard(`${correctIndex(first) + 1}{Enter}`);
    await screen.findByRole('heading', { name: 'Correct' });
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Question 2 of 2' });
    await user.keyboard(`${wrongIndex(second) + 1}{Enter}`);
    await screen.findByRole('heading', { name: 'Incorrect' });
    await user.keyboard('{Enter}');

    expect(await screen.findByText(/Saved to Ana’s quiz history/)).toBeInTheDocument();
    const sessions = await listQuizSessions(db, learner.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ id: 'session-practice', learnerId: learner.id, seed: 7, questionCount: 2, correctCount: 1, itemKeys: [first.id, second.id] });
    const stats = await getQuizItemStats(db, learner.id, [first.id, second.id]);
    expect(stats.get(first.id)).toMatchObject({ box: 4, seen: 3, correct: 3 });
    expect(stats.get(second.id)).toMatchObject({ box: 1, seen: 1, correct: 0 });
    expect(stats.get(second.id)!.dueAt).toBeLessThanOrEqual(Date.now());
    expect(useAppStore.getState().quiz.savedSessionId).toBe('session-practice');

    // "Retry the ones I missed" starts a review of the one missed.
    await user.click(screen.getByRole('button', { name: 'Retry the ones I missed (1)' }));
    expect(await screen.findByRole('heading', { name: 'Question 1 of 1' })).toHaveFocus();
    expect(useAppStore.getState().quiz).toMatchObject({ mode: 'review', questions: [second] });
  });

  it('lists the items due for review and quizzes them; says so when nothing is due', async () => {
    const [first, second, third] = choiceQuestions as [Question, Question, Question];
    const now = Date.now();
    const stat = (q: Question, box: 1 | 2 | 3 | 4 | 5, dueAt: number) => ({
      id: quizItemId(learner.id, q.id),
      learnerId: learner.id,
      itemKey: q.id,
      topic: q.topic,
      box,
      dueAt,
      seen: 1,
      correct: box > 1 ? 1 : 0,
      lastSeenAt: now - 86_400_000,
    });
    await recordQuizResults(db, learner.id, undefined, [stat(first, 1, now - 5000), stat(second, 2, now - 1000), stat(third, 3, now + 86_400_000)]);
    const { user } = renderQuiz();

    const review = await screen.findByRole('radio', { name: /Review my mistakes/ });
    await waitFor(() => expect(review).toHaveAccessibleName('Review my mistakes 2 due'));
    expect(review).toHaveAccessibleDescription(/Questions from your earlier quizzes that are due again/);
    await user.click(review);
    expect(await screen.findByText('2 questions are due for review.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start review' }));
    expect(await screen.findByRole('heading', { name: 'Question 1 of 2' })).toHaveFocus();
    expect(useAppStore.getState().quiz.questions.map((q) => q.id)).toEqual([first.id, second.id]);
    cleanup();

    // Another learner has nothing due.
    const ben = await createLearner(db, 'Ben');
    await setActiveLearner(db, ben.id);
    useAppStore.setState(initialAppState);
    const second2 = renderQuiz();
    await second2.user.click(await screen.findByRole('radio', { name: /Review my mistakes/ }));
    expect(await screen.findByText('Nothing is due for review.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start review' })).toBeDisabled();
  });

  it('shows saved results again after a reload, with accuracy by topic', async () => {
    const [first, second] = choiceQuestions as [Question, Question];
    startWith([first, second]);
    const { user } = renderQuiz();
    await screen.findByRole('heading', { name: 'Question 1 of 2' });
    await user.keyboard(`${correctIndex(first) + 1}{Enter}`);
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Question 2 of 2' });
    await user.keyboard(`${correctIndex(second) + 1}{Enter}`);
    await user.keyboard('{Enter}');
    await screen.findByText(/Saved to Ana’s quiz history/);
    cleanup();

    // A reload: the store starts empty, the database keeps the result.
    useAppStore.setState(initialAppState);
    renderQuiz();
    const recent = await screen.findByRole('region', { name: 'Recent quizzes' });
    const link = await within(recent).findByRole('link', { name: /Practice: 2 of 2 correct/ });
    expect(link).toHaveAttribute('href', `#/quiz/results/session-practice`);
    const accuracy = screen.getByRole('region', { name: 'Quiz accuracy by topic' });
    await waitFor(() => expect(within(accuracy).getAllByRole('row')).toHaveLength(3));
    expect(within(accuracy).getByRole('row', { name: /Abbreviations 1 of 1 100%/ })).toBeInTheDocument();
    cleanup();

    // The stored result's page.
    const route = { section: 'quiz', id: 'results', rest: ['session-practice'], params: new URLSearchParams() };
    render(
      <TrainerDBProvider db={db} status={status}>
        <QuizSection route={route} navigate={vi.fn()} learnerPrompt={null} />
      </TrainerDBProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Quiz results' })).toBeInTheDocument();
    expect(screen.getByText('2 of 2 correct')).toBeInTheDocument();
    expect(screen.getByText(first.explanation)).toBeInTheDocument();
  });
});

describe('quiz codes on the setup screen', () => {
  it('applies an entered code and shows it back as the same code', async () => {
    const { user } = renderQuiz();
    await screen.findByRole('heading', { name: 'New quiz' });
    await user.type(screen.getByRole('textbox', { name: 'Have a code? Enter it here' }), '#/quiz?seed=123&count=20&topics=coding,terminology&difficulty=intro&mode=test{Enter}');
    expect(await screen.findByText(/Code applied: timed test, 20 questions, Choosing codes, Abbreviations, intro/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Code for this quiz' })).toHaveValue('#/quiz?seed=123&count=20&topics=coding,terminology&difficulty=intro&mode=test');
    expect(screen.getByRole('radio', { name: /Timed test/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: '20 questions' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Choosing codes' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Reading lab results' })).not.toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Level' })).toHaveValue('intro');

    await user.clear(screen.getByRole('textbox', { name: 'Have a code? Enter it here' }));
    await user.type(screen.getByRole('textbox', { name: 'Have a code? Enter it here' }), 'seed=1&mode=exam{Enter}');
    expect(await screen.findByText(/Unknown mode “exam”/)).toBeInTheDocument();
  });

  it('starts the same questions for everyone with the same code', async () => {
    const navigate = vi.fn();
    const { user } = renderQuiz('seed=7&count=3&topics=interpretation,terminology&difficulty=intro&mode=practice', navigate);
    await user.click(await screen.findByRole('button', { name: 'Start practice' }));
    await screen.findByRole('heading', { name: 'Question 1 of 3' });
    expect(useAppStore.getState().quiz.questions).toEqual(choiceQuestions);
    expect(navigate).toHaveBeenCalledWith('#/quiz');
  });

  it('copies the quiz link', async () => {
    const { user } = renderQuiz('seed=99&count=5&mode=practice');
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(await screen.findByRole('button', { name: 'Copy link' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(expect.stringMatching(/#\/quiz\?seed=99&count=5&mode=practice$/)));
    expect(await screen.findByText(/Link copied/)).toBeInTheDocument();
  });

  it('checks the length and the topics before starting', async () => {
    const { user } = renderQuiz();
    await screen.findByRole('heading', { name: 'New quiz' });
    await user.click(screen.getByRole('button', { name: 'Clear topics' }));
    await user.click(screen.getByRole('radio', { name: 'Other' }));
    const custom = screen.getByRole('spinbutton', { name: /Number of questions/ });
    await user.clear(custom);
    await user.type(custom, '60');
    await user.click(screen.getByRole('button', { name: 'Start practice' }));
    expect(screen.getByText('Choose at least one topic.')).toBeInTheDocument();
    expect(screen.getByText('Enter a number of questions from 1 to 50.')).toBeInTheDocument();
    expect(custom).toHaveFocus();
    expect(useAppStore.getState().quiz.status).toBe('idle');
    await act(async () => {});
  });
});
