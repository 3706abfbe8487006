import { useEffect, useState } from 'react';
import type { Exercise } from '@/domain/exercise/exercise-types';
import type { Scenario } from '@/domain/scenario/scenario-schema';

/** The part of the exercise module the session needs once it is loaded. */
export type ExerciseApi = Pick<typeof import('@/domain/exercise/build-exercise'), 'buildExercise' | 'emptyAnswers' | 'scoreAnswers'>;

export type ExerciseBuild =
  | { status: 'loading' }
  | { status: 'ready'; exercise: Exercise; api: ExerciseApi }
  | { status: 'error'; message: string };

/**
 * Build the exercise for a scenario and seed. The exercise module pulls in faker and the chart
 * generator (several hundred kB), so it is its own chunk, imported on first use; a stale build
 * (the learner moved on to another seed) is dropped.
 */
export function useExerciseBuild(scenario: Scenario, seed: number): ExerciseBuild {
  const [build, setBuild] = useState<{ key: string; result: ExerciseBuild }>({ key: '', result: { status: 'loading' } });
  const key = `${scenario.id}:${seed}`;

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const api = await import('@/domain/exercise/build-exercise');
        // Let the loading state paint before the synchronous generation runs.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled) return;
        const exercise = api.buildExercise(scenario, seed);
        if (!cancelled) setBuild({ key, result: { status: 'ready', exercise, api } });
      } catch (error) {
        if (!cancelled) setBuild({ key, result: { status: 'error', message: error instanceof Error ? error.message : String(error) } });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [scenario, seed, key]);

  return build.key === key ? build.result : { status: 'loading' };
}
