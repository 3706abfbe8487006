import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTrainerDB } from '@/db/db-context';
import { newId } from '@/db/ids';
import { useActiveLearner } from '@/db/use-learners';
import { useDueQuizItems, useQuizSession } from '@/db/use-quiz';
import { generateQuiz, regenerateQuestion } from '@/domain/quiz/generate-quiz';
import type { Question } from '@/domain/quiz/question-schema';
import { useAppStore } from '@/store/app-store';
import { hasQuizCode, parseQuizCode, QUIZ_HASH, formatQuizCode, type QuizCode } from './quiz-code';
import { QuizTopicAccuracy } from './quiz-accuracy';
import { RecentQuizzes } from './quiz-history';
import { TEST_MINUTES_PER_QUESTION, TEST_PASS_MARK } from './quiz-labels';
import { outcomeFromSession, outcomeFromState, type QuizOutcome } from './quiz-record';
import { QuizResults } from './quiz-results';
import { QuizRunner } from './quiz-runner';
import { QuizSetup, type QuizSetupChoice } from './quiz-setup';
import { saveQuizOutcome } from './save-quiz';

export interface QuizSectionProps {
  route: { id?: string; rest?: string[]; params: URLSearchParams };
  navigate: (hash: string) => void;
  /**
   * Shown while nobody is chosen: the learners feature's prompt, composed by the app. Pass null
   * when the shell shows it above the page already; left out, a plain message says results
   * can't be kept.
   */
  learnerPrompt?: ReactNode;
}

/** Result ids being written now: StrictMode's double effects must not move Leitner boxes twice. */
const saving = new Set<string>();

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The address others open for a code: this page with the code's fragment. */
function linkFor(hash: string): string {
  return `${window.location.origin}${window.location.pathname}${window.location.search}${hash}`;
}

function useStartQuiz(learnerId: string | null) {
  const startQuiz = useAppStore((s) => s.startQuiz);
  return {
    fromCode(code: QuizCode) {
      const questions = generateQuiz(code.seed, { count: code.count, ...(code.topics ? { topics: code.topics } : {}), ...(code.difficulty ? { difficulty: code.difficulty } : {}) });
      const test = code.mode === 'test';
      startQuiz({
        sessionId: newId(),
        mode: code.mode,
        seed: code.seed,
        topics: code.topics ?? null,
        difficulty: code.difficulty ?? null,
        questions,
        startedAt: Date.now(),
        timeLimitMs: test ? code.count * TEST_MINUTES_PER_QUESTION * 60_000 : null,
        passMark: test ? TEST_PASS_MARK : null,
        learnerId,
      });
    },
    review(questions: Question[]) {
      startQuiz({ sessionId: newId(), mode: 'review', seed: null, topics: null, difficulty: null, questions, startedAt: Date.now(), learnerId });
    },
  };
}

/** Questions for item keys; keys an older generator made (which no longer rebuild) are left out. */
function questionsFor(keys: readonly string[]): Question[] {
  return keys.flatMap((key) => {
    try {
      return [regenerateQuestion(key)];
    } catch {
      return [];
    }
  });
}

function missedQuestions(outcome: QuizOutcome): Question[] {
  return outcome.items.filter((i) => !i.response?.correct && i.question).map((i) => i.question as Question);
}

interface SetupScreenProps {
  route: QuizSectionProps['route'];
  navigate: (hash: string) => void;
  learnerId: string | null | undefined;
  learnerPrompt?: ReactNode;
}

function SetupScreen({ route, navigate, learnerId, learnerPrompt }: SetupScreenProps) {
  const [now] = useState(() => Date.now());
  const due = useDueQuizItems(learnerId, now);
  const [startError, setStartError] = useState<string | null>(null);
  const start = useStartQuiz(learnerId ?? null);
  const linked = hasQuizCode(route.params) ? parseQuizCode(route.params) : null;

  const onStart = (choice: QuizSetupChoice) => {
    setStartError(null);
    try {
      if (choice.mode === 'review') {
        const questions = questionsFor((due ?? []).slice(0, choice.count).map((i) => i.itemKey));
        if (questions.length === 0) {
          setStartError('None of the questions due for review could be rebuilt (they were made by an earlier version of ChartLab). Take a new quiz instead.');
          return;
        }
        start.review(questions);
      } else start.fromCode(choice.code);
      // The quiz runs at plain #/quiz: the code's link is for starting it, not for coming back to.
      if (route.params.size > 0) navigate(QUIZ_HASH);
    } catch (error) {
      setStartError(`The quiz could not be made: ${errorText(error)}`);
    }
  };

  return (
    <>
      {learnerId === null &&
        (learnerPrompt === undefined ? (
          <p className="notice notice--info">
            Nobody is signed in on this computer, so your quiz results will not be saved. You can still take quizzes.
          </p>
        ) : (
          learnerPrompt
        ))}
      <QuizSetup
        key={route.params.toString()}
        initialCode={linked?.ok ? linked.code : null}
        linkError={linked && !linked.ok ? linked.error : null}
        dueCount={due?.length}
        hasLearner={!!learnerId}
        onStart={onStart}
        startError={startError}
        linkFor={linkFor}
      >
        <div className="quiz-side">
          <RecentQuizzes learnerId={learnerId} />
          <QuizTopicAccuracy learnerId={learnerId} />
        </div>
      </QuizSetup>
    </>
  );
}

