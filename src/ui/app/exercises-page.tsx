import { useOptionalTrainerDB } from '@/db/db-context';
import type { Draft } from '@/db/records';
import { useDrafts } from '@/db/use-draft';
import { useAssignments } from '@/db/use-instructor';
import { useActiveLearner } from '@/db/use-learners';
import { itemScenarioId, resolveItemScenario } from '@/domain/instructor/assignment';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { useAppStore } from '@/store/app-store';
import { ScenarioLibrary, type ExerciseInProgress } from '@/ui/features/scenario-library/scenario-library';
import { variantSeed } from '@/ui/features/scenario-library/variant-seed';
import { assignmentItemHash } from './assignment-links';
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

/**
 * With storage: "Resume" comes from the active learner's saved drafts, most recent first. A
 * scenario's card resumes its practice draft; the notice resumes the newest draft, which may be an
 * assignment item's and then leads back to that item's page (its attempts count there).
 */
function SavedWorkLibrary({ navigate, catalog: shipped = scenarioCatalog }: LibraryPageProps) {
  const catalog = useLibraryCatalog(shipped); // + scenarios authored in this browser (Instructor)
  const learner = useActiveLearner();
  const drafts = useDrafts(learner === undefined ? undefined : (learner?.id ?? null));
  const assignments = useAssignments();
  const latest = new Map<string, Draft>();
  for (const draft of drafts ?? []) if (draft.assignmentId === undefined && !latest.has(draft.scenarioId)) latest.set(draft.scenarioId, draft);

  const resumeTarget = (draft: Draft): ExerciseInProgress | null => {
    if (draft.assignmentId === undefined) {
      const scenario = findScenario(catalog, draft.scenarioId);
      return scenario ? { title: scenario.title, seed: draft.seed, href: exerciseHash(scenario.id, draft.seed), submitted: false } : null;
    }
    // An assignment removed from this computer (or changed so the case is no longer in it) can't be resumed.
    const assignment = assignments?.find((a) => a.assignment.id === draft.assignmentId)?.assignment;
    if (!assignment) return null;
    const index = assignment.items.findIndex((item) => itemScenarioId(item) === draft.scenarioId && item.seed === draft.seed);
    const item = assignment.items[index];
    const scenario = item && resolveItemScenario(item, assignment.passMark, (id) => findScenario(catalog, id));
    return scenario ? { title: scenario.title, seed: draft.seed, href: assignmentItemHash(assignment.id, index), submitted: false, assignmentTitle: assignment.title } : null;
  };
  const inProgress = (assignments && drafts?.map(resumeTarget).find((target) => target !== null)) ?? null;
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
