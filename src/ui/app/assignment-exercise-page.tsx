import type { ReactNode } from 'react';
import { itemAttemptNumber } from '@/db/assignment-repo';
import { useOptionalTrainerDB } from '@/db/db-context';
import type { Attempt, Learner } from '@/db/records';
import { useAssignment, useAssignmentProgress } from '@/db/use-instructor';
import { useActiveLearner } from '@/db/use-learners';
import { resolveItemScenario, type AssignmentFile } from '@/domain/instructor/assignment';
import { learnerKeyOf } from '@/domain/instructor/grade';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { useAppStore } from '@/store/app-store';
import { ExerciseSession, type ReportSlotProps } from '@/ui/features/exercise-session/exercise-session';
import { reportItemAttempt } from '@/ui/features/instructor/xapi-outbox';
import { ScoreReport } from '@/ui/features/score-report/score-report';
import { TAB_WRITER_ID } from './app-database';
import { assignmentHash, ASSIGNMENTS_HASH } from './assignment-links';
import { ExerciseWorkspace, exerciseDocuments, hasWorkspace } from './exercise-workspaces';
import { RequireDatabase } from './require-database';
import { attemptHash, PROGRESS_HASH } from './progress-links';
import { findScenario, scenarioCatalog } from './scenario-catalog';
import type { SectionPageProps } from './sections';

function ExerciseReport({ report, exercise, headingRef, actions }: ReportSlotProps) {
  return <ScoreReport report={report} documents={exerciseDocuments(exercise)} headingRef={headingRef} actions={actions} />;
}

/**
 * `#/assignment-exercise/<assignment id>?item=<n>`: one assignment item at its fixed seed, with
 * the assignment's pass mark. The work autosaves and resumes like practice (a draft of its own,
 * keyed with the assignment id), each submission is stored as an attempt linked to the assignment
 * (assignmentId) and reported to the LRS when one is configured; once the attempts allowed are
 * used, the page says so instead of starting another.
 */
export default function AssignmentExercisePage({ route }: SectionPageProps) {
  return (
    <RequireDatabase>
      <AssignmentExercise id={route.id ?? ''} item={Number(route.params.get('item') ?? '0')} />
    </RequireDatabase>
  );
}

function Message({ title, children, href }: { title: string; children: ReactNode; href: string }) {
  return (
    <div className="page">
      <div className="card empty-state">
        <h1>{title}</h1>
        <p>{children}</p>
        <a className="button" href={href}>
          Back to the assignment
        </a>
      </div>
    </div>
  );
}

function AssignmentExercise({ id, item }: { id: string; item: number }) {
  const stored = useAssignment(id);
  const learner = useActiveLearner();
  if (stored === undefined || learner === undefined) return null;
  if (!stored) {
    return (
      <Message title="No such assignment" href={ASSIGNMENTS_HASH}>
        This computer has no assignment “{id}”.
      </Message>
    );
  }
  const assignment = stored.assignment;
  const entry = assignment.items[item];
  const scenario = entry ? resolveItemScenario(entry, assignment.passMark, (sid) => findScenario(scenarioCatalog, sid)) : undefined;
  if (!entry || !scenario) {
    return (
      <Message title="This scenario is not available" href={assignmentHash(id)}>
        {entry ? `This copy of ChartLab does not have the scenario “${String(entry.scenario)}”. Update ChartLab or ask your instructor.` : 'The assignment has no such item.'}
      </Message>
    );
  }
  if (!learner) {
    return (
      <Message title="Choose your profile first" href={assignmentHash(id)}>
        Your attempts are kept under your name, so choose or create your profile above before you start.
      </Message>
    );
  }
  return <AssignmentItemSession assignment={assignment} index={item} scenario={scenario} seed={entry.seed} learner={learner} />;
}

function AssignmentItemSession({ assignment, index, scenario, seed, learner }: { assignment: AssignmentFile; index: number; scenario: Scenario; seed: number; learner: Learner }) {
  const context = useOptionalTrainerDB();
  const progress = useAssignmentProgress(learner.id, assignment);
  const exercise = useAppStore((s) => s.exercise);
  const mine = exercise.scenarioId === scenario.id && exercise.seed === seed && exercise.learnerId === learner.id && exercise.assignmentId === assignment.id;

  if (!context || progress === undefined || progress === null) return null;
  const { db } = context;

  // The session stores each attempt once (with the assignment's id, deleting the item's draft in
  // the same transaction) and calls this once per stored attempt: report it to the LRS, if one is
  // configured, numbered as the result file numbers it.
  const onSubmitted = (attempt: Attempt) => {
    void (async () => {
      const number = await itemAttemptNumber(db, attempt);
      if (number === null) return;
      await reportItemAttempt(db, {
        learner: { key: learnerKeyOf({ id: learner.id, name: learner.name }), name: learner.name },
        assignment: { id: assignment.id, title: assignment.title, ...(assignment.course ? { course: assignment.course } : {}), checksum: assignment.checksum },
        item: { index, scenarioId: scenario.id, title: scenario.title, summary: scenario.summary, seed },
        attempt: { id: attempt.id, number, startedAt: new Date(attempt.startedAt).toISOString(), finishedAt: new Date(attempt.finishedAt).toISOString(), elapsedMs: attempt.elapsedMs },
        score: { scaled: attempt.report.score, passed: attempt.report.passed, passingScore: attempt.report.passingScore },
        homePage: `${window.location.origin}${window.location.pathname}`,
      });
    })().catch((error: unknown) => console.warn('ChartLab xAPI:', error));
  };

  const used = progress.items[index]?.attemptsUsed ?? 0;
  const showingResult = mine && exercise.status === 'submitted';
  if (used >= assignment.attemptsAllowed && !showingResult) {
    const best = progress.items[index]?.bestScore;
    return (
      <Message title="No attempts left" href={assignmentHash(assignment.id)}>
        You have used {used} of {assignment.attemptsAllowed} attempt{assignment.attemptsAllowed === 1 ? '' : 's'} at “{scenario.title}”.{' '}
        {best != null ? `Your best score is ${Math.round(best * 1000) / 10}%.` : ''}
      </Message>
    );
  }
  return (
    <div className="page page--exercise">
      <p className="notice notice--info assignment-banner">
        Assignment <strong>{assignment.title}</strong> · scenario {index + 1} of {assignment.items.length} · attempt {Math.min(used + (showingResult ? 0 : 1), assignment.attemptsAllowed)} of{' '}
        {assignment.attemptsAllowed} · <a href={assignmentHash(assignment.id)}>back to the assignment</a>
      </p>
      <ExerciseSession
        key={`${learner.id}:${assignment.id}:${index}`}
        scenario={scenario}
        seed={seed}
        libraryHref={assignmentHash(assignment.id)}
        libraryLabel="the assignment"
        canWork={(e) => hasWorkspace(e.kind)}
        Workspace={ExerciseWorkspace}
        Report={ExerciseReport}
        persistence={{ db, learnerId: learner.id, writerId: TAB_WRITER_ID, progressHref: PROGRESS_HASH, attemptHref: attemptHash, assignmentId: assignment.id, onSubmitted }}
      />
    </div>
  );
}