interface SaveStatusProps {
  state: SaveState;
  learnerName: string | null;
  missed: number;
  onRetry: () => void;
}

function SaveStatus({ state, learnerName, missed, onRetry }: SaveStatusProps) {
  return (
    <div className="quiz-save" role="status">
      {state.kind === 'saved' && (
        <p className="quiz-save__ok">
          Saved{learnerName ? ` to ${learnerName}’s quiz history` : ''}.
          {missed > 0 ? ` ${missed === 1 ? 'The question you missed is' : 'The questions you missed are'} due for review now.` : ''}
        </p>
      )}
      {state.kind === 'saving' && <p className="muted">Saving your result…</p>}
      {state.kind === 'no-learner' && <p className="notice notice--info">Not saved: nobody is signed in. Choose who is working and this result is saved to them.</p>}
      {state.kind === 'failed' && (
        <div className="notice notice--error">
          <p>
            <strong>Your result could not be saved.</strong> {state.message}
          </p>
          <button type="button" className="button button--small" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
    </div>
  );
}

type SaveState = { kind: 'saving' } | { kind: 'saved' } | { kind: 'no-learner' } | { kind: 'failed'; message: string };

interface FinishedScreenProps {
  activeLearner: { id: string; name: string } | null | undefined;
  learnerPrompt?: ReactNode;
  /** Leave the result for the setup screen, optionally at a quiz code's link. */
  onLeave: (hash: string) => void;
}

function FinishedScreen({ activeLearner, learnerPrompt, onLeave }: FinishedScreenProps) {
  const db = useTrainerDB();
  const quiz = useAppStore((s) => s.quiz);
  const markQuizSaved = useAppStore((s) => s.markQuizSaved);
  const outcome = useMemo(() => outcomeFromState(quiz), [quiz]);
  const start = useStartQuiz(activeLearner?.id ?? null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const targetId = quiz.learnerId ?? activeLearner?.id ?? null;
  const sessionId = quiz.sessionId;
  const saved = sessionId !== null && quiz.savedSessionId === sessionId;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!targetId || !sessionId || saved || saving.has(sessionId)) return;
    saving.add(sessionId);
    saveQuizOutcome(db, targetId, outcome, quiz.finishedAt ?? Date.now())
      .then(() => {
        setFailure(null);
        markQuizSaved(sessionId);
      })
      .catch((error: unknown) => setFailure(errorText(error)))
      .finally(() => saving.delete(sessionId));
  }, [db, targetId, sessionId, saved, outcome, quiz.finishedAt, markQuizSaved, attempt]);

  const state: SaveState = saved ? { kind: 'saved' } : failure ? { kind: 'failed', message: failure } : targetId ? { kind: 'saving' } : { kind: 'no-learner' };
  const missed = missedQuestions(outcome);
  const code: QuizCode | null =
    quiz.mode !== 'review' && quiz.seed !== null
      ? { seed: quiz.seed, count: quiz.questions.length, mode: quiz.mode, ...(quiz.topics ? { topics: quiz.topics } : {}), ...(quiz.difficulty ? { difficulty: quiz.difficulty } : {}) }
      : null;

  return (
    <>
      {!targetId && learnerPrompt}
      <QuizResults
        outcome={outcome}
        headingRef={headingRef}
        saveStatus={
          <SaveStatus
            state={state}
            learnerName={activeLearner && activeLearner.id === targetId ? activeLearner.name : null}
            missed={outcome.items.filter((i) => i.response && !i.response.correct).length}
            onRetry={() => {
              setFailure(null);
              setAttempt((n) => n + 1);
            }}
          />
        }
        actions={
          <>
            {missed.length > 0 && (
              <button type="button" className="button button--primary" onClick={() => start.review(missed)}>
                Retry the ones I missed ({missed.length})
              </button>
            )}
            <button type="button" className={`button${missed.length === 0 ? ' button--primary' : ''}`} onClick={() => onLeave(QUIZ_HASH)}>
              New quiz
            </button>
            {code && (
              <button type="button" className="button button--quiet" onClick={() => onLeave(formatQuizCode(code))}>
                Share or retake these questions
              </button>
            )}
          </>
        }
      />
    </>
  );
}

