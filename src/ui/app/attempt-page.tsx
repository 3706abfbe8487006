import { useEffect, useRef, useState, type Ref } from 'react';
import { useTrainerDB } from '@/db/db-context';
import type { Attempt } from '@/db/records';
import { useAttempt } from '@/db/use-attempts';
import { useActiveLearner } from '@/db/use-learners';
import { GENERATOR_VERSION } from '@/domain/chart/chart-types';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { DIFFICULTY_LABELS, formatClock, percent, TASK_KIND_LABELS } from '@/ui/components/exercise-format';
import { downloadProgressFile } from '@/ui/components/progress-download';
import { Tabs } from '@/ui/components/tabs';
import { useExerciseBuild } from '@/ui/features/exercise-session/use-exercise-build';
import { domainLabel } from '@/ui/features/progress/progress-dashboard';
import { ScoreReport } from '@/ui/features/score-report/score-report';
import { exerciseHash } from './exercise-links';
import { ExerciseWorkspace, exerciseDocuments } from './exercise-workspaces';
import { PROGRESS_HASH } from './progress-links';
import { findScenario, scenarioCatalog } from './scenario-catalog';

const ignoreEdits = () => {};

function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { weekday: 'short', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * `#/progress/attempt/<id>`: a submitted attempt as it was scored, read-only: its stored score
 * report, and the answers in the exercise's workspace with the feedback in place. The exercise is
 * rebuilt from the scenario and seed (the report itself is the stored one, never re-scored).
 */
export function AttemptPage({ attemptId }: { attemptId: string }) {
  const learner = useActiveLearner();
  const attempt = useAttempt(learner === undefined ? undefined : (learner?.id ?? null), attemptId);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const found = Boolean(attempt);
  useEffect(() => {
    if (found) titleRef.current?.focus();
  }, [found]);

  if (learner === undefined || attempt === undefined) {
    return (
      <div className="card empty-state" role="status" aria-busy="true">
        <span className="spinner spinner--large" aria-hidden="true" />
        <p>Loading the attempt…</p>
      </div>
    );
  }
  if (attempt === null) {
    return (
      <div className="page">
        <div className="card empty-state">
          <h1>Attempt not found</h1>
          <p>
            {learner
              ? `${learner.name} has no attempt with this link. It may belong to another learner, or it was deleted.`
              : 'Choose your profile to see your attempts.'}
          </p>
          <a className="button" href={PROGRESS_HASH}>
            Back to progress
          </a>
        </div>
      </div>
    );
  }
  const scenario = findScenario(scenarioCatalog, attempt.scenarioId);
  return (
    <div className="page attempt-page">
      <AttemptHeader attempt={attempt} scenario={scenario} titleRef={titleRef} />
      {scenario ? (
        <AttemptResult attempt={attempt} scenario={scenario} />
      ) : (
        <>
          <p className="notice notice--info">
            The exercise &ldquo;{attempt.scenarioId}&rdquo; is no longer in this version of ChartLab, so only the score report can be shown.
          </p>
          <ScoreReport report={attempt.report} documents={[]} />
        </>
      )}
    </div>
  );
}

function AttemptHeader({ attempt, scenario, titleRef }: { attempt: Attempt; scenario: Scenario | undefined; titleRef: Ref<HTMLHeadingElement> }) {
  const db = useTrainerDB();
  const [exported, setExported] = useState('');
  const [error, setError] = useState<string | null>(null);
  const exportOne = async () => {
    setError(null);
    try {
      setExported(await downloadProgressFile(db, attempt.learnerId, { attemptId: attempt.id }));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <div className="exercise-bar card attempt-bar">
      <div className="exercise-bar__title">
        <a className="exercise-bar__back" href={PROGRESS_HASH}>
          <span aria-hidden="true">←</span> Progress
        </a>
        <h1 ref={titleRef} tabIndex={-1}>
          {scenario?.title ?? attempt.scenarioId}
        </h1>
        <p className="exercise-bar__meta">
          Submitted {formatWhen(attempt.finishedAt)} · {TASK_KIND_LABELS[attempt.kind]} · {domainLabel(attempt.domain)}
          {attempt.difficulty !== 'unknown' && ` · ${DIFFICULTY_LABELS[attempt.difficulty]}`} · Seed <span className="mono">{attempt.seed}</span> ·
          Score {percent(attempt.score)} · Time {formatClock(attempt.elapsedMs)}
        </p>
      </div>
      <div className="exercise-bar__actions">
        <button type="button" className="button" onClick={() => void exportOne()}>
          Export this attempt
        </button>
        {scenario && (
          <a className="button button--primary" href={exerciseHash(scenario.id, attempt.seed)}>
            Try this exercise again
          </a>
        )}
        <p role="status" className="visually-hidden">
          {exported ? `Saved ${exported}.` : ''}
        </p>
        {error && (
          <p role="alert" className="field__error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

function AttemptResult({ attempt, scenario }: { attempt: Attempt; scenario: Scenario }) {
  const build = useExerciseBuild(scenario, attempt.seed);
  const [tab, setTab] = useState<'report' | 'answers'>('report');
  const exercise = build.status === 'ready' && build.exercise.kind === attempt.answers.kind ? build.exercise : null;
  return (
    <>
      {attempt.generatorVersion !== GENERATOR_VERSION && (
        <p className="notice notice--info">
          This attempt was made with an earlier version of ChartLab&rsquo;s patient generator. The score and feedback are as they were, but
          the chart shown with them is rebuilt today and may differ from the one you worked on.
        </p>
      )}
      <Tabs
        label="Attempt"
        idPrefix="attempt-result"
        items={[
          { id: 'report', label: 'Score report' },
          { id: 'answers', label: 'Your answers with feedback' },
        ]}
        selectedId={tab}
        onSelect={(next) => setTab(next as 'report' | 'answers')}
      >
        {tab === 'report' ? (
          <ScoreReport report={attempt.report} documents={exercise ? exerciseDocuments(exercise) : []} />
        ) : build.status === 'loading' ? (
          <div className="card empty-state" role="status" aria-busy="true">
            <span className="spinner spinner--large" aria-hidden="true" />
            <p>Rebuilding the exercise for seed {attempt.seed}…</p>
          </div>
        ) : exercise ? (
          <ExerciseWorkspace exercise={exercise} answers={attempt.answers} onChange={ignoreEdits} report={attempt.report} />
        ) : (
          <p className="notice notice--error">
            The exercise could not be rebuilt{build.status === 'error' ? `: ${build.message}` : ''}. The score report still shows every item.
          </p>
        )}
      </Tabs>
    </>
  );
}
