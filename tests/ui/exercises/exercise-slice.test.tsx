// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScoreReport } from '@/domain/scoring/score-types';
import { initialAppState, useAppStore } from '@/store/app-store';
import { initialExerciseState, isSameExercise } from '@/store/exercise-slice';
import { emptyRecordingAnswers } from './exercise-fixtures';

beforeEach(() => useAppStore.setState(initialAppState));

const report = { scenarioId: 'allergy-intake-intro', seed: 1101, score: 0.5 } as ScoreReport;

describe('exercise slice', () => {
  it('starts an exercise, keeps its answers and counts working time only until it is submitted', () => {
    const store = useAppStore.getState();
    store.startExercise({ scenarioId: 'allergy-intake-intro', seed: 1101, answers: emptyRecordingAnswers(), startedAt: 1_000 });
    store.tickExercise(1_500);
    const answers = { ...emptyRecordingAnswers(), allergies: [{ substance: 'PCN', reaction: '', severity: '' }] };
    store.setAnswers(answers);
    expect(useAppStore.getState().exercise).toEqual({
      scenarioId: 'allergy-intake-intro',
      seed: 1101,
      answers,
      startedAt: 1_000,
      elapsedMs: 1_500,
      status: 'working',
      report: null,
    });

    store.submitExercise(report);
    store.tickExercise(60_000);
    store.setAnswers(emptyRecordingAnswers());
    expect(useAppStore.getState().exercise).toMatchObject({ status: 'submitted', report, answers, elapsedMs: 1_500 });
  });

  it('restores a saved exercise and resets to the exported initial state', () => {
    const saved = { ...initialExerciseState, scenarioId: 'x', seed: 2, answers: emptyRecordingAnswers(), startedAt: 5, elapsedMs: 9_000 };
    useAppStore.getState().restoreExercise(saved);
    expect(useAppStore.getState().exercise).toEqual(saved);
    useAppStore.getState().resetExercise();
    expect(useAppStore.getState().exercise).toEqual(initialExerciseState);
  });

  it('tells an assignment item from practice of the same scenario and seed', () => {
    const store = useAppStore.getState();
    store.startExercise({ scenarioId: 'allergy-intake-intro', seed: 1101, answers: emptyRecordingAnswers(), startedAt: 1_000, learnerId: 'l-1', assignmentId: 'week-3' });
    const exercise = useAppStore.getState().exercise;
    expect(exercise).toMatchObject({ learnerId: 'l-1', assignmentId: 'week-3', revision: 0 });
    expect(isSameExercise(exercise, 'allergy-intake-intro', 1101, 'week-3')).toBe(true);
    expect(isSameExercise(exercise, 'allergy-intake-intro', 1101)).toBe(false);
    expect(isSameExercise(exercise, 'allergy-intake-intro', 1101, 'week-4')).toBe(false);

    // A save of the practice case (or of another assignment) doesn't move this one's revision.
    store.setExerciseRevision({ learnerId: 'l-1', scenarioId: 'allergy-intake-intro', seed: 1101, revision: 7 });
    store.setExerciseRevision({ learnerId: 'l-1', scenarioId: 'allergy-intake-intro', seed: 1101, assignmentId: 'week-4', revision: 8 });
    expect(useAppStore.getState().exercise.revision).toBe(0);
    store.setExerciseRevision({ learnerId: 'l-1', scenarioId: 'allergy-intake-intro', seed: 1101, assignmentId: 'week-3', revision: 3 });
    expect(useAppStore.getState().exercise.revision).toBe(3);
  });
});
