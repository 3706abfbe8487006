// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveAssignment } from '@/db/assignment-repo';
import { listAttempts, submitAttempt } from '@/db/attempt-repo';
import { loadDraft, saveDraft } from '@/db/draft-repo';
import type { Learner } from '@/db/records';
import type { TrainerDB } from '@/db/trainer-db';
import { scoreAnswers } from '@/domain/exercise/build-exercise';
import { createAssignment, type AssignmentFile } from '@/domain/instructor/assignment';
import type { XapiStatement } from '@/domain/instructor/xapi';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import { DEFAULT_HASHING } from '@/lms/hashing';
import { saveLrsConfig } from '@/lms/xapi-settings';
import { useAppStore } from '@/store/app-store';
import { assignmentHash, assignmentItemHash } from '@/ui/app/assignment-links';
import { allergyIntakeExercise, emptyRecordingAnswers, keyAnswersOf, scenarioById } from '../exercises/exercise-fixtures';
import { activeLearner, freshDB, renderApp } from '../storage/persistence-fixtures';

/*
 * An assignment item autosaves and resumes like practice, as its own case: the same scenario and
 * seed practised freely is separate work. A submit stores one attempt for the assignment, which
 * the assignment counts and the LRS hears about once, with its number.
 */

const scenario = scenarioById('allergy-intake-intro');
const TITLE = scenario.title;
const SEED = 1101;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function withAllergy(substance: string, reaction = ''): RecordingAnswers {
  return { ...emptyRecordingAnswers(), allergies: [{ substance, reaction, severity: '' }] };
}

/** "Week 3": the intake exercise at its own seed (the same case as practice), 2 attempts. */
async function setup(): Promise<{ db: TrainerDB; learner: Learner; assignment: AssignmentFile; link: string }> {
  const db = await freshDB();
  const learner = await activeLearner(db);
  const assignment = await createAssignment(
    {
      id: 'week-3-intake',
      title: 'Week 3: intake',
      dueDate: '2026-07-10',
      attemptsAllowed: 2,
      passMark: 0.7,
      items: [{ scenario, seed: SEED, shipped: true }],
      createdAt: '2026-07-01T09:00:00.000Z',
    },
    DEFAULT_HASHING,
  );
  await saveAssignment(db, assignment);
  return { db, learner, assignment, link: assignmentItemHash(assignment.id, 0) };
}

async function openItem(db: TrainerDB, link: string) {
  const view = renderApp(db, link);
  await screen.findByRole('heading', { name: 'Abstraction form' }, { timeout: 20_000 });
  return view;
}

