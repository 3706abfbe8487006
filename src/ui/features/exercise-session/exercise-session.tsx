import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ComponentType, type ReactNode, type RefObject } from 'react';
import { DraftConflictError } from '@/db/db-errors';
import { loadDraft } from '@/db/draft-repo';
import { newId } from '@/db/ids';
import type { Attempt } from '@/db/records';
import type { TrainerDB } from '@/db/trainer-db';
import type { Exercise } from '@/domain/exercise/exercise-types';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { Answers } from '@/domain/scoring/submission-schema';
import { useAppStore } from '@/store/app-store';
import { isSameExercise } from '@/store/exercise-slice';
import { DIFFICULTY_LABELS, percent, TASK_KIND_LABELS } from '@/ui/components/exercise-format';
import { Tabs } from '@/ui/components/tabs';
import type { WorkspaceProps } from '@/ui/components/workspace-types';
import { DraftConflictNotice } from './draft-conflict-notice';
import { describeSaveError, DraftSync, type DraftSyncSnapshot } from './draft-sync';
import { downloadJson, submissionFileName, submissionOf } from './export-submission';
import { SaveIndicator } from './save-indicator';
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

/** Where the session keeps the learner's work (src/db). */
export interface SessionPersistence {
  db: TrainerDB;
  /** The active learner; null while nobody is chosen: the work then stays on screen only. */
  learnerId: string | null;
  /** This tab (createWriterId()): tells its saves from another tab's. */
  writerId: string;
  progressHref: string;
  /** The read-only page of a submitted attempt. */
  attemptHref: (attemptId: string) => string;
  /**
   * The assignment this case is an item of: a draft of its own (not practice of the same
   * scenario and seed), and attempts stored with the assignment's id.
   */
  assignmentId?: string;
  /** Once for each attempt stored from this session, after it is committed (e.g. to report it to an LRS). */
  onSubmitted?: (attempt: Attempt) => void;
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
  /** Where libraryHref leads, to follow "Back to": default "all exercises". */
  libraryLabel?: string;
  /** Another seed of the same scenario; omitted when the scenario has no seed range. */
  onNewVariant?: () => void;
  /**
   * Autosave, resume and submit to the learner's progress. Absent when the app runs without a
   * database (component tests of other features): answers then live in the store only.
   */
  persistence?: SessionPersistence;
}

type SubmitOutcome = { kind: 'saved'; attemptId: string } | { kind: 'failed'; message: string; full: boolean } | null;

const noSubscribe = () => () => {};
const noSnapshot = () => null;

/**
 * One exercise from start to score: builds it (lazily), shows the brief, the timer and the
 * workspace, confirms and scores the submission, then shows the report and the answers read-only
 * with feedback. All answer state lives in the store's exercise slice; reopening the same
 * scenario and seed resumes it.
 */
