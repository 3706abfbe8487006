import type { StateCreator } from 'zustand';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import type { AppState } from './app-store';

/**
 * The exercise the learner is working on: which scenario and seed, every answer, the time spent,
 * and the score once submitted. This is the only place answer state lives (workspaces report
 * edits through `setAnswers` and keep none of their own), so autosave and resume can persist
 * `exercise` and put it back with `restoreExercise`.
 *
 * The state sits under one `exercise` key because the combined store already has a top-level
 * `status` (the chart generator's); the actions carry an "Exercise" suffix for the same reason.
 * All actions are pure: time comes in as arguments, never from the clock.
 */
export interface ExerciseState {
  scenarioId: string | null;
  seed: number | null;
  /** null until an exercise has been started. */
  answers: Answers | null;
  /** Epoch milliseconds of the start, from the caller. */
  startedAt: number | null;
  /** Working time so far; ticks only while the status is `working`. */
  elapsedMs: number;
  status: 'working' | 'submitted';
  report: ScoreReport | null;
  /**
   * Whose work this is, when it is saved in the database (absent when the app runs without one).
   * A session opened by another learner never shows it: one learner's work is never shown as
   * another's on a shared computer.
   */
  learnerId?: string;
  /**
   * The draft revision this tab last loaded or saved (0: not saved yet). saveDraft needs it to
   * tell this tab's work from another tab's (see src/db/draft-repo.ts).
   */
  revision?: number;
  /**
   * The assignment this case is an item of (absent for free practice). The same scenario and seed
   * done for an assignment is separate work with its own draft, so a session resumes the store's
   * exercise only when this matches too.
   */
  assignmentId?: string;
}

export interface ExerciseSlice {
  exercise: ExerciseState;
  /** Begin an exercise with fresh answers (replaces whatever was in progress). */
  startExercise: (start: { scenarioId: string; seed: number; answers: Answers; startedAt: number; learnerId?: string; assignmentId?: string }) => void;
  /** Put back a saved exercise (resume after a reload). */
  restoreExercise: (saved: ExerciseState) => void;
  /** Replace the answers; ignored once submitted, so a report always matches its answers. */
  setAnswers: (answers: Answers) => void;
  /** Add working time (the timer calls it with the time since its last tick). */
  tickExercise: (deltaMs: number) => void;
  /** Freeze the answers and keep the report. */
  submitExercise: (report: ScoreReport) => void;
  /** Record the revision a save returned; ignored unless the exercise is still this learner's case. */
  setExerciseRevision: (saved: { learnerId: string; scenarioId: string; seed: number; assignmentId?: string; revision: number }) => void;
  resetExercise: () => void;
}

export const initialExerciseState: ExerciseState = {
  scenarioId: null,
  seed: null,
  answers: null,
  startedAt: null,
  elapsedMs: 0,
  status: 'working',
  report: null,
};

/** True when the stored exercise is this scenario and seed, for this assignment or none (so opening it again resumes it). */
export function isSameExercise(state: ExerciseState, scenarioId: string, seed: number, assignmentId?: string): boolean {
  return state.scenarioId === scenarioId && state.seed === seed && state.assignmentId === assignmentId && state.answers !== null;
}

export const createExerciseSlice: StateCreator<AppState, [], [], ExerciseSlice> = (set) => ({
  exercise: initialExerciseState,
  startExercise: ({ scenarioId, seed, answers, startedAt, learnerId, assignmentId }) =>
    set({
      exercise: {
        ...initialExerciseState,
        scenarioId,
        seed,
        answers,
        startedAt,
        ...(learnerId === undefined ? {} : { learnerId, revision: 0 }),
        ...(assignmentId === undefined ? {} : { assignmentId }),
      },
    }),
  restoreExercise: (saved) => set({ exercise: { ...saved } }),
  setAnswers: (answers) =>
    set((state) => (state.exercise.status === 'working' ? { exercise: { ...state.exercise, answers } } : state)),
  tickExercise: (deltaMs) =>
    set((state) =>
      state.exercise.status === 'working' && deltaMs > 0
        ? { exercise: { ...state.exercise, elapsedMs: state.exercise.elapsedMs + deltaMs } }
        : state,
    ),
  submitExercise: (report) =>
    set((state) => (state.exercise.answers ? { exercise: { ...state.exercise, status: 'submitted', report } } : state)),
  setExerciseRevision: ({ learnerId, scenarioId, seed, assignmentId, revision }) =>
    set((state) =>
      state.exercise.learnerId === learnerId &&
      state.exercise.scenarioId === scenarioId &&
      state.exercise.seed === seed &&
      state.exercise.assignmentId === assignmentId
        ? { exercise: { ...state.exercise, revision } }
        : state,
    ),
  resetExercise: () => set({ exercise: initialExerciseState }),
});