describe('an assignment item', () => {
  it('resumes its own saved work with the clock, not the practice draft of the same scenario and seed', async () => {
    const { db, learner, assignment, link } = await setup();
    await saveDraft(db, learner.id, scenario.id, SEED, withAllergy('Practice'), 10_000, { expectedRevision: 0, writerId: 'tab-yesterday' });
    await saveDraft(db, learner.id, scenario.id, SEED, withAllergy('Latex', 'hives'), 125_000, { expectedRevision: 0, writerId: 'tab-yesterday', assignmentId: assignment.id });
    await openItem(db, link);

    const row = screen.getByRole('group', { name: 'Allergy 1' });
    expect(within(row).getByLabelText('Substance')).toHaveValue('Latex');
    expect(within(row).getByLabelText('Reaction')).toHaveValue('hives');
    // 20 minutes minus the 2:05 already spent (a second may have ticked since).
    expect(screen.getByRole('timer', { name: /^Time left: 17 minutes 5[45] seconds/ })).toBeInTheDocument();
    expect(screen.getByText(/scenario 1 of 1 · attempt 1 of 2/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /The assignment/ })).toHaveAttribute('href', assignmentHash(assignment.id));
    expect(useAppStore.getState().exercise).toMatchObject({ assignmentId: assignment.id, learnerId: learner.id, revision: 1 });
  });

  it('autosaves into its own draft, and says so when another tab changed it', async () => {
    const { db, learner, assignment, link } = await setup();
    const { user } = await openItem(db, link);
    await user.click(screen.getByRole('button', { name: /Add allergy/ }));
    await user.keyboard('PCN');
    await waitFor(async () => expect(await loadDraft(db, learner.id, scenario.id, SEED, assignment.id)).toMatchObject({ assignmentId: assignment.id, answers: withAllergy('PCN') }));
    const saveStatus = screen.getAllByRole('status').find((el) => el.closest('.save-indicator')) as HTMLElement;
    await waitFor(() => expect(saveStatus).toHaveTextContent('Saved'));
    expect(await loadDraft(db, learner.id, scenario.id, SEED)).toBeNull();

    const revision = (await loadDraft(db, learner.id, scenario.id, SEED, assignment.id))!.revision;
    await act(() => saveDraft(db, learner.id, scenario.id, SEED, withAllergy('Peanuts'), 70_000, { expectedRevision: revision, writerId: 'tab-other', assignmentId: assignment.id }));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent('This exercise was changed in another tab or window');
    await user.click(within(alert).getByRole('button', { name: 'Load the other tab’s version' }));
    await waitFor(() => expect(within(screen.getByRole('group', { name: 'Allergy 1' })).getByLabelText('Substance')).toHaveValue('Peanuts'));
  });

  it('stores a submit once as an assignment attempt, reports it to the LRS once with its number, and counts it', async () => {
    const { db, learner, assignment, link } = await setup();
    const exercise = allergyIntakeExercise();
    // A first attempt, handed in earlier.
    await submitAttempt(db, {
      learnerId: learner.id,
      scenario,
      seed: SEED,
      answers: emptyRecordingAnswers(),
      report: scoreAnswers(exercise, emptyRecordingAnswers()),
      startedAt: Date.now() - 120_000,
      elapsedMs: 60_000,
      finishedAt: Date.now() - 60_000,
      assignmentId: assignment.id,
    });
    await saveLrsConfig(db, { enabled: true, endpoint: 'https://lrs.test/xapi/', username: '', password: '' });
    const posted: XapiStatement[][] = [];
    const fetchSpy = vi.fn((_url: string, init: RequestInit) => {
      posted.push(JSON.parse(init.body as string) as XapiStatement[]);
      return Promise.resolve({ ok: true, status: 200, text: () => Promise.resolve('') } as Response);
    });
    vi.stubGlobal('fetch', fetchSpy);

    const { user } = await openItem(db, link);
    expect(screen.getByText(/attempt 2 of 2/)).toBeInTheDocument();
    act(() => useAppStore.getState().setAnswers(keyAnswersOf(exercise)));
    await waitFor(async () => expect(await loadDraft(db, learner.id, scenario.id, SEED, assignment.id)).not.toBeNull());
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Submit your answers?' })).getByRole('button', { name: 'Submit for scoring' }));
    expect(await screen.findByText(/Saved to your progress/, {}, { timeout: 10_000 })).toBeInTheDocument();

    const attempts = await listAttempts(db, learner.id, { assignmentId: assignment.id, order: 'oldest' });
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toMatchObject({ scenarioId: scenario.id, seed: SEED, score: 1, assignmentId: assignment.id });
    expect(await loadDraft(db, learner.id, scenario.id, SEED, assignment.id)).toBeNull();

    await waitFor(() => expect(fetchSpy).toHaveBeenCalledTimes(1));
    const statements = posted.flat();
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.context?.extensions?.['https://chartlab.example/xapi/extensions/attempt-number']).toBe(2);
    }
    expect(statements.map((s) => s.verb.display['en-US'])).toContain('passed');
    // Re-renders (the progress query, the result on screen) send nothing more.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fetchSpy).toHaveBeenCalledTimes(1);

    // Both attempts used: the result stays on screen, and another try is refused.
    expect(screen.getByRole('heading', { name: 'Score report' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'No attempts left' })).toBeInTheDocument();
    expect(screen.getByText(/You have used 2 of 2 attempts/)).toBeInTheDocument();
  });
});

describe('resuming assignment work from elsewhere', () => {
  it('the library\u2019s notice leads back to the assignment item, and the practice card stays "Start"', async () => {
    const { db, learner, assignment } = await setup();
    await saveDraft(db, learner.id, scenario.id, SEED, withAllergy('Latex'), 40_000, { expectedRevision: 0, writerId: 'tab-1', assignmentId: assignment.id });
    renderApp(db, '#/exercises');
    const notice = await screen.findByText(/You have an exercise in progress/, {}, { timeout: 10_000 });
    expect(notice).toHaveTextContent(`You have an exercise in progress: ${TITLE} (seed ${SEED}), for the assignment Week 3: intake.`);
    expect(within(notice.closest('.library__resume') as HTMLElement).getByRole('link', { name: 'Resume' })).toHaveAttribute('href', assignmentItemHash(assignment.id, 0));
    const card = screen.getByRole('article', { name: TITLE });
    expect(within(card).getByRole('link', { name: `Start ${TITLE}` })).toBeInTheDocument();
  });

  it('the assignment offers "Resume" for an item with saved work', async () => {
    const { db, learner, assignment } = await setup();
    renderApp(db, `#/assignments/${assignment.id}`);
    expect(await screen.findByRole('link', { name: `Start: ${TITLE}` }, { timeout: 10_000 })).toBeInTheDocument();
    await act(() => saveDraft(db, learner.id, scenario.id, SEED, withAllergy('Latex'), 40_000, { expectedRevision: 0, writerId: 'tab-1', assignmentId: assignment.id }));
    expect(await screen.findByRole('link', { name: `Resume: ${TITLE}` })).toHaveAttribute('href', assignmentItemHash(assignment.id, 0));
  });
});