interface StoredResultsScreenProps {
  learnerId: string | null | undefined;
  sessionId: string;
  /** Leave for the setup screen at a quiz code's link (dropping any result still on screen). */
  onLeave: (hash: string) => void;
}

function StoredResultsScreen({ learnerId, sessionId, onLeave }: StoredResultsScreenProps) {
  const session = useQuizSession(learnerId, sessionId);
  const outcome = useMemo(() => (session ? outcomeFromSession(session) : null), [session]);
  const start = useStartQuiz(learnerId ?? null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = outcome !== null;

  useEffect(() => {
    if (ready) headingRef.current?.focus();
  }, [ready]);

  if (session === undefined) {
    return (
      <div className="card empty-state" role="status" aria-busy="true">
        <span className="spinner spinner--large" aria-hidden="true" />
        <p>Loading the result…</p>
      </div>
    );
  }
  if (session === null || outcome === null) {
    return (
      <div className="card empty-state">
        <h2>Result not found</h2>
        <p>{learnerId === null ? 'Choose who is working to see their quiz results.' : 'This quiz result is not in your history on this computer.'}</p>
        <a className="button" href={QUIZ_HASH}>
          Back to quizzes
        </a>
      </div>
    );
  }
  const missed = missedQuestions(outcome);
  const code: QuizCode | null =
    outcome.mode !== 'review' && outcome.seed !== null
      ? {
          seed: outcome.seed,
          count: outcome.items.length,
          mode: outcome.mode,
          ...(outcome.topicsChosen ? { topics: outcome.topicsChosen } : {}),
          ...(outcome.difficulty ? { difficulty: outcome.difficulty } : {}),
        }
      : null;
  return (
    <QuizResults
      outcome={outcome}
      headingRef={headingRef}
      title="Quiz results"
      actions={
        <>
          {missed.length > 0 && (
            <button type="button" className="button button--primary" onClick={() => start.review(missed)}>
              Retry the ones I missed ({missed.length})
            </button>
          )}
          <a className="button" href={QUIZ_HASH}>
            Back to quizzes
          </a>
          {code && (
            <button type="button" className="button button--quiet" onClick={() => onLeave(formatQuizCode(code))}>
              Take this quiz again
            </button>
          )}
        </>
      }
    />
  );
}

/**
 * `#/quiz`: set up a quiz, take it, see the results; `#/quiz?seed=…` opens a shared quiz code;
 * `#/quiz/results/<id>` shows a stored result. The quiz in progress lives in the store's quiz
 * slice, so leaving the page and coming back resumes it.
 */
export function QuizSection({ route, navigate, learnerPrompt }: QuizSectionProps) {
  const active = useActiveLearner();
  const status = useAppStore((s) => s.quiz.status);
  const resetQuiz = useAppStore((s) => s.resetQuiz);
  const learnerId = active === undefined ? undefined : (active?.id ?? null);
  const storedId = route.id === 'results' ? route.rest?.[0] : undefined;

  // Starting a quiz from a stored result's page ("Retry the ones I missed") goes to the quiz page.
  useEffect(() => {
    if (storedId && status === 'running') navigate(QUIZ_HASH);
  }, [storedId, status, navigate]);

  const leave = (hash: string) => {
    resetQuiz();
    navigate(hash);
  };

  // Opening a quiz code's link after a quiz has finished puts its result away (it is saved, or
  // waits for a learner only while on screen): the link asks for a new quiz.
  const paramsKey = route.params.toString();
  const lastParams = useRef(paramsKey);
  useEffect(() => {
    if (lastParams.current === paramsKey) return;
    lastParams.current = paramsKey;
    if (status === 'finished' && hasQuizCode(new URLSearchParams(paramsKey))) resetQuiz();
  }, [paramsKey, status, resetQuiz]);

  // A quiz in progress wins (it is resumed wherever the learner comes back to the page); then a
  // stored result's page; then the latest result, until "New quiz"; else the setup.
  let body: ReactNode;
  if (status === 'running') body = <QuizRunner />;
  else if (storedId) body = <StoredResultsScreen learnerId={learnerId} sessionId={storedId} onLeave={leave} />;
  else if (status === 'finished') body = <FinishedScreen activeLearner={active} learnerPrompt={learnerPrompt} onLeave={leave} />;
  else body = <SetupScreen route={route} navigate={navigate} learnerId={learnerId} learnerPrompt={learnerPrompt} />;

  return (
    <div className="page quiz-page">
      <header className="quiz-page__head">
        <h1>Quizzes</h1>
        <p className="muted">Short, explained drills on reading, coding and checking records. Every quiz is new; a quiz code brings one back.</p>
      </header>
      {body}
    </div>
  );
}
