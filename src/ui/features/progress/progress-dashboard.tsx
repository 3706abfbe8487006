import type { Dashboard } from '@/db/learner-stats';
import type { AttemptDomain } from '@/db/records';
import { useDashboard } from '@/db/use-attempts';
import { SKILL_DOMAIN_LABELS } from '@/domain/scenario/scenario-schema';
import { formatClock, percent } from '@/ui/components/exercise-format';
import { BarChart, ScoreTimeline } from './progress-charts';

export function domainLabel(domain: AttemptDomain): string {
  return domain === 'unknown' ? 'Unknown skill' : SKILL_DOMAIN_LABELS[domain];
}

function times(n: number, one = 'time', many = 'times'): string {
  return `${n} ${n === 1 ? one : many}`;
}

interface ProgressDashboardProps {
  learnerId: string;
  learnerName: string;
  /** A scenario's title from the app's catalog (the id when the scenario is gone). */
  scenarioTitle: (scenarioId: string) => string;
  errorTypeLabel: (errorType: string) => string;
  exercisesHref: string;
}

/** How many error types and exercises the bar charts show (the rest are in no chart, only the history). */
const TOP = 8;

/**
 * The dashboard: headline figures, then four small charts a learner would rather look at than
 * read: score over time, score by skill domain, the error types missed most, time per exercise.
 * One live read of the learner's stats row feeds all of them (useDashboard).
 */
export function ProgressDashboard({ learnerId, learnerName, scenarioTitle, errorTypeLabel, exercisesHref }: ProgressDashboardProps) {
  const dashboard = useDashboard(learnerId);
  if (!dashboard) {
    return (
      <div className="card empty-state" role="status" aria-busy="true">
        <span className="spinner spinner--large" aria-hidden="true" />
        <p>Loading your progress…</p>
      </div>
    );
  }
  if (dashboard.totalAttempts === 0) {
    return (
      <section className="card empty-state progress-empty" aria-labelledby="progress-empty-heading">
        <h2 id="progress-empty-heading">No attempts yet</h2>
        <p>
          When you submit an exercise, your score appears here: how you do over time, by skill, which errors you miss most and how long
          each exercise takes. Start with an <strong>Intro</strong> exercise.
        </p>
        <a className="button button--primary" href={exercisesHref}>
          Go to exercises
        </a>
      </section>
    );
  }
  return <DashboardFigures dashboard={dashboard} learnerName={learnerName} scenarioTitle={scenarioTitle} errorTypeLabel={errorTypeLabel} />;
}

function DashboardFigures({
  dashboard,
  learnerName,
  scenarioTitle,
  errorTypeLabel,
}: {
  dashboard: Dashboard;
  learnerName: string;
  scenarioTitle: (id: string) => string;
  errorTypeLabel: (type: string) => string;
}) {
  const { totalAttempts, passedAttempts, averageScore, accuracyOverTime, byDomain, mostMissedErrorTypes, timePerExercise } = dashboard;
  const missed = mostMissedErrorTypes.slice(0, TOP);
  const slowest = [...timePerExercise].sort((a, b) => b.medianMs - a.medianMs).slice(0, TOP);
  const weakest = [...byDomain].sort((a, b) => a.averageScore - b.averageScore)[0];
  return (
    <section className="progress-dashboard" aria-labelledby="progress-dashboard-heading">
      <h2 id="progress-dashboard-heading" className="visually-hidden">
        {learnerName}&rsquo;s figures
      </h2>
      <dl className="progress-tiles">
        <div className="progress-tile card">
          <dt>Attempts</dt>
          <dd>{totalAttempts}</dd>
        </div>
        <div className="progress-tile card">
          <dt>Passed</dt>
          <dd>
            {passedAttempts} <span className="progress-tile__sub">({percent(passedAttempts / totalAttempts)})</span>
          </dd>
        </div>
        <div className="progress-tile card">
          <dt>Average score</dt>
          <dd>{percent(averageScore)}</dd>
        </div>
        {weakest && byDomain.length > 1 && (
          <div className="progress-tile card">
            <dt>Practise next</dt>
            <dd className="progress-tile__text">{domainLabel(weakest.domain)}</dd>
          </div>
        )}
      </dl>
      <div className="progress-charts">
        <div className="card progress-charts__item">
          <ScoreTimeline title="Score over time" note="Average score of each day you practised" points={accuracyOverTime.map((p) => ({ day: p.day, score: p.averageScore, attempts: p.attempts }))} />
        </div>
        <div className="card progress-charts__item">
          <BarChart
            title="Score by skill"
            note="Average score in each skill domain"
            max={1}
            columns={['Skill domain', 'Average score', 'Attempts']}
            data={byDomain.map((d) => ({
              id: d.domain,
              label: domainLabel(d.domain),
              value: d.averageScore,
              display: percent(d.averageScore),
              detail: `${times(d.attempts, 'attempt', 'attempts')}, ${percent(d.passRate)} passed, best ${percent(d.bestScore)}`,
            }))}
            summary={byDomain.map((d) => `${domainLabel(d.domain)}: ${percent(d.averageScore)} over ${times(d.attempts, 'attempt', 'attempts')}.`).join(' ')}
          />
        </div>
        <div className="card progress-charts__item">
          {missed.length === 0 ? (
            <figure className="progress-chart">
              <figcaption className="progress-chart__caption">
                <span className="progress-chart__title">Errors you miss most</span>
              </figcaption>
              <p className="muted">
                Nothing missed yet. Validation exercises, where you audit a chart for errors, fill this chart with the kinds of error you
                overlook.
              </p>
            </figure>
          ) : (
            <BarChart
              title="Errors you miss most"
              note="Planted errors you missed or got wrong, by kind"
              tone="warning"
              columns={['Error type', 'Missed', 'In attempts']}
              data={missed.map((m) => ({
                id: m.errorType,
                label: errorTypeLabel(m.errorType),
                value: m.missed,
                display: `${m.missed}×`,
                detail: `missed in ${times(m.attempts, 'attempt', 'attempts')}`,
              }))}
              summary={`Most missed: ${missed.map((m) => `${errorTypeLabel(m.errorType)} ${times(m.missed)}`).join('; ')}.`}
            />
          )}
        </div>
        <div className="card progress-charts__item">
          <BarChart
            title="Time per exercise"
            note="Median working time; the slowest first"
            tone="neutral"
            columns={['Exercise', 'Median time', 'Attempts, fastest']}
            data={slowest.map((t) => ({
              id: t.scenarioId,
              label: scenarioTitle(t.scenarioId),
              value: t.medianMs,
              display: formatClock(t.medianMs),
              detail: `${times(t.attempts, 'attempt', 'attempts')}, fastest ${formatClock(t.fastestMs)}`,
            }))}
            summary={slowest.map((t) => `${scenarioTitle(t.scenarioId)}: ${formatClock(t.medianMs)} median.`).join(' ')}
          />
        </div>
      </div>
    </section>
  );
}
