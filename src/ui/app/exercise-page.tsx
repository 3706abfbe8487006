import { useOptionalTrainerDB } from '@/db/db-context';
import { useActiveLearner } from '@/db/use-learners';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { ScoreReport } from '@/ui/features/score-report/score-report';
import { ExerciseSession, type ExerciseSessionProps, type ReportSlotProps } from '@/ui/features/exercise-session/exercise-session';
import { variantSeed } from '@/ui/features/scenario-library/variant-seed';
import { TAB_WRITER_ID } from './app-database';
import { EXERCISES_HASH, exerciseHash, seedFromParams } from './exercise-links';
import { ExerciseWorkspace, exerciseDocuments, hasWorkspace } from './exercise-workspaces';
import { useLibraryCatalog } from './library-catalog';
import { attemptHash, PROGRESS_HASH } from './progress-links';
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
export default function ExercisePage({ route, navigate, catalog: shipped = scenarioCatalog }: SectionPageProps & { catalog?: ScenarioCatalog }) {
  const catalog = useLibraryCatalog(shipped); // + scenarios authored in this browser (Instructor)
  const hasDatabase = useOptionalTrainerDB() !== null;
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
  const props: Omit<ExerciseSessionProps, 'persistence'> = {
    scenario,
    seed,
    libraryHref: EXERCISES_HASH,
    canWork: (exercise) => hasWorkspace(exercise.kind),
    Workspace: ExerciseWorkspace,
    Report: ExerciseReport,
    ...(range ? { onNewVariant: () => navigate(exerciseHash(scenario.id, variantSeed(range, seed))) } : {}),
  };
  return <div className="page page--exercise">{hasDatabase ? <SavedExercise {...props} /> : <ExerciseSession key={`${scenario.id}:${seed}`} {...props} />}</div>;
}

/**
 * The session with autosave and resume for the active learner. A new learner means a new
 * session (the key), so one learner's answers are never on screen for another.
 */
function SavedExercise(props: Omit<ExerciseSessionProps, 'persistence'> & { scenario: Scenario }) {
  const context = useOptionalTrainerDB();
  const learner = useActiveLearner();
  if (!context || learner === undefined) {
    return (
      <div className="card empty-state" role="status" aria-busy="true">
        <span className="spinner spinner--large" aria-hidden="true" />
        <p>Opening your saved work…</p>
      </div>
    );
  }
  const learnerId = learner?.id ?? null;
  return (
    <ExerciseSession
      key={`${learnerId ?? 'nobody'}:${props.scenario.id}:${props.seed}`}
      {...props}
      persistence={{ db: context.db, learnerId, writerId: TAB_WRITER_ID, progressHref: PROGRESS_HASH, attemptHref: attemptHash }}
    />
  );
}
