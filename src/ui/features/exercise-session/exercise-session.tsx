import { useEffect, useLayoutEffect, useRef, useState, type ComponentType, type ReactNode, type RefObject } from 'react';
import type { Exercise } from '@/domain/exercise/exercise-types';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import { useAppStore } from '@/store/app-store';
import { isSameExercise } from '@/store/exercise-slice';
import { DIFFICULTY_LABELS, percent, TASK_KIND_LABELS } from '@/ui/components/exercise-format';
import { Tabs } from '@/ui/components/tabs';
import type { WorkspaceProps } from '@/ui/components/workspace-types';
import { downloadJson, submissionFileName, submissionOf } from './export-submission';
import { SessionTimer, TimeUpNotice, useExerciseClock, useTimeUp } from './session-timer';
import { SubmitDialog } from './submit-dialog';
import { unansweredSummary } from './unanswered';
import { useExerciseBuild } from './use-exercise-build';

export interface ReportSlotProps {
  report: ScoreReport;
  exercise: Exercise;
  /** Focus goes here when the report appears. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Try again / New variant, for the report to show by its score. */
  actions: ReactNode;
}

export interface ExerciseSessionProps {
  scenario: Scenario;
  seed: number;
  /** The workspace of the exercise's task kind (the app's registry decides which). */
  Workspace: ComponentType<WorkspaceProps>;
  /** False when no workspace is registered for the kind: no timer, Submit or Export then. */
  canWork: (exercise: Exercise) => boolean;
  Report: ComponentType<ReportSlotProps>;
  libraryHref: string;
  /** Another seed of the same scenario; omitted when the scenario has no seed range. */
  onNewVariant?: () => void;
}

/**
 * One exercise from start to score: builds it (lazily), shows the brief, the timer and the
 * workspace, confirms and scores the submission, then shows the report and the answers read-only
 * with feedback. All answer state lives in the store's exercise slice; reopening the same
 * scenario and seed resumes it.
 */
