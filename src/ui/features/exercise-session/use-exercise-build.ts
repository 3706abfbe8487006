import { useEffect, useState } from 'react';
import type { Exercise } from '@/domain/exercise/exercise-types';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { useExerciseInputsLoader, type InputsProgress } from '@/ui/components/exercise-inputs';

/** The part of the exercise module the session needs once it is loaded. */
export type ExerciseApi = Pick<typeof import('@/domain/exercise/build-exercise'), 'buildExercise' | 'emptyAnswers' | 'scoreAnswers'>;

export type ExerciseBuild =
  /** `progress` while a scenario's imported chart is being downloaded and imported. */
  | { status: 'loading'; progress?: InputsProgress }
  | { status: 'ready'; exercise: Exercise; api: ExerciseApi }
  | { status: 'error'; message: string };

/**
 * Build the exercise for a scenario and seed. The exercise module pulls in faker and the chart
 * generator (several hundred kB), so it is its own chunk, imported on first use; a scenario that
 * names a FHIR bundle gets its chart from the app's loader (useExerciseInputsLoader), imported
 * off the page's thread meanwhile. A stale build (the learner moved on to another seed) is
 * dropped and its import cancelled.
 */
export function useExerciseBuild(scenario: Scenario, seed: number): ExerciseBuild {
  const loadInputs = useExerciseInputsLoader();
  const [build, setBuild] = useState<{ key: string; result: ExerciseBuild }>({ key: '', result: { status: 'loading' } });
  const key = `${scenario.id}:${seed}`;

  useEffect(() => {
    const controller = new AbortController();
    const cancelled = () => controller.signal.aborted;
    (async () => {
      try {
        const [api, inputs] = await Promise.all([
          import('@/domain/exercise/build-exercise'),
          loadInputs(scenario, {
            signal: controller.signal,
            onProgress: (progress) => {
              if (!cancelled()) setBuild({ key, result: { status: 'loading', progress } });
            },
          }),
        ]);
        // Let the loading state paint before the synchronous generation runs.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled()) return;
        const exercise = api.buildExercise(scenario, seed, inputs);
        if (!cancelled()) setBuild({ key, result: { status: 'ready', exercise, api } });
      } catch (error) {
        if (!cancelled()) setBuild({ key, result: { status: 'error', message: error instanceof Error ? error.message : String(error) } });
      }
    })();
    return () => controller.abort();
  }, [scenario, seed, key, loadInputs]);

  return build.key === key ? build.result : { status: 'loading' };
}
