import type { ExerciseInputsLoader } from '@/ui/components/exercise-inputs';
import { runImportInWorker, type ImportRunner, type RunningImport } from '@/ui/features/fhir-import/run-import';
import { createScenarioInputsLoader } from '@/ui/features/fhir-import/scenario-inputs-loader';
import { bundlesNeeded, packagedBundlePath, type PlayerData } from '../scorm-package';

/**
 * The player's ExerciseInputsLoader: the chart files of scenarios on an imported chart come from
 * the package itself (the packager puts them at scenarios/bundles/, listed in imsmanifest.xml),
 * fetched by URL relative to index.html from wherever the LMS serves the package, and imported
 * with the app's own code: in the import worker, or on the page where there is no Worker.
 */

/** `/scenarios/bundles/x.json` (the app's keys) → `./scenarios/bundles/x.json` inside the package. */
export function packagedBundleUrls(data: PlayerData): Record<string, string> {
  return Object.fromEntries(bundlesNeeded(data).map((bundle) => [`/scenarios/${bundle}`, `./${packagedBundlePath(bundle)}`]));
}

/**
 * The import worker where the browser has Workers (every browser the player targets); else the
 * same code on the page, loaded only then (the importer is some 40 kB the player need not start with).
 */
export const runPlayerImport: ImportRunner = (file, onProgress, options) => {
  if (typeof Worker === 'function') return runImportInWorker(file, onProgress, options);
  let running: RunningImport | undefined;
  let cancelled = false;
  const outcome = import('@/ui/features/fhir-import/run-import-in-page').then(({ runImportInPage }) => {
    if (cancelled) return new Promise<never>(() => undefined);
    running = runImportInPage(file, onProgress, options);
    return running.outcome;
  });
  return {
    outcome,
    cancel: () => {
      cancelled = true;
      running?.cancel();
    },
  };
};

export function packagedInputsLoader(data: PlayerData, fetch: (url: string, init: { signal: AbortSignal }) => Promise<Response>, runImport: ImportRunner = runPlayerImport): ExerciseInputsLoader {
  return createScenarioInputsLoader({
    urls: packagedBundleUrls(data),
    fetch,
    runImport,
    notFound: (bundle) =>
      `This exercise uses the imported chart ${bundle}, but the file is missing from this SCORM package (${packagedBundlePath(bundle)}). Tell your instructor: the package needs to be made again and uploaded to the LMS.`,
  });
}
