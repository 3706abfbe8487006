// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scoreAnswers } from '@/domain/exercise/build-exercise';
import type { RecordingExercise } from '@/domain/exercise/exercise-types';
import type { ScoreReport } from '@/domain/scoring/score-types';
import type { RecordingAnswers } from '@/domain/scoring/submission-schema';
import { RecordingExerciseWorkspace } from '@/ui/app/recording-workspace-view';
import { hostWorkspace } from '../../helpers/workspace-host';
import { allergyIntakeExercise, emptyRecordingAnswers, keyAnswersOf } from './exercise-fixtures';

afterEach(() => cleanup());

/** The app's workspace (with the shared documents pane), hosted the way the exercise session does. */
function renderWorkspace(initial: RecordingAnswers = emptyRecordingAnswers(), report?: ScoreReport, exercise: RecordingExercise = allergyIntakeExercise()) {
  const onChange = vi.fn<(a: RecordingAnswers) => void>();
  const { user } = hostWorkspace(RecordingExerciseWorkspace, { exercise, initial, report, onAnswers: onChange });
  return { exercise, onChange, user, last: () => onChange.mock.lastCall?.[0] as RecordingAnswers };
}

describe('recording workspace', () => {
  it('shows the documents beside one tab per section, with what to record in each', async () => {
    const { exercise, user } = renderWorkspace();
    const documents = screen.getByRole('region', { name: /^Source documents/ });
    // Only the exercise's documents (the registration form and the medication list), not the whole chart's.
    expect(exercise.documents.length).toBeLessThan(exercise.chart.documents.length);
    const listed = within(within(documents).getByRole('list', { name: 'Documents' })).getAllByRole('button');
    expect(listed).toHaveLength(exercise.documents.length);
    for (const d of exercise.documents) expect(within(documents).getByRole('button', { name: new RegExp(d.title) })).toBeInTheDocument();
    expect(listed[0]).toHaveAttribute('aria-current', 'true');
    expect(within(documents).getByRole('region', { name: /^Text of / })).toBeInTheDocument();
    // Nothing can be highlighted before submission, so the pane has no status line yet.
    expect(within(documents).queryByRole('status')).not.toBeInTheDocument();

    const tabs = screen.getByRole('tablist', { name: 'Sections to record' });
    expect(within(tabs).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Allergies0 rows', 'Medications0 rows']);
    expect(screen.getByText(exercise.scope.allergies as string)).toBeInTheDocument();
    await user.click(within(tabs).getByRole('tab', { name: /Medications/ }));
    expect(screen.getByText(exercise.scope.medications as string)).toBeInTheDocument();
    expect(screen.getByText('Keyboard shortcuts')).toBeVisible();
  });

  it('says so when the exercise has no source documents', () => {
    renderWorkspace(emptyRecordingAnswers(), undefined, { ...allergyIntakeExercise(), documents: [] });
    const documents = screen.getByRole('region', { name: /^Source documents/ });
    expect(within(documents).getByText('This exercise has no source documents.')).toBeInTheDocument();
    expect(within(documents).queryByRole('list', { name: 'Documents' })).not.toBeInTheDocument();
  });

  it('adds rows from the keyboard: Enter moves on, and Enter in the last field starts a new row', async () => {
    const { onChange, user, last } = renderWorkspace();
    await user.click(screen.getByRole('button', { name: /Add allergy/ }));
    const first = screen.getByRole('group', { name: 'Allergy 1' });
    expect(within(first).getByLabelText('Substance')).toHaveFocus();

    await user.keyboard('PCN{Enter}');
    expect(within(first).getByLabelText('Reaction')).toHaveFocus();
    await user.keyboard('hives{Enter}');
    expect(within(first).getByLabelText('Severity')).toHaveFocus();
    await user.keyboard('moderate{Enter}');

    const second = screen.getByRole('group', { name: 'Allergy 2' });
    expect(within(second).getByLabelText('Substance')).toHaveFocus();
    expect(last().allergies).toEqual([
      { substance: 'PCN', reaction: 'hives', severity: 'moderate' },
      { substance: '', reaction: '', severity: '' },
    ]);
    expect(onChange).toHaveBeenCalled();
    expect(screen.getByRole('tab', { name: /Allergies/ })).toHaveTextContent('2');
  });

  it('offers suggestions from the code tables for substances and drugs', () => {
    renderWorkspace({ ...emptyRecordingAnswers(), allergies: [{ substance: '', reaction: '', severity: '' }] });
    const substance = within(screen.getByRole('group', { name: 'Allergy 1' })).getByLabelText('Substance');
    const list = document.getElementById(substance.getAttribute('list') ?? '');
    const values = [...(list?.querySelectorAll('option') ?? [])].map((o) => o.value);
    expect(values).toEqual(expect.arrayContaining(['No known allergies', 'penicillin G', 'PCN', 'sulfamethoxazole']));
  });

  it('removes a row by keyboard and puts it back with Undo', async () => {
    const { user, last } = renderWorkspace({
      ...emptyRecordingAnswers(),
      allergies: [
        { substance: 'PCN', reaction: 'hives', severity: 'moderate' },
        { substance: 'latex', reaction: 'rash', severity: 'mild' },
      ],
    });
    within(screen.getByRole('group', { name: 'Allergy 1' })).getByLabelText('Severity').focus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Remove allergy 1' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(last().allergies).toEqual([{ substance: 'latex', reaction: 'rash', severity: 'mild' }]);
    expect(screen.getByRole('status')).toHaveTextContent('Removed allergy 1 (PCN).');
    expect(screen.getByRole('button', { name: 'Undo' })).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(last().allergies.map((a) => a.substance)).toEqual(['PCN', 'latex']);
    expect(within(screen.getByRole('group', { name: 'Allergy 1' })).getByLabelText('Substance')).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('after submission shows each field read-only with its verdict and the evidence on request', async () => {
    const exercise = allergyIntakeExercise();
    const answers = keyAnswersOf(exercise);
    (answers.allergies[0] as { reaction: string }).reaction = 'nausea';
    const report = scoreAnswers(exercise, answers);
    const { user, onChange } = renderWorkspace(answers, report);

    const row = screen.getByRole('group', { name: 'Allergy 1' });
    const reaction = within(row).getByLabelText('Reaction');
    expect(reaction).toHaveAttribute('readonly');
    expect(reaction).toHaveAccessibleDescription(/^Wrong.*Expected: anaphylaxis/);
    expect(within(row).getByLabelText('Substance')).toHaveAccessibleDescription('Correct');
    expect(screen.queryByRole('button', { name: /Add allergy/ })).not.toBeInTheDocument();

    const documents = screen.getByRole('region', { name: /^Source documents/ });
    expect(within(documents).getByRole('status')).toHaveTextContent('Choose Evidence under a field to highlight where the documents state it.');
    await user.click(within(row).getByRole('button', { name: 'Evidence for Reaction, allergy 1' }));
    expect(within(documents).getByRole('status')).toHaveTextContent(/Highlighted: “Allergy: penicillin G — reaction”, \d passages? in/);
    const marks = [...within(documents).getByRole('region', { name: /^Text of / }).querySelectorAll('mark')];
    expect(marks.map((m) => m.textContent?.toLowerCase())).toContainEqual(expect.stringContaining('anaphylaxis'));
    expect(onChange).not.toHaveBeenCalled();

    await user.click(within(documents).getByRole('button', { name: 'Clear highlight' }));
    expect(within(documents).getByRole('region', { name: /^Text of / }).querySelectorAll('mark')).toHaveLength(0);
    expect(within(documents).getByRole('status')).toHaveTextContent(/^Choose Evidence/);
  });
});