export function ExerciseSession({ scenario, seed, Workspace, canWork, Report, libraryHref, onNewVariant }: ExerciseSessionProps) {
  const build = useExerciseBuild(scenario, seed);
  const state = useAppStore((s) => s.exercise);
  const startExercise = useAppStore((s) => s.startExercise);
  const setAnswers = useAppStore((s) => s.setAnswers);
  const submitExercise = useAppStore((s) => s.submitExercise);
  const ready = build.status === 'ready' ? build : null;
  const active = ready !== null && isSameExercise(state, scenario.id, seed) && state.answers?.kind === ready.exercise.kind;
  const answers = active ? (state.answers as Answers) : null;
  const workable = ready !== null && canWork(ready.exercise);
  const submitted = active && state.status === 'submitted';
  const working = active && state.status === 'working' && workable;
  const limit = scenario.timeLimitMinutes;
  const timeUp = useTimeUp(active ? limit : undefined);

  const [confirming, setConfirming] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [resultTab, setResultTab] = useState<'report' | 'answers'>('report');
  const titleRef = useRef<HTMLHeadingElement>(null);
  const reportHeadingRef = useRef<HTMLHeadingElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const focusReport = useRef(false);
  const focusAnswersTab = useRef(false);

  // Start the exercise once it is built, unless the store already holds it (resume).
  useEffect(() => {
    if (!ready) return;
    const current = useAppStore.getState().exercise;
    if (isSameExercise(current, scenario.id, seed) && current.answers?.kind === ready.exercise.kind) return;
    startExercise({ scenarioId: scenario.id, seed, answers: ready.api.emptyAnswers(ready.exercise), startedAt: Date.now() });
  }, [ready, scenario.id, seed, startExercise]);

  useExerciseClock(working);

  // A new page: put focus on its title, as a page load would.
  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  // After submitting, focus the report; after "Review my answers", the tab that now shows them.
  useEffect(() => {
    if (submitted && focusReport.current) {
      focusReport.current = false;
      reportHeadingRef.current?.focus();
    }
    if (resultTab === 'answers' && focusAnswersTab.current) {
      focusAnswersTab.current = false;
      document.getElementById('exercise-result-tab-answers')?.focus();
    }
  });

  // The sticky bar's height keeps focused fields clear of it (scroll-padding-top, WCAG 2.4.11).
  useLayoutEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    const root = document.documentElement;
    const before = root.style.getPropertyValue('--banner-height');
    // Only while it sticks (wide screens); a bar that scrolls away needs no room kept for it.
    const update = () => {
      const sticky = getComputedStyle(bar).position === 'sticky';
      root.style.setProperty('--banner-height', sticky ? `${Math.ceil(bar.getBoundingClientRect().height)}px` : '0px');
    };
    update();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(bar);
    return () => {
      observer?.disconnect();
      if (before) root.style.setProperty('--banner-height', before);
      else root.style.removeProperty('--banner-height');
    };
  }, []);

  const requestSubmit = () => {
    if (!working) return;
    setSubmitError(null);
    setConfirming(true);
  };

  // Ctrl/Cmd+Enter anywhere in the exercise asks to submit (listed in the keyboard help).
  const requestSubmitRef = useRef(requestSubmit);
  useEffect(() => {
    requestSubmitRef.current = requestSubmit;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        requestSubmitRef.current();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const confirmSubmit = () => {
    if (!ready || !answers) return;
    try {
      const report = ready.api.scoreAnswers(ready.exercise, answers);
      focusReport.current = true;
      setResultTab('report');
      submitExercise(report);
      setConfirming(false);
    } catch (error) {
      setConfirming(false);
      setSubmitError(error instanceof Error ? error.message : String(error));
    }
  };

  const tryAgain = () => {
    if (!ready) return;
    startExercise({ scenarioId: scenario.id, seed, answers: ready.api.emptyAnswers(ready.exercise), startedAt: Date.now() });
    titleRef.current?.focus();
  };

  const exportSubmission = () => {
    if (answers) downloadJson(submissionFileName(scenario.id, seed), submissionOf(scenario.id, seed, answers));
  };

  const workspaceProps = ready && answers ? { exercise: ready.exercise, answers, onChange: setAnswers } : null;

  return (
    <div className="exercise-session">
      <div ref={barRef} className="exercise-bar card">
        <div className="exercise-bar__title">
          <a className="exercise-bar__back" href={libraryHref}>
            <span aria-hidden="true">←</span> All exercises
          </a>
          <h1 ref={titleRef} tabIndex={-1}>
            {scenario.title}
          </h1>
          <p className="exercise-bar__meta">
            {TASK_KIND_LABELS[scenario.task.kind]} · {DIFFICULTY_LABELS[scenario.difficulty]} · Seed <span className="mono">{seed}</span> · Pass
            mark {percent(scenario.passingScore)}
          </p>
        </div>
        {active && workable && <SessionTimer limitMinutes={limit} submitted={submitted} />}
        {active && workable && (
          <div className="exercise-bar__actions">
            <button type="button" className="button" onClick={exportSubmission}>
              Export submission
            </button>
            {working && (
              <button type="button" className="button button--primary" onClick={requestSubmit} aria-keyshortcuts="Control+Enter Meta+Enter">
                Submit
              </button>
            )}
          </div>
        )}
      </div>

      <div className="exercise-brief card">
        <p>
          <strong>Instructions.</strong> {scenario.task.instructions}
        </p>
        <p className="exercise-brief__limit muted">
          {limit === undefined
            ? 'No time limit: the clock only shows how long you have spent.'
            : `Time limit: ${limit} minutes. When the time is up you can still finish and submit.`}
        </p>
        <details className="exercise-brief__objectives">
          <summary>
            Learning objectives <span className="count">{scenario.learningObjectives.length}</span>
          </summary>
          <ul>
            {scenario.learningObjectives.map((objective) => (
              <li key={objective}>{objective}</li>
            ))}
          </ul>
        </details>
      </div>

      {working && timeUp && <TimeUpNotice onSubmitRequest={requestSubmit} />}
      {submitError && (
        <div role="alert" className="notice notice--error">
          <strong>The answers could not be scored.</strong> {submitError}
        </div>
      )}

      {build.status === 'loading' || (ready && !active) ? (
        <div className="card empty-state" role="status" aria-busy="true">
          <span className="spinner spinner--large" aria-hidden="true" />
          <p>Generating the exercise for seed {seed}…</p>
        </div>
      ) : build.status === 'error' ? (
        <div role="alert" className="notice notice--error exercise-error">
          <p>
            <strong>This exercise could not be built for seed {seed}.</strong> {build.message}
          </p>
          <p>
            <a href={libraryHref}>Back to all exercises</a>
            {onNewVariant && (
              <>
                {' '}
                or{' '}
                <button type="button" className="button button--small" onClick={onNewVariant}>
                  Try a new variant
                </button>
              </>
            )}
          </p>
        </div>
      ) : !workspaceProps || !ready ? null : submitted && state.report ? (
        <div className="exercise-results">
          <Tabs
            label="Results"
            idPrefix="exercise-result"
            items={[
              { id: 'report', label: 'Score report' },
              { id: 'answers', label: 'Your answers with feedback' },
            ]}
            selectedId={resultTab}
            onSelect={(tab) => setResultTab(tab as 'report' | 'answers')}
          >
            {resultTab === 'report' ? (
              <Report
                report={state.report}
                exercise={ready.exercise}
                headingRef={reportHeadingRef}
                actions={
                  <>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => {
                        focusAnswersTab.current = true;
                        setResultTab('answers');
                      }}
                    >
                      Review my answers
                    </button>
                    <button type="button" className="button button--small" onClick={tryAgain}>
                      Try again
                    </button>
                    {onNewVariant && (
                      <button type="button" className="button button--small" onClick={onNewVariant}>
                        New variant
                      </button>
                    )}
                  </>
                }
              />
            ) : (
              <Workspace {...workspaceProps} report={state.report} />
            )}
          </Tabs>
        </div>
      ) : (
        <Workspace {...workspaceProps} />
      )}

      {ready && answers && (
        <SubmitDialog
          open={confirming}
          unanswered={unansweredSummary(ready.exercise, answers)}
          timeUp={timeUp}
          onConfirm={confirmSubmit}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
