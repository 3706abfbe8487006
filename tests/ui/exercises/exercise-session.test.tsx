// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { submissionSchema } from '@/domain/scoring/submission-schema';
import { useAppStore } from '@/store/app-store';
import { App } from '@/ui/app/app';
import { WORKSPACES } from '@/ui/app/exercise-workspaces';
import { allergyIntakeExercise, keyAnswersOf, resetExerciseApp } from './exercise-fixtures';

const LINK = '#/exercise/allergy-intake-intro?seed=1101';

beforeEach(() => resetExerciseApp(LINK));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openExercise() {
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole('heading', { name: 'Abstraction form' }, { timeout: 20_000 });
  return { user };
}

/** The key with one field wrong: the reaction of the allergy. */
function answersWithOneMistake() {
  const answers = keyAnswersOf(allergyIntakeExercise());
  (answers.allergies[0] as { reaction: string }).reaction = 'nausea';
  return answers;
}

describe('exercise session', () => {
  it('builds the exercise from the link and shows the brief, the objectives, the timer and the workspace', async () => {
    const { user } = await openExercise();
    expect(screen.getByRole('heading', { level: 1, name: 'Allergies and home medications from the intake form' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Exercises' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText(/Seed/).closest('p')).toHaveTextContent('Recording · Intro · Seed 1101 · Pass mark 80%');
    expect(screen.getByText(/Read the registration form and the medication list/)).toBeInTheDocument();
    expect(screen.getByRole('timer', { name: /^Time left: (19 minutes|20 minutes)/ })).toBeInTheDocument();

    const objectives = screen.getByText('Learning objectives').closest('details') as HTMLElement;
    expect(objectives).not.toHaveAttribute('open');
    await user.click(within(objectives).getByText('Learning objectives'));
    expect(objectives).toHaveAttribute('open');
    expect(within(objectives).getByText('Recognise NKDA and common abbreviations such as PCN')).toBeVisible();
    expect(useAppStore.getState().exercise).toMatchObject({ scenarioId: 'allergy-intake-intro', seed: 1101, status: 'working' });
  });

  it('asks before submitting, says what is unanswered, and Escape goes back to work', async () => {
    const { user } = await openExercise();
    const submit = screen.getByRole('button', { name: 'Submit' });
    await user.click(submit);
    const dialog = screen.getByRole('dialog', { name: 'Submit your answers?' });
    expect(within(dialog).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Allergies: nothing recorded', 'Medications: nothing recorded']);
    expect(within(dialog).getByRole('button', { name: 'Submit for scoring' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(submit).toHaveFocus();
    expect(useAppStore.getState().exercise.status).toBe('working');

    // Ctrl+Enter is the keyboard shortcut for Submit.
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByRole('dialog', { name: 'Submit your answers?' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Keep working' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('scores the submission and shows the report, then the answers read-only with feedback', async () => {
    const { user } = await openExercise();
    // Type the first allergy's substance through the form; the rest comes from the key.
    await user.click(screen.getByRole('button', { name: /Add allergy/ }));
    await user.keyboard('PCN');
    const typed = useAppStore.getState().exercise.answers;
    expect(typed?.kind === 'recording' && typed.allergies[0]?.substance).toBe('PCN');
    act(() => useAppStore.getState().setAnswers(answersWithOneMistake()));

    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const dialog = screen.getByRole('dialog', { name: 'Submit your answers?' });
    expect(dialog).toHaveTextContent('No section is empty and no field is blank.');
    await user.click(within(dialog).getByRole('button', { name: 'Submit for scoring' }));

    const heading = screen.getByRole('heading', { name: 'Score report' });
    expect(heading).toHaveFocus();
    const report = useAppStore.getState().exercise.report;
    expect(report?.score).toBeGreaterThan(0.8);
    expect(report?.score).toBeLessThan(1);
    // 13 of 14 points: the reaction is the only point lost.
    expect(report).toMatchObject({ earned: 13, possible: 14, passed: true });
    expect(screen.getByRole('img', { name: 'Score 92%, pass mark 80%' })).toBeInTheDocument();
    expect(screen.getByText('Passed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Your answers with feedback' }));
    const row = screen.getByRole('group', { name: 'Allergy 1' });
    expect(within(row).getByLabelText('Reaction')).toHaveAttribute('readonly');
    expect(within(row).getByLabelText('Reaction')).toHaveAccessibleDescription(/^Wrong.*Expected: anaphylaxis/);
  });

  it('says when time is up and offers to submit, keeping the answers', async () => {
    const { user } = await openExercise();
    act(() => useAppStore.getState().setAnswers(answersWithOneMistake()));
    act(() => useAppStore.setState((s) => ({ exercise: { ...s.exercise, elapsedMs: 20 * 60_000 + 5_000 } })));

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Time is up. Your answers are kept');
    expect(screen.getByRole('timer', { name: /^Over time by 5 seconds/ })).toBeInTheDocument();
    expect(useAppStore.getState().exercise.status).toBe('working');
    expect(within(screen.getByRole('group', { name: 'Allergy 1' })).getByLabelText('Reaction')).toHaveValue('nausea');

    await user.click(within(alert).getByRole('button', { name: 'Submit now' }));
    expect(screen.getByRole('dialog', { name: 'Submit your answers?' })).toHaveTextContent('The time limit has passed.');
  });

  it('exports the answers as a submission file that chartlab score reads', async () => {
    const { user } = await openExercise();
    act(() => useAppStore.getState().setAnswers(answersWithOneMistake()));
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:submission';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('allergy-intake-intro-seed-1101.submission.json');
    });

    await user.click(screen.getByRole('button', { name: 'Export submission' }));
    expect(click).toHaveBeenCalledOnce();
    const json = JSON.parse(await (blobs[0] as Blob).text()) as unknown;
    const parsed = submissionSchema.parse(json);
    expect(parsed).toEqual({ format: 'chartlab.submission', version: 1, scenarioId: 'allergy-intake-intro', seed: 1101, answers: answersWithOneMistake() });
  });

  it('resumes the answers when the learner comes back to the same exercise', async () => {
    const { user } = await openExercise();
    act(() => useAppStore.getState().setAnswers(answersWithOneMistake()));
    await user.click(screen.getByRole('link', { name: /All exercises/ }));
    const resume = await screen.findByRole('link', { name: 'Resume' }, { timeout: 10_000 });
    expect(resume.closest('.notice')).toHaveTextContent('You have an exercise in progress: Allergies and home medications from the intake form (seed 1101).');
    await user.click(resume);
    await screen.findByRole('heading', { name: 'Abstraction form' }, { timeout: 20_000 });
    expect(within(screen.getByRole('group', { name: 'Allergy 1' })).getByLabelText('Reaction')).toHaveValue('nausea');
  });

  it('shows a "not available yet" notice for a task kind without a registered workspace', async () => {
    const recording = WORKSPACES.recording;
    delete WORKSPACES.recording;
    try {
      render(<App />);
      expect(await screen.findByRole('heading', { name: 'The Recording workspace is not available yet' }, { timeout: 20_000 })).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();
    } finally {
      WORKSPACES.recording = recording;
    }
  });
});
