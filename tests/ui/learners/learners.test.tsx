// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { listAttempts } from '@/db/attempt-repo';
import { saveDraft } from '@/db/draft-repo';
import { createLearner, getActiveLearner, listLearners } from '@/db/learner-repo';
import { emptyRecording, emptyValidation, makeReport, validationScenario } from '../../db/db-test-utils';
import { activeLearner, freshDB, renderApp, storeAttempt } from '../storage/persistence-fixtures';

afterEach(() => cleanup());

describe('learner profiles', () => {
  it('asks for a name on first run and makes the new profile the active one', async () => {
    const db = await freshDB();
    const { user } = renderApp(db, '#/exercises');
    expect(await screen.findByRole('heading', { name: 'Welcome to ChartLab' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose learner' })).toBeInTheDocument();

    // An empty name is refused in place, tied to the field.
    await user.click(screen.getByRole('button', { name: 'Create my profile' }));
    expect(screen.getByLabelText('Your name')).toHaveAccessibleDescription('Please enter a name.');

    await user.type(screen.getByLabelText('Your name'), '  Maria   Lopez ');
    await user.click(screen.getByRole('button', { name: 'Create my profile' }));
    expect(await screen.findByRole('button', { name: 'Learner: Maria Lopez' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Welcome to ChartLab' })).not.toBeInTheDocument();
    expect((await getActiveLearner(db))?.name).toBe('Maria Lopez');
  });

  it('switches learner from the header menu, and adds a new one from it', async () => {
    const db = await freshDB();
    await createLearner(db, 'Ana');
    await activeLearner(db, 'Ben');
    const { user } = renderApp(db, '#/chart');
    const switcher = await screen.findByRole('button', { name: 'Learner: Ben' });
    expect(switcher).toHaveAttribute('aria-expanded', 'false');

    await user.click(switcher);
    expect(switcher).toHaveAttribute('aria-expanded', 'true');
    const others = screen.getByRole('list', { name: 'Switch to' });
    expect(within(others).getAllByRole('button').map((b) => b.textContent)).toEqual(['Ana']);
    await user.keyboard('{Escape}');
    expect(switcher).toHaveAttribute('aria-expanded', 'false');
    expect(switcher).toHaveFocus();

    await user.click(switcher);
    await user.click(screen.getByRole('button', { name: 'Ana' }));
    expect(await screen.findByRole('button', { name: 'Learner: Ana' })).toBeInTheDocument();
    expect((await getActiveLearner(db))?.name).toBe('Ana');

    await user.click(screen.getByRole('button', { name: 'Learner: Ana' }));
    await user.click(screen.getByRole('button', { name: 'New learner…' }));
    const dialog = screen.getByRole('dialog', { name: 'New learner' });
    expect(within(dialog).getByLabelText('Name')).toHaveFocus();
    await user.keyboard('ana');
    await user.click(within(dialog).getByRole('button', { name: 'Create and switch' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('There is already a learner called “ana” on this computer.');
    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'Chloé');
    await user.click(within(dialog).getByRole('button', { name: 'Create and switch' }));
    expect(await screen.findByRole('button', { name: 'Learner: Chloé' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect((await listLearners(db)).map((l) => l.name)).toEqual(['Ana', 'Ben', 'Chloé']);
  });

  it('deletes a learner only after a dialog that says what goes with the profile', async () => {
    const db = await freshDB();
    const ana = await createLearner(db, 'Ana');
    await activeLearner(db, 'Ben');
    const day = Date.UTC(2026, 4, 2, 15);
    await storeAttempt(db, ana.id, validationScenario, 1, emptyValidation, makeReport(validationScenario, 1, 0.9), day);
    await storeAttempt(db, ana.id, validationScenario, 2, emptyValidation, makeReport(validationScenario, 2, 0.4), day + 60_000);
    await saveDraft(db, ana.id, 'allergy-intake-intro', 1101, emptyRecording, 40_000, { expectedRevision: 0, writerId: 'tab-a' });
    const { user } = renderApp(db, '#/learners');

    await user.click(await screen.findByRole('button', { name: 'Delete Ana' }));
    let dialog = await screen.findByRole('dialog', { name: 'Delete Ana?' });
    expect(dialog).toHaveAccessibleDescription(/everything saved for it on this computer: 2 submitted attempts and 1 exercise in progress\. This can’t be undone\./);
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(within(dialog).getByRole('button', { name: 'Export progress first' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await listAttempts(db, ana.id)).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Delete Ana' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete Ana?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete Ana and their work' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete Ana' })).not.toBeInTheDocument());
    expect((await listLearners(db)).map((l) => l.name)).toEqual(['Ben']);
    expect(await listAttempts(db, ana.id)).toEqual([]);
    expect(screen.getByText('Deleted Ana and their work.')).toBeInTheDocument();
  });

  it('renames a learner in place and refuses a name someone else has', async () => {
    const db = await freshDB();
    await createLearner(db, 'Ana');
    await activeLearner(db, 'Ben');
    const { user } = renderApp(db, '#/learners');
    await user.click(await screen.findByRole('button', { name: 'Rename Ben' }));
    const field = screen.getByLabelText('New name for Ben');
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, 'ANA{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('There is already a learner called “ANA”');
    await user.clear(field);
    await user.type(field, 'Benjamin{Enter}');
    expect(await screen.findByRole('button', { name: 'Learner: Benjamin' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rename Benjamin' })).toHaveFocus();
  });
});
