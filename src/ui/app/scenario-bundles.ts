import type { ExerciseInputsLoader } from '@/ui/components/exercise-inputs';
import { runImportInWorker } from '@/ui/features/fhir-import/run-import';
import { createScenarioInputsLoader } from '@/ui/features/fhir-import/scenario-inputs-loader';

/**
 * The FHIR bundles scenarios name (`patients.bundle`: scenarios/bundles/*.json), as URLs: each is
 * its own asset on the app's origin, downloaded only when an exercise on it is opened (so the
 * library costs nothing extra to load, and works offline like the rest of the app). The
 * instructor's SCORM download packs the same files.
 */
export const SCENARIO_BUNDLE_URLS: Readonly<Record<string, string>> = import.meta.glob<string>('/scenarios/bundles/*.json', { eager: true, query: '?url', import: 'default' });

/** The loader the app provides (app.tsx): the shipped bundles, the browser's fetch, the import worker. */
export const fetchScenarioInputs: ExerciseInputsLoader = createScenarioInputsLoader({
  urls: SCENARIO_BUNDLE_URLS,
  fetch: (url, init) => fetch(url, init),
  runImport: runImportInWorker,
});
