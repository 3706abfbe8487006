import { create } from 'zustand';
import { createChartViewSlice, initialChartViewState, type ChartViewSlice } from './chart-view-slice';
import { createExerciseSlice, initialExerciseState, type ExerciseSlice } from './exercise-slice';
import { createFhirImportSlice, initialFhirImportState, type FhirImportSlice } from './fhir-import-slice';
import { createPatientSlice, initialPatientState, type PatientSlice } from './patient-slice';
import { createQuizSlice, initialQuizState, type QuizSlice } from './quiz-slice';

/**
 * Session and screen state only: the chart on screen and how it is being viewed. Progress and
 * saved cases will live in Dexie, not here (see /work/shared/STYLE.md §1).
 */
export type AppState = PatientSlice & ChartViewSlice & ExerciseSlice & QuizSlice & FhirImportSlice;

/** The state a fresh app starts with; tests reset the store with `useAppStore.setState(initialAppState)`. */
export const initialAppState = { ...initialPatientState, ...initialChartViewState, exercise: initialExerciseState, quiz: initialQuizState, ...initialFhirImportState };

export const useAppStore = create<AppState>()((...args) => ({
  ...createPatientSlice(...args),
  ...createChartViewSlice(...args),
  ...createExerciseSlice(...args),
  ...createQuizSlice(...args),
  ...createFhirImportSlice(...args),
}));
