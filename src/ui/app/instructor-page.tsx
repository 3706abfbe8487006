import { useExerciseBuild } from '@/ui/features/exercise-session/use-exercise-build';
import { InstructorWorkspace, INSTRUCTOR_TABS, type InstructorTab } from '@/ui/features/instructor/instructor-workspace';
import type { DrillDownReportProps } from '@/ui/features/instructor/gradebook';
import { ScoreReport } from '@/ui/features/score-report/score-report';
import { exerciseDocuments } from './exercise-workspaces';
import { RequireDatabase } from './require-database';
import { SCENARIO_BUNDLE_URLS } from './scenario-bundles';
import { formatHash } from './routes';
import { scenarioCatalog } from './scenario-catalog';
import type { SectionPageProps } from './sections';

/**
 * A learner's report in the gradebook: the same score report the learner saw, with its evidence
 * in the documents of the exercise rebuilt from scenario and seed.
 */
function GradebookReport({ report, scenario, seed }: DrillDownReportProps) {
  const build = useExerciseBuild(scenario, seed);
  if (build.status === 'loading') {
    return (
      <p role="status">
        <span className="spinner" aria-hidden="true" /> Rebuilding the exercise…
      </p>
    );
  }
  return <ScoreReport report={report} documents={build.status === 'ready' ? exerciseDocuments(build.exercise) : []} />;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `#/instructor/<tab>`: authoring, assignments, gradebook and LRS settings. */
export default function InstructorPage({ route, navigate }: SectionPageProps) {
  const tab: InstructorTab = INSTRUCTOR_TABS.some((t) => t.id === route.id) ? (route.id as InstructorTab) : 'scenarios';
  return (
    <div className="page instructor">
      <header className="instructor__head">
        <h1>Instructor</h1>
        <p className="muted">Write scenarios, hand them out as assignments, and grade what comes back. Everything stays in this browser until you export it.</p>
      </header>
      <RequireDatabase>
        <InstructorWorkspace
          tab={tab}
          onTab={(next) => navigate(formatHash({ section: 'instructor', id: next }))}
          shipped={scenarioCatalog.scenarios}
          bundleUrls={SCENARIO_BUNDLE_URLS}
          Report={GradebookReport}
          baseUrl={window.location.href.replace(/#.*$/, '')}
          today={today()}
        />
      </RequireDatabase>
    </div>
  );
}
