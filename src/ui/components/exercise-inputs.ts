import { createContext, useContext } from 'react';
import type { ExerciseInputs } from '@/domain/exercise/build-exercise';
import type { Scenario } from '@/domain/scenario/scenario-schema';

/** How far the loading of a scenario's inputs has come: what is happening and a percentage. */
export interface InputsProgress {
  label: string;
  percent: number;
}

/**
 * What `buildExercise` needs beyond the scenario and seed: for a scenario that names a FHIR
 * bundle (`patients.bundle`), the imported chart. The app provides the loader that fetches and
 * imports shipped bundles (src/ui/app/scenario-bundles.ts), and the SCORM player one that loads
 * them from its package (src/lms/player/packaged-bundles.ts); features ask for it through
 * `useExerciseInputsLoader`, so none of them needs to know where bundles come from.
 */
export type ExerciseInputsLoader = (scenario: Scenario, options: { onProgress: (progress: InputsProgress) => void; signal: AbortSignal }) => Promise<ExerciseInputs>;

/** Without a loader (a feature rendered alone): generated charts only. */
export const generatedChartsOnly: ExerciseInputsLoader = async (scenario) => {
  const bundle = scenario.patients.bundle;
  if (bundle) throw new Error(`This exercise uses the imported chart ${bundle}, which cannot be loaded here.`);
  return {};
};

export const ExerciseInputsContext = createContext<ExerciseInputsLoader>(generatedChartsOnly);

export function useExerciseInputsLoader(): ExerciseInputsLoader {
  return useContext(ExerciseInputsContext);
}
