import { useOptionalTrainerDB } from '@/db/db-context';
import type { Draft } from '@/db/records';
import { useDrafts } from '@/db/use-draft';
import { useActiveLearner } from '@/db/use-learners';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { useAppStore } from '@/store/app-store';
import { ScenarioLibrary, type ExerciseInProgress } from '@/ui/features/scenario-library/scenario-library';
import { variantSeed } from '@/ui/features/scenario-library/variant-seed';
import { exerciseHash } from './exercise-links';
import { hasWorkspace } from './exercise-workspaces';
import { useLibraryCatalog } from './library-catalog';
import { findScenario, scenarioCatalog, type ScenarioCatalog } from './scenario-catalog';
import type { SectionPageProps } from './sections';

type LibraryPageProps = SectionPageProps & { catalog?: ScenarioCatalog };

/** `#/exercises`: the scenario library. `catalog` is for tests; the app uses the bundled one. */
export default function ExercisesPage(props: LibraryPageProps) {
  return useOptionalTrainerDB() ? <SavedWorkLibrary {...props} /> : <SessionLibrary {...props} />;
}

/** With storage: "Resume" comes from the active learner's saved drafts, most recent first. */
function SavedWorkLibrary({ navigate, catalog: shipped = scenarioCatalog }: LibraryPageProps) {
  const catalog = useLibraryCatalog(shipped); // + scenarios authored in this browser (Instructor)
  const learner = useActiveLearner();
  const drafts = useDrafts(learner === undefined ? undefined : (learner?.id ?? null));
  const latest = new Map<string, Draft>();
  for (const draft of drafts ?? []) if (!latest.has(draft.scenarioId)) latest.set(draft.scenarioId, draft);
  const newest = drafts?.map((d) => ({ draft: d, scenario: findScenario(catalog, d.scenarioId) })).find((d) => d.scenario);
  const inProgress: ExerciseInProgress | null = newest?.scenario
    ? { title: newest.scenario.title, seed: newest.draft.seed, href: exerciseHash(newest.scenario.id, newest.draft.seed), submitted: false }
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
      resumeHrefFor={(scenario) => {
        const draft = latest.get(scenario.id);
        return draft ? exerciseHash(scenario.id, draft.seed) : undefined;
      }}
    />
  );
}

/** Without storage (component tests): what is in progress is whatever this tab's store holds. */
function SessionLibrary({ navigate, catalog = scenarioCatalog }: LibraryPageProps) {
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
