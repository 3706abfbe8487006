import type { StateCreator } from 'zustand';
import type { Difficulty, Question, QuizTopic } from '@/domain/quiz/question-schema';
import type { AppState } from './app-store';

/**
 * The quiz on screen: its questions, the learner's answers so far, and where they are. Only the
 * run in progress (and its result until the next one starts) lives here; finished quizzes are
 * saved in Dexie (src/db/quiz-repo.ts) and read back from there. Actions are pure: time comes in
 * as an argument, never from the clock, session ids and scored responses from the caller (the
 * store imports domain types only, so the quiz's scoring rules stay out of the app's first chunk).
 */

/**
 * `practice`: feedback after every question. `test`: timed, feedback only at the end, a pass mark.
 * `review`: items due in the learner's Leitner boxes (or the ones just missed), with feedback.
 */
export type QuizMode = 'practice' | 'test' | 'review';

export interface QuizResponse {
  /** What the learner entered: the chosen choice's text, or the typed text. */
  entered: string;
  /** For multiple choice, the 0-based index of the chosen choice. */
  choice?: number;
  correct: boolean;
}

export interface QuizState {
  status: 'idle' | 'running' | 'finished';
  /** The id the finished quiz is saved under (QuizSession.id), chosen when it starts. */
  sessionId: string | null;
  mode: QuizMode;
  /** generateQuiz seed; null for review quizzes, which are built from item keys. */
  seed: number | null;
  /** Topics chosen (null: every topic). */
  topics: QuizTopic[] | null;
  /** Level chosen (null: a mix). */
  difficulty: Difficulty | null;
  questions: Question[];
  /** One entry per question; null until it is answered. */
  responses: (QuizResponse | null)[];
  /** The question on screen. */
  index: number;
  /** Practice and review: the current question was answered and its feedback is showing. */
  revealed: boolean;
  startedAt: number | null;
  finishedAt: number | null;
  /** Timed tests only. */
  timeLimitMs: number | null;
  /** Timed tests only: the fraction needed to pass (0.8). */
  passMark: number | null;
  /** The test ended because its time ran out. */
  timedOut: boolean;
  /** Whose quiz this is, when a learner was chosen at the start (the result is saved to them). */
  learnerId: string | null;
  /** Set once the result is stored, so it is never stored (and its Leitner boxes moved) twice. */
  savedSessionId: string | null;
}

export interface QuizStart {
  sessionId: string;
  mode: QuizMode;
  seed: number | null;
  topics: QuizTopic[] | null;
  difficulty: Difficulty | null;
  questions: Question[];
  startedAt: number;
  timeLimitMs?: number | null;
  passMark?: number | null;
  learnerId?: string | null;
}

export interface QuizSlice {
  quiz: QuizState;
  /** Begin a quiz (replaces whatever was in progress or shown). */
  startQuiz: (start: QuizStart) => void;
  /**
   * Answer the question on screen (the caller scores it with scoreAnswer). Practice and review
   * reveal the feedback; a test moves on, and finishes after the last question.
   */
  answerQuiz: (response: QuizResponse, now: number) => void;
  /** Practice and review: after the feedback, on to the next question, or finish after the last. */
  nextQuizQuestion: (now: number) => void;
  /** End now (time is up, or the learner ends a test early): unanswered questions count as wrong. */
  finishQuiz: (now: number, options?: { timedOut?: boolean }) => void;
  /** Record that the finished quiz is stored (recordQuizResults succeeded). */
  markQuizSaved: (sessionId: string) => void;
  resetQuiz: () => void;
}

export const initialQuizState: QuizState = {
  status: 'idle',
  sessionId: null,
  mode: 'practice',
  seed: null,
  topics: null,
  difficulty: null,
  questions: [],
  responses: [],
  index: 0,
  revealed: false,
  startedAt: null,
  finishedAt: null,
  timeLimitMs: null,
  passMark: null,
  timedOut: false,
  learnerId: null,
  savedSessionId: null,
};

export const createQuizSlice: StateCreator<AppState, [], [], QuizSlice> = (set) => ({
  quiz: initialQuizState,
  startQuiz: (start) =>
    set({
      quiz: {
        ...initialQuizState,
        status: 'running',
        sessionId: start.sessionId,
        mode: start.mode,
        seed: start.seed,
        topics: start.topics,
        difficulty: start.difficulty,
        questions: start.questions,
        responses: start.questions.map(() => null),
        startedAt: start.startedAt,
        timeLimitMs: start.timeLimitMs ?? null,
        passMark: start.passMark ?? null,
        learnerId: start.learnerId ?? null,
      },
    }),
  answerQuiz: (response, now) =>
    set((state) => {
      const quiz = state.quiz;
      const question = quiz.questions[quiz.index];
      if (quiz.status !== 'running' || !question || quiz.revealed) return state;
      const responses = quiz.responses.slice();
      responses[quiz.index] = response;
      if (quiz.mode !== 'test') return { quiz: { ...quiz, responses, revealed: true } };
      const last = quiz.index >= quiz.questions.length - 1;
      return { quiz: last ? { ...quiz, responses, status: 'finished', finishedAt: now } : { ...quiz, responses, index: quiz.index + 1 } };
    }),
  nextQuizQuestion: (now) =>
    set((state) => {
      const quiz = state.quiz;
      if (quiz.status !== 'running' || !quiz.revealed) return state;
      if (quiz.index >= quiz.questions.length - 1) return { quiz: { ...quiz, status: 'finished', finishedAt: now, revealed: false } };
      return { quiz: { ...quiz, index: quiz.index + 1, revealed: false } };
    }),
  finishQuiz: (now, options = {}) =>
    set((state) =>
      state.quiz.status === 'running'
        ? { quiz: { ...state.quiz, status: 'finished', finishedAt: now, revealed: false, timedOut: options.timedOut ?? false } }
        : state,
    ),
  markQuizSaved: (sessionId) =>
    set((state) => (state.quiz.sessionId === sessionId ? { quiz: { ...state.quiz, savedSessionId: sessionId } } : state)),
  resetQuiz: () => set({ quiz: initialQuizState }),
});
