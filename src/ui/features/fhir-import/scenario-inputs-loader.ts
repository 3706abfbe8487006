import type { ExerciseInputsLoader } from '@/ui/components/exercise-inputs';
import { PHASE_LABELS, progressPercent } from './import-protocol';
import type { ImportOutcome, ImportRunner } from './run-import';

/** A scenario's bundle that cannot be had: not shipped, not downloaded, or not importable. */
export class ScenarioBundleError extends Error {
  override readonly name = 'ScenarioBundleError';
}

export interface ScenarioBundleSources {
  /** `/scenarios/bundles/<file>.json` → the URL to fetch it from (the app's glob, or the files of a SCORM package). */
  urls: Readonly<Record<string, string>>;
  fetch: (url: string, init: { signal: AbortSignal }) => Promise<Response>;
  /** The import worker (or, in tests, the same code in the test's thread). */
  runImport: ImportRunner;
  /**
   * What to say when the bundle is not among `urls` or its URL answers 404; by default, that this
   * copy of ChartLab lacks the file (the SCORM player says the package lacks it instead).
   */
  notFound?: (bundle: string) => string;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Settles as rejected when `signal` aborts: a cancelled import's outcome never settles. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(abortError(signal));
    else signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
}

/**
 * The app's ExerciseInputsLoader: for a scenario that names a bundle, download the file, import
 * it in the import worker (off the page's thread, with progress) under the name the scenario
 * gives it, exactly as `chartlab` does (importScenarioChart). Every failure is a
 * ScenarioBundleError saying which file and why. Nothing is kept between exercises: a bundle is a
 * few hundred kB that the browser's cache serves again and the worker imports in well under a
 * second, and each exercise then stands on its own (a failed download is simply tried again).
 */
export function createScenarioInputsLoader({ urls, fetch, runImport, notFound }: ScenarioBundleSources): ExerciseInputsLoader {
  return async (scenario, { onProgress, signal }) => {
    const bundle = scenario.patients.bundle;
    if (!bundle) return {};
    const url = urls[`/scenarios/${bundle}`];
    if (!url) throw new ScenarioBundleError(notFound?.(bundle) ?? `This exercise uses the imported chart ${bundle}, which is not part of this copy of ChartLab (it belongs in scenarios/${bundle}).`);

    onProgress({ label: 'Downloading the file', percent: 0 });
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      throw new ScenarioBundleError(`The chart file ${bundle} could not be downloaded (${error instanceof Error ? error.message : String(error)}). Check the connection and reload the page.`);
    }
    if (response.status === 404 && notFound) throw new ScenarioBundleError(notFound(bundle));
    if (!response.ok) throw new ScenarioBundleError(`The chart file ${bundle} could not be downloaded: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
    const file = new File([await response.arrayBuffer()], bundle.slice(bundle.lastIndexOf('/') + 1), { type: 'application/json' });
    if (signal.aborted) throw abortError(signal);

    const job = runImport(file, (phase, done, total) => onProgress({ label: PHASE_LABELS[phase], percent: progressPercent(phase, done, total) }), { fileName: bundle });
    signal.addEventListener('abort', job.cancel, { once: true });
    let outcome: ImportOutcome;
    try {
      outcome = await Promise.race([job.outcome, whenAborted(signal)]);
    } finally {
      signal.removeEventListener('abort', job.cancel);
    }
    if (outcome.kind !== 'imported') {
      const reason = outcome.kind === 'failed' ? outcome.failure.message : 'it holds several patients';
      throw new ScenarioBundleError(`The chart file ${bundle} could not be imported: ${reason}`);
    }
    return { chart: outcome.result.chart };
  };
}
