import type { Scenario } from '@/domain/scenario/scenario-schema';
import { useAppStore } from '@/store/app-store';
import { ScenarioLibrary, type ExerciseInProgress } from '@/ui/features/scenario-library/scenario-library';
import { variantSeed } from '@/ui/features/scenario-library/variant-seed';
import { exerciseHash } from './exercise-links';
import { hasWorkspace } from './exercise-workspaces';
import { findScenario, scenarioCatalog, type ScenarioCatalog } from './scenario-catalog';
import type { SectionPageProps } from './sections';

/** `#/exercises`: the scenario library. `catalog` is for tests; the app uses the bundled one. */
export default function ExercisesPage({ navigate, catalog = scenarioCatalog }: SectionPageProps & { catalog?: ScenarioCatalog }) {
  const exercise = useAppStore((s) => s.exercise);
  const current = exercise.scenarioId ? findScenario(catalog, exercise.scenarioId) : undefined;
  const inProgress: ExerciseInProgress | null =
    current && exercise.seed !== null && exercise.answers
      ? { title: current.title, seed: exercise.seed, href: exerciseHash(current.id, exercise.seed), submitted: exercise.status === 'submitted' }
      : null;

  const openVariant = (scenario: Scenario) => navigate(exerciseHash(scenario.id, variantSeed(scenario.patients.seedRange, scenario.patients.seed)));

  return (
    <ScenarioLibrary
      scenarios={catalog.scenarios}
      errors={catalog.errors}
      hrefFor={(scenario, seed) => exerciseHash(scenario.id, seed)}
      onNewVariant={openVariant}
      isAvailable={hasWorkspace}
      inProgress={inProgress}
    />
  );
}
