// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScoreReport } from '@/domain/scoring/score-types';
import { initialAppState, useAppStore } from '@/store/app-store';
import { initialExerciseState } from '@/store/exercise-slice';
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
});
