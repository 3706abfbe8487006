import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { decodeSuspend, outcomeOf, type ScormSession, type SuspendState } from '@/lms/scorm-runtime';
import type { PlayerData } from '@/lms/scorm-package';
import { useAppStore } from '@/store/app-store';
import { ExerciseWorkspace, exerciseDocuments, hasWorkspace } from '@/ui/app/exercise-workspaces';
import { TASK_KIND_LABELS } from '@/ui/components/exercise-format';
import { ExerciseSession, type ReportSlotProps } from '@/ui/features/exercise-session/exercise-session';
import { ScoreReport } from '@/ui/features/score-report/score-report';

function ExerciseReport({ report, exercise, headingRef, actions }: ReportSlotProps) {
  return <ScoreReport report={report} documents={exerciseDocuments(exercise)} headingRef={headingRef} actions={actions} />;
}

const percent = (s: number) => `${Math.round(s * 1000) / 10}%`;

function subscribeHash(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** `#item-2` → 2; anything else is the overview. */
function useItemRoute(): number | null {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const match = /^#item-(\d+)$/.exec(hash);
  return match ? Number(match[1]) : null;
}

/**
 * The assignment inside an LMS: the items with their best scores, each opened in the same
 * exercise session as the app. Every submission updates cmi.core.score.raw (the mean of the
 * items' best scores, 0–100) and lesson_status (incomplete until every item is done, then
 * passed or failed against the pass mark), and commits; Finish (or leaving the page) sends the
 * session time and LMSFinish.
 */
export function ScormPlayer({ data, session }: { data: PlayerData; session: ScormSession }) {
  const { assignment, scenarios } = data;
  const itemCount = assignment.items.length;
  const [state, setState] = useState<SuspendState>(
    () => decodeSuspend(session.get('cmi.suspend_data'), itemCount) ?? { v: 1, scores: Array(itemCount).fill(null), attempts: Array(itemCount).fill(0) },
  );
  const [finished, setFinished] = useState(false);
  const route = useItemRoute();
  const exercise = useAppStore((s) => s.exercise);
  const counted = useRef(new Set<string>());
  const stateRef = useRef(state);
  const outcome = outcomeOf(state.scores, assignment.passMark);
  const done = state.scores.every((s) => s !== null);

  useEffect(() => {
    session.begin();
  }, [session]);

  // Count each submission once (keyed by its start time) and report it to the LMS.
  useEffect(() => {
    if (route === null || exercise.status !== 'submitted' || !exercise.report || exercise.startedAt === null) return;
    const scenario = scenarios[route];
    if (!scenario || exercise.scenarioId !== scenario.id || exercise.seed !== assignment.items[route]?.seed) return;
    const key = `${route}:${exercise.startedAt}`;
    if (counted.current.has(key)) return;
    counted.current.add(key);
    const score = exercise.report.score;
    const previous = stateRef.current;
    const scores = previous.scores.map((s, i) => (i === route ? Math.max(s ?? 0, score) : s));
    const attempts = previous.attempts.map((n, i) => (i === route ? n + 1 : n));
    const next: SuspendState = { v: 1, scores, attempts };
    stateRef.current = next;
    session.report(outcomeOf(scores, assignment.passMark), next);
    setState(next);
  }, [route, exercise, scenarios, assignment, session]);

  // Leaving the page (closing the LMS window, navigating away) still ends the session properly.
  const doneRef = useRef(done);
  useEffect(() => {
    doneRef.current = done;
  });
  useEffect(() => {
    const onLeave = () => session.finish(doneRef.current);
    window.addEventListener('pagehide', onLeave);
    return () => window.removeEventListener('pagehide', onLeave);
  }, [session]);

  const finish = () => {
    session.report(outcome, state);
    session.finish(done);
    setFinished(true);
  };

  if (route !== null && scenarios[route] && !finished) {
    const scenario = scenarios[route];
    const seed = assignment.items[route]?.seed ?? scenario.patients.seed;
    const left = assignment.attemptsAllowed - (state.attempts[route] ?? 0);
    const showing = exercise.scenarioId === scenario.id && exercise.seed === seed && exercise.status === 'submitted';
    if (left <= 0 && !showing) {
      return (
        <main className="scorm-player page">
          <div className="card empty-state">
            <h1>No attempts left</h1>
            <p>You have used every attempt at “{scenario.title}”. Your best score is {percent(state.scores[route] ?? 0)}.</p>
            <a className="button" href="#overview">
              Back to the assignment
            </a>
          </div>
        </main>
      );
    }
    return (
      <main className="scorm-player page page--exercise">
        <ExerciseSession
          key={route}
          scenario={scenario}
          seed={seed}
          libraryHref="#overview"
          libraryLabel="the assignment"
          canWork={(e) => hasWorkspace(e.kind)}
          Workspace={ExerciseWorkspace}
          Report={ExerciseReport}
        />
      </main>
    );
  }

  return (
    <main className="scorm-player page">
      <section className="card instructor-panel" aria-labelledby="scorm-title">
        <h1 id="scorm-title">{assignment.title}</h1>
        <p className="muted">
          {assignment.course ? `${assignment.course} · ` : ''}Due {assignment.dueDate} · pass mark {percent(assignment.passMark)} · {assignment.attemptsAllowed} attempt
          {assignment.attemptsAllowed === 1 ? '' : 's'} per scenario
        </p>
        {session.connected ? (
          <p className="notice notice--info">
            Connected to your LMS{session.learnerName() ? ` as ${session.learnerName()}` : ''}: your score is reported when you submit.
          </p>
        ) : (
          <p className="notice notice--warning">Not connected to an LMS (no SCORM API found): you can practise, but no score is reported.</p>
        )}
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Scenarios</caption>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col">Attempts</th>
                <th scope="col">Best score</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((scenario, i) => {
                const used = state.attempts[i] ?? 0;
                return (
                  <tr key={i}>
                    <th scope="row">
                      {i + 1}. {scenario.title}
                      <div className="muted small">
                        {TASK_KIND_LABELS[scenario.task.kind]} · seed {assignment.items[i]?.seed}
                      </div>
                    </th>
                    <td>
                      {used} of {assignment.attemptsAllowed}
                    </td>
                    <td>{state.scores[i] == null ? '—' : percent(state.scores[i] as number)}</td>
                    <td>
                      {!finished && used < assignment.attemptsAllowed && (
                        <a className="button button--small button--primary" href={`#item-${i}`} aria-label={`${used ? 'Try again' : 'Start'}: ${scenario.title}`}>
                          {used ? 'Try again' : 'Start'}
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p>
          Score so far: <strong>{percent(outcome.score)}</strong> ({outcome.status === 'incomplete' ? 'not all scenarios done yet' : outcome.status})
        </p>
        {finished ? (
          <p role="status" className="notice notice--ok">
            Finished: your score was sent to the LMS. You can close this window.
          </p>
        ) : (
          <div>
            <button type="button" className="button button--primary" onClick={finish}>
              {done ? 'Finish and send my score' : 'Save and exit'}
            </button>
          </div>
        )}
        {session.errors.length > 0 && (
          <details className="notice notice--warning">
            <summary>The LMS reported problems</summary>
            <ul>
              {session.errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </details>
        )}
      </section>
    </main>
  );
}