export function ExerciseSession({ scenario, seed, Workspace, canWork, Report, libraryHref, libraryLabel = 'all exercises', onNewVariant, persistence }: ExerciseSessionProps) {
  const build = useExerciseBuild(scenario, seed);
  const bundle = scenario.patients.bundle;
  const importingId = useId();
  const state = useAppStore((s) => s.exercise);
  const startExercise = useAppStore((s) => s.startExercise);
  const setAnswers = useAppStore((s) => s.setAnswers);
  const submitExercise = useAppStore((s) => s.submitExercise);
  const ready = build.status === 'ready' ? build : null;

  // Persistence: one DraftSync per learner and case once the exercise is built.
  const db = persistence?.db;
  const learnerId = persistence?.learnerId ?? null;
  const writerId = persistence?.writerId ?? '';
  const assignmentId = persistence?.assignmentId;
  const emptyAnswers = useMemo(() => (ready ? ready.api.emptyAnswers(ready.exercise) : null), [ready]);
  const sync = useMemo(
    () =>
      db && learnerId && emptyAnswers
        ? new DraftSync({
            db,
            learnerId,
            writerId,
            scenario,
            seed,
            emptyAnswers,
            store: useAppStore,
            ...(assignmentId === undefined ? {} : { assignmentId }),
          })
        : null,
    [db, learnerId, writerId, scenario, seed, emptyAnswers, assignmentId],
  );
  const syncState: DraftSyncSnapshot | null = useSyncExternalStore(sync ? sync.subscribe : noSubscribe, sync ? sync.getSnapshot : noSnapshot);
  const storedDraft = useLiveQuery(
    () => (db && learnerId ? loadDraft(db, learnerId, scenario.id, seed, assignmentId) : undefined),
    [db, learnerId, scenario.id, seed, assignmentId],
  );
  const owned = sync ? state.learnerId === learnerId && syncState?.phase === 'ready' : state.learnerId === undefined;
  const active = ready !== null && owned && isSameExercise(state, scenario.id, seed, assignmentId) && state.answers?.kind === ready.exercise.kind;
  const answers = active ? (state.answers as Answers) : null;
  const workable = ready !== null && canWork(ready.exercise);
  const submitted = active && state.status === 'submitted';
  const working = active && state.status === 'working' && workable;
  const limit = scenario.timeLimitMinutes;
  const timeUp = useTimeUp(active ? limit : undefined);

  const [confirming, setConfirming] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome>(null);
  const attemptIdRef = useRef<string | null>(null);
  /** Attempts already handed to persistence.onSubmitted (a retry may return one already stored). */
  const reportedRef = useRef(new Set<string>());
  const [resultTab, setResultTab] = useState<'report' | 'answers'>('report');
  const titleRef = useRef<HTMLHeadingElement>(null);
  const reportHeadingRef = useRef<HTMLHeadingElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const focusReport = useRef(false);
  const focusAnswersTab = useRef(false);

  // Without a learner, start the exercise once it is built unless the store already holds it
  // (resume in this tab), and never reuse a case that belongs to a learner. With a learner,
  // DraftSync restores the saved draft or starts fresh.
  const withLearner = sync !== null;
  useEffect(() => {
    if (!ready || withLearner || (db && learnerId)) return;
    const current = useAppStore.getState().exercise;
    if (isSameExercise(current, scenario.id, seed, assignmentId) && current.answers?.kind === ready.exercise.kind && current.learnerId === undefined) return;
    startExercise({ scenarioId: scenario.id, seed, answers: ready.api.emptyAnswers(ready.exercise), startedAt: Date.now(), ...(assignmentId === undefined ? {} : { assignmentId }) });
  }, [ready, withLearner, db, learnerId, scenario.id, seed, assignmentId, startExercise]);

  useExerciseClock(working);

  // After the clock, so its last tick is in the store when a leaving screen saves.
  useEffect(() => {
    if (!sync) return;
    sync.attach();
    return () => sync.detach();
  }, [sync]);

  useEffect(() => {
    sync?.onStoredDraft(storedDraft);
  }, [sync, storedDraft]);

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

  /** The attempt is in the learner's progress: say so, and tell the page once per attempt. */
  const stored = (attempt: Attempt) => {
    setOutcome({ kind: 'saved', attemptId: attempt.id });
    if (reportedRef.current.has(attempt.id)) return;
    reportedRef.current.add(attempt.id);
    try {
      persistence?.onSubmitted?.(attempt);
    } catch (error) {
      // The attempt is stored whatever the page does with it; that must not read as a failed submit.
      console.warn('ChartLab: after submitting', error);
    }
  };

  const confirmSubmit = async () => {
    if (!ready || !answers || submitting) return;
    let report: ScoreReport;
    try {
      report = ready.api.scoreAnswers(ready.exercise, answers);
    } catch (error) {
      setConfirming(false);
      setSubmitError(error instanceof Error ? error.message : String(error));
      return;
    }
    if (sync) {
      // The same id on a retry, so the attempt is stored once (submitAttempt is idempotent on it).
      attemptIdRef.current ??= newId();
      setSubmitting(true);
      try {
        stored(await sync.submit(report, attemptIdRef.current));
      } catch (error) {
        setSubmitting(false);
        if (error instanceof DraftConflictError) {
          // Another tab saved newer work: nothing was stored; the conflict notice asks which to keep.
          setConfirming(false);
          return;
        }
        const described = describeSaveError(error);
        setOutcome({ kind: 'failed', message: described.message, full: described.full });
      }
      setSubmitting(false);
    }
    focusReport.current = true;
    setResultTab('report');
    submitExercise(report);
    setConfirming(false);
  };

  /** Stores a result shown but not saved (a failed submit, or one scored before a profile was chosen). */
  const saveResult = async () => {
    if (!sync || !state.report) return;
    attemptIdRef.current ??= newId();
    setSubmitting(true);
    try {
      stored(await sync.submit(state.report, attemptIdRef.current));
    } catch (error) {
      const described =
        error instanceof DraftConflictError
          ? { message: 'This result was not saved: you have this exercise in progress, and saving the result would replace that work. Export the submission instead.', full: false }
          : describeSaveError(error);
      setOutcome({ kind: 'failed', message: described.message, full: described.full });
    } finally {
      setSubmitting(false);
    }
  };

  const tryAgain = () => {
    if (!ready) return;
    attemptIdRef.current = null;
    setOutcome(null);
    startExercise({
      scenarioId: scenario.id,
      seed,
      answers: ready.api.emptyAnswers(ready.exercise),
      startedAt: Date.now(),
      ...(sync && learnerId ? { learnerId } : {}),
      ...(assignmentId === undefined ? {} : { assignmentId }),
    });
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
            <span aria-hidden="true">←</span> {libraryLabel.charAt(0).toUpperCase() + libraryLabel.slice(1)}
          </a>
          <h1 ref={titleRef} tabIndex={-1}>
            {scenario.title}
          </h1>
          <p className="exercise-bar__meta">
            {TASK_KIND_LABELS[scenario.task.kind]} · {DIFFICULTY_LABELS[scenario.difficulty]} ·{' '}
            {bundle && (
              <>
                Imported chart <span className="mono">{bundle.slice(bundle.lastIndexOf('/') + 1)}</span> ·{' '}
              </>
            )}
            Seed <span className="mono">{seed}</span> · Pass mark {percent(scenario.passingScore)}
          </p>
        </div>
        {active && workable && <SessionTimer limitMinutes={limit} submitted={submitted} />}
        {persistence && active && workable && !submitted && <SaveIndicator status={syncState ? syncState.status : 'no-learner'} />}
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
      {persistence && syncState?.status.kind === 'conflict' && !submitted && sync && (
        <DraftConflictNotice
          reason={syncState.status.reason}
          stored={syncState.status.stored}
          onLoadSaved={() => sync.loadSaved()}
          onKeepMine={() => sync.keepMine()}
          progressHref={persistence.progressHref}
        />
      )}
      {syncState?.status.kind === 'error' && syncState.status.full && working && (
        <div role="alert" className="notice notice--error exercise-save-error">
          <p>{syncState.status.message}</p>
          <button type="button" className="button button--small" onClick={exportSubmission}>
            Export submission
          </button>
        </div>
      )}
      {syncState?.otherTab && syncState.status.kind !== 'conflict' && working && (
        <p className="notice notice--info exercise-other-tab">
          This exercise is also open in another tab or window. Work in one of them: if both change it, ChartLab will ask which version
          to keep.
        </p>
      )}
      {syncState?.olderGenerator && working && (
        <p className="notice notice--info">
          You started this exercise with an earlier version of ChartLab&rsquo;s patient generator, so the chart may differ from the one your
          saved answers were made on.
        </p>
      )}
      {submitError && (
        <div role="alert" className="notice notice--error">
          <strong>The answers could not be scored.</strong> {submitError}
        </div>
      )}

      {build.status === 'loading' || (ready && !active) ? (
        bundle && build.status === 'loading' ? (
          <div className="card empty-state exercise-importing" aria-busy="true">
            <span className="spinner spinner--large" aria-hidden="true" />
            <p id={importingId} role="status">
              Importing the chart {bundle}
              {build.progress ? `: ${build.progress.label}` : ''}…
            </p>
            <progress aria-labelledby={importingId} max={100} value={build.progress?.percent ?? 0} />
          </div>
        ) : (
          <div className="card empty-state" role="status" aria-busy="true">
            <span className="spinner spinner--large" aria-hidden="true" />
            <p>{bundle ? 'Preparing the exercise…' : `Generating the exercise for seed ${seed}…`}</p>
          </div>
        )
      ) : build.status === 'error' ? (
        <div role="alert" className="notice notice--error exercise-error">
          <p>
            <strong>{bundle ? `This exercise could not be opened on its imported chart.` : `This exercise could not be built for seed ${seed}.`}</strong>{' '}
            {build.message}
          </p>
          <p>
            <a href={libraryHref}>Back to {libraryLabel}</a>
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
          {persistence && (
            <ResultSaved
              outcome={outcome}
              unsaved={!sync || syncState?.unsavedResult === true}
              hasLearner={sync !== null}
              busy={submitting}
              persistence={persistence}
              onSave={() => void saveResult()}
              onExport={exportSubmission}
            />
          )}
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
          onConfirm={() => void confirmSubmit()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

interface ResultSavedProps {
  outcome: SubmitOutcome;
  /** Shown but not in anyone's progress (scored before a profile was chosen). */
  unsaved: boolean;
  hasLearner: boolean;
  busy: boolean;
  persistence: SessionPersistence;
  onSave: () => void;
  onExport: () => void;
}

/** Under the result: where it was saved, or why not and what to do so nothing is lost. */
function ResultSaved({ outcome, unsaved, hasLearner, busy, persistence, onSave, onExport }: ResultSavedProps) {
  if (outcome?.kind === 'saved') {
    return (
      <p className="exercise-saved" role="status">
        <span aria-hidden="true">✓</span> Saved to your progress.{' '}
        <a href={persistence.attemptHref(outcome.attemptId)}>Open this attempt</a> · <a href={persistence.progressHref}>See all your progress</a>
      </p>
    );
  }
  if (outcome?.kind === 'failed') {
    return (
      <div role="alert" className="notice notice--error exercise-save-error">
        <p>
          <strong>Your result could not be saved.</strong> {outcome.message} Export the submission to keep your answers; it can be scored
          again with <code>chartlab score</code>.
        </p>
        <div className="exercise-save-error__actions">
          <button type="button" className="button button--small button--primary" onClick={onExport}>
            Export submission
          </button>
          <button type="button" className="button button--small" disabled={busy} onClick={onSave}>
            Try saving again
          </button>
        </div>
      </div>
    );
  }
  if (!unsaved) return null;
  return (
    <div className="notice notice--warning exercise-save-error">
      <p>
        {hasLearner
          ? 'This result is not in your progress yet: it was scored before you chose your profile.'
          : 'This result is not saved: nobody is chosen as the learner. Choose or create your profile at the top of the page to keep it, or export the submission.'}
      </p>
      <div className="exercise-save-error__actions">
        {hasLearner && (
          <button type="button" className="button button--small button--primary" disabled={busy} onClick={onSave}>
            Save it to my progress
          </button>
        )}
        <button type="button" className="button button--small" onClick={onExport}>
          Export submission
        </button>
      </div>
    </div>
  );
}
