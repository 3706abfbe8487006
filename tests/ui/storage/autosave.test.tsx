// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listAttempts } from '@/db/attempt-repo';
import { loadDraft, saveDraft } from '@/db/draft-repo';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import { useAppStore } from '@/store/app-store';
import { allergyIntakeExercise, emptyRecordingAnswers, keyAnswersOf } from '../exercises/exercise-fixtures';
import { activeLearner, freshDB, renderApp } from './persistence-fixtures';

const SCENARIO = 'allergy-intake-intro';
const SEED = 1101;
const LINK = `#/exercise/${SCENARIO}?seed=${SEED}`;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function withAllergy(substance: string, reaction = ''): RecordingAnswers {
  return { ...emptyRecordingAnswers(), allergies: [{ substance, reaction, severity: '' }] };
}

async function openExercise(db: Awaited<ReturnType<typeof freshDB>>) {
  const view = renderApp(db, LINK);
  await screen.findByRole('heading', { name: 'Abstraction form' }, { timeout: 20_000 });
  return view;
}

const saveStatus = () => screen.getAllByRole('status').find((el) => el.closest('.save-indicator')) as HTMLElement;

describe('autosave and resume', () => {
  it('saves the draft shortly after an edit and says so', async () => {
    const db = await freshDB();
    const learner = await activeLearner(db);
    const { user } = await openExercise(db);
    expect(await loadDraft(db, learner.id, SCENARIO, SEED)).toBeNull();

    await user.click(screen.getByRole('button', { name: /Add allergy/ }));
    await user.keyboard('PCN');
    await waitFor(async () => {
      const draft = await loadDraft(db, learner.id, SCENARIO, SEED);
      expect(draft?.answers).toMatchObject({ kind: 'recording', allergies: [{ substance: 'PCN' }] });
    });
    await waitFor(() => expect(saveStatus()).toHaveTextContent('Saved'));
    const draft = await loadDraft(db, learner.id, SCENARIO, SEED);
    expect(draft?.revision).toBeGreaterThanOrEqual(1);
    expect(draft?.writerId).toMatch(/^tab-/);
  });

  it('resumes a saved draft exactly: every answer and the time already spent', async () => {
    const db = await freshDB();
    const learner = await activeLearner(db);
    await saveDraft(db, learner.id, SCENARIO, SEED, withAllergy('Latex', 'hives'), 125_000, { expectedRevision: 0, writerId: 'tab-yesterday' });
    await openExercise(db);

    const row = screen.getByRole('group', { name: 'Allergy 1' });
    expect(within(row).getByLabelText('Substance')).toHaveValue('Latex');
    expect(within(row).getByLabelText('Reaction')).toHaveValue('hives');
    // 20 minutes minus the 2:05 already spent (a second may have ticked since).
    expect(screen.getByRole('timer', { name: /^Time left: 17 minutes 5[45] seconds/ })).toBeInTheDocument();
    expect(useAppStore.getState().exercise).toMatchObject({ learnerId: learner.id, revision: 1, status: 'working' });
    expect(useAppStore.getState().exercise.elapsedMs).toBeGreaterThanOrEqual(125_000);
  });

  it('saves the clock and answers when the page goes away, with a write that needs no reply', async () => {
    const db = await freshDB();
    const learner = await activeLearner(db);
    await saveDraft(db, learner.id, SCENARIO, SEED, withAllergy('Latex'), 125_000, { expectedRevision: 0, writerId: 'tab-yesterday' });
    await openExercise(db);
    act(() => useAppStore.getState().tickExercise(42_000));
    const onScreen = useAppStore.getState().exercise.elapsedMs;
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    await waitFor(async () => expect((await loadDraft(db, learner.id, SCENARIO, SEED))?.elapsedMs).toBe(onScreen));
    expect(await loadDraft(db, learner.id, SCENARIO, SEED)).toMatchObject({ revision: 2, startedAt: expect.any(Number), answers: withAllergy('Latex') });
    expect(useAppStore.getState().exercise.revision).toBe(2);
  });

  it('never shows one learner\u2019s saved answers to another', async () => {
    const db = await freshDB();
    const ana = await activeLearner(db, 'Ana');
    await saveDraft(db, ana.id, SCENARIO, SEED, withAllergy('Latex'), 60_000, { expectedRevision: 0, writerId: 'tab-ana' });
    await activeLearner(db, 'Ben');
    const { user } = await openExercise(db);
    expect(screen.queryByRole('group', { name: 'Allergy 1' })).not.toBeInTheDocument();

    // Switching to Ana through the header brings her answers, not Ben's blank form.
    await user.click(screen.getByRole('button', { name: /Learner: Ben/ }));
    await user.click(screen.getByRole('button', { name: 'Ana' }));
    const row = await screen.findByRole('group', { name: 'Allergy 1' }, { timeout: 10_000 });
    expect(within(row).getByLabelText('Substance')).toHaveValue('Latex');
  });

  it('stops saving and asks which version to keep when another tab saved newer work', async () => {
    const db = await freshDB();
    const learner = await activeLearner(db);
    await saveDraft(db, learner.id, SCENARIO, SEED, withAllergy('Latex'), 60_000, { expectedRevision: 0, writerId: 'tab-earlier' });
    const { user } = await openExercise(db);
    expect(useAppStore.getState().exercise.revision).toBe(1);

    // The other tab saves revision 2 on top of revision 1.
    await act(() => saveDraft(db, learner.id, SCENARIO, SEED, withAllergy('Peanuts'), 70_000, { expectedRevision: 1, writerId: 'tab-other' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent('This exercise was changed in another tab or window');
    expect(saveStatus()).toHaveTextContent('Not saved — changed in another tab');

    // Editing here does not overwrite the other tab's work.
    await user.type(within(screen.getByRole('group', { name: 'Allergy 1' })).getByLabelText('Reaction'), 'rash');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await loadDraft(db, learner.id, SCENARIO, SEED))?.answers).toEqual(withAllergy('Peanuts'));

    // "Keep mine" saves this tab's answers over it, knowingly.
    await user.click(within(alert).getByRole('button', { name: 'Keep mine (overwrite the other)' }));
    await waitFor(async () => expect((await loadDraft(db, learner.id, SCENARIO, SEED))?.answers).toEqual(withAllergy('Latex', 'rash')));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await waitFor(() => expect(saveStatus()).toHaveTextContent('Saved'));
  });

  it('loads the other tab\u2019s version when the learner chooses it', async () => {
    const db = await freshDB();
    const learner = await activeLearner(db);
    await saveDraft(db, learner.id, SCENARIO, SEED, withAllergy('Latex'), 60_000, { expectedRevision: 0, writerId: 'tab-earlier' });
    const { user } = await openExercise(db);
    await act(() => saveDraft(db, learner.id, SCENARIO, SEED, withAllergy('Peanuts'), 70_000, { expectedRevision: 1, writerId: 'tab-other' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    await user.click(within(alert).getByRole('button', { name: 'Load the other tab’s version' }));
    await waitFor(() => expect(within(screen.getByRole('group', { name: 'Allergy 1' })).getByLabelText('Substance')).toHaveValue('Peanuts'));
    expect(useAppStore.getState().exercise).toMatchObject({ revision: 2 });
  });

  it('stores the submitted attempt and removes the draft', async () => {
    const db = await freshDB();
    const learner = await activeLearner(db);
    const { user } = await openExercise(db);
    act(() => useAppStore.getState().setAnswers(keyAnswersOf(allergyIntakeExercise())));
    await waitFor(async () => expect(await loadDraft(db, learner.id, SCENARIO, SEED)).not.toBeNull());

    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Submit your answers?' })).getByRole('button', { name: 'Submit for scoring' }));
    expect(await screen.findByText(/Saved to your progress/, {}, { timeout: 10_000 })).toBeInTheDocument();
    const [attempt] = await listAttempts(db, learner.id);
    expect(attempt).toMatchObject({ scenarioId: SCENARIO, seed: SEED, score: 1, passed: true, kind: 'recording' });
    expect(await loadDraft(db, learner.id, SCENARIO, SEED)).toBeNull();
    expect(screen.getByRole('link', { name: 'Open this attempt' })).toHaveAttribute('href', `#/progress/attempt/${attempt?.id}`);
  });

  it('keeps the result on screen and offers to export it when storage is full', async () => {
    const db = await freshDB();
    await activeLearner(db);
    const { user } = await openExercise(db);
    act(() => useAppStore.getState().setAnswers(keyAnswersOf(allergyIntakeExercise())));
    vi.spyOn(db.attempts, 'add').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));

    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Submit your answers?' })).getByRole('button', { name: 'Submit for scoring' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent('Your result could not be saved.');
    expect(alert).toHaveTextContent('run out of storage space');
    expect(within(alert).getByRole('button', { name: 'Export submission' })).toBeInTheDocument();
    expect(within(alert).getByRole('button', { name: 'Try saving again' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Score report' })).toBeInTheDocument();
  });

  it('says work is not saved while nobody is chosen, and saves it to the profile created', async () => {
    const db = await freshDB();
    const { user } = await openExercise(db);
    expect(saveStatus()).toHaveTextContent('Not saved — choose your profile to save your work');
    await user.click(screen.getByRole('button', { name: /Add allergy/ }));
    await user.keyboard('PCN');

    await user.type(screen.getByLabelText('Your name'), 'Sam');
    await user.click(screen.getByRole('button', { name: 'Create my profile' }));
    await waitFor(() => expect(useAppStore.getState().exercise.learnerId).toBeTruthy(), { timeout: 10_000 });
    const row = await screen.findByRole('group', { name: 'Allergy 1' }, { timeout: 10_000 });
    expect(within(row).getByLabelText('Substance')).toHaveValue('PCN');
    const learnerId = useAppStore.getState().exercise.learnerId as string;
    await waitFor(async () => expect((await loadDraft(db, learnerId, SCENARIO, SEED))?.answers).toMatchObject({ allergies: [{ substance: 'PCN' }] }));
  });
});
