import { useActiveLearner, useLearners } from '@/db/use-learners';
import { AttemptHistory } from '@/ui/features/progress/attempt-history';
import { ProgressDashboard } from '@/ui/features/progress/progress-dashboard';
import { ProgressTransfer } from '@/ui/features/progress/progress-transfer';
import { QuizTopicAccuracy } from '@/ui/features/quiz/quiz-accuracy';
import { errorTypeLabel } from '@/ui/features/validation/error-types';
import { AttemptPage } from './attempt-page';
import { EXERCISES_HASH } from './exercise-links';
import { attemptHash } from './progress-links';
import { RequireDatabase } from './require-database';
import { findScenario, scenarioCatalog } from './scenario-catalog';
import type { SectionPageProps } from './sections';

export function scenarioTitle(scenarioId: string): string {
  return findScenario(scenarioCatalog, scenarioId)?.title ?? scenarioId;
}

function ProgressOverview() {
  const learner = useActiveLearner();
  const learners = useLearners();
  if (learner === undefined || learners === undefined) {
    return (
      <div className="card empty-state" role="status" aria-busy="true">
        <span className="spinner spinner--large" aria-hidden="true" />
        <p>Loading…</p>
      </div>
    );
  }
  if (learner === null) {
    return (
      <div className="page progress-page">
        <h1>Progress</h1>
        <div className="card empty-state">
          <p>Choose your profile above to see your scores and progress.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="page progress-page">
      <header className="progress-page__head">
        <h1>{learner.name}&rsquo;s progress</h1>
        <p className="muted">Every exercise you submit is kept here, on this computer. Open any attempt to see its score report again.</p>
      </header>
      <ProgressDashboard
        key={learner.id}
        learnerId={learner.id}
        learnerName={learner.name}
        scenarioTitle={scenarioTitle}
        errorTypeLabel={errorTypeLabel}
        exercisesHref={EXERCISES_HASH}
      />
      {/* Quizzes (src/ui/features/quiz): accuracy by topic over every quiz taken. */}
      <QuizTopicAccuracy key={`quiz-${learner.id}`} learnerId={learner.id} />
      <AttemptHistory key={`history-${learner.id}`} learnerId={learner.id} scenarioTitle={scenarioTitle} attemptHref={attemptHash} />
      <ProgressTransfer learner={learner} learners={learners} />
    </div>
  );
}

/** `#/progress`: the dashboard, history and export/import; `#/progress/attempt/<id>`: one attempt, read-only. */
export default function ProgressPage({ route }: SectionPageProps) {
  const attemptId = route.id === 'attempt' ? route.rest?.[0] : undefined;
  return <RequireDatabase>{attemptId ? <AttemptPage key={attemptId} attemptId={attemptId} /> : <ProgressOverview />}</RequireDatabase>;
}
