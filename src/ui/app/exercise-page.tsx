import { ScoreReport } from '@/ui/features/score-report/score-report';
import { ExerciseSession, type ReportSlotProps } from '@/ui/features/exercise-session/exercise-session';
import { variantSeed } from '@/ui/features/scenario-library/variant-seed';
import { EXERCISES_HASH, exerciseHash, seedFromParams } from './exercise-links';
import { ExerciseWorkspace, exerciseDocuments, hasWorkspace } from './exercise-workspaces';
import { findScenario, scenarioCatalog, type ScenarioCatalog } from './scenario-catalog';
import type { SectionPageProps } from './sections';

function ExerciseReport({ report, exercise, headingRef, actions }: ReportSlotProps) {
  return <ScoreReport report={report} documents={exerciseDocuments(exercise)} headingRef={headingRef} actions={actions} />;
}

/**
 * `#/exercise/<id>?seed=<n>`: one exercise. The app composes the session with the workspace
 * registry (exercise-workspaces.tsx) and the score report; the seed comes from the link, so an
 * exercise can be shared and reopened, and a new variant is a new link.
 */
export default function ExercisePage({ route, navigate, catalog = scenarioCatalog }: SectionPageProps & { catalog?: ScenarioCatalog }) {
  const scenario = route.id ? findScenario(catalog, route.id) : undefined;
  if (!scenario) {
    const broken = catalog.errors.find((e) => e.file.endsWith(`/${route.id ?? ''}.json`));
    return (
      <div className="page">
        <div className="card empty-state">
          <h1>No such exercise</h1>
          <p>
            {broken
              ? `The scenario file ${broken.file} could not be loaded, so this exercise is not available.`
              : `There is no scenario called “${route.id ?? ''}”.`}
          </p>
          <a className="button" href={EXERCISES_HASH}>
            All exercises
          </a>
        </div>
      </div>
    );
  }
  const seed = seedFromParams(route.params, scenario);
  const range = scenario.patients.seedRange;
  return (
    <div className="page page--exercise">
      <ExerciseSession
        key={`${scenario.id}:${seed}`}
        scenario={scenario}
        seed={seed}
        libraryHref={EXERCISES_HASH}
        canWork={(exercise) => hasWorkspace(exercise.kind)}
        Workspace={ExerciseWorkspace}
        Report={ExerciseReport}
        onNewVariant={range ? () => navigate(exerciseHash(scenario.id, variantSeed(range, seed))) : undefined}
      />
    </div>
  );
}
