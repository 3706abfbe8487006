// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { listAttempts } from '@/db/attempt-repo';
import { exportProgress, serializeProgress } from '@/db/export-import';
import { getActiveLearner, listLearners } from '@/db/learner-repo';
import { emptyValidation, makeReport, validationScenario } from '../../db/db-test-utils';
import { activeLearner, freshDB, renderApp, storeAttempt } from '../storage/persistence-fixtures';

afterEach(() => cleanup());

const T0 = new Date(2026, 4, 4, 10, 0).getTime();

/** Ben's progress file with two attempts, exported from another computer (another database). */
async function bensFile(): Promise<string> {
  const elsewhere = await freshDB();
  const ben = await activeLearner(elsewhere, 'Ben');
  await storeAttempt(elsewhere, ben.id, validationScenario, 1, emptyValidation, makeReport(validationScenario, 1, 0.9), T0);
  await storeAttempt(elsewhere, ben.id, validationScenario, 2, emptyValidation, makeReport(validationScenario, 2, 0.6), T0 + 60_000);
  return serializeProgress(await exportProgress(elsewhere, ben.id));
}

const fileOf = (text: string) => new File([text], 'chartlab-progress-ben-2026-05-04.json', { type: 'application/json' });

describe('import progress', () => {
  it('refuses a file that was changed after export, saying so plainly, and changes nothing', async () => {
    const db = await freshDB();
    const ana = await activeLearner(db, 'Ana');
    const tampered = (await bensFile()).replace('"score": 0.6', '"score": 1');
    const { user } = renderApp(db, '#/progress');
    await user.upload(await screen.findByLabelText('Import progress'), fileOf(tampered));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This file can’t be imported: the file was changed after export, so its contents can’t be trusted. Export it again on the computer it came from.');
    expect((await listLearners(db)).map((l) => l.name)).toEqual(['Ana']);
    expect(await listAttempts(db, ana.id)).toEqual([]);
  });

  it('says why a file that is not a progress file is refused', async () => {
    const db = await freshDB();
    await activeLearner(db, 'Ana');
    const { user } = renderApp(db, '#/progress');
    await user.upload(await screen.findByLabelText('Import progress'), fileOf('{"format": "chartlab.progress", "version": 1, "learner": {'));
    expect(await screen.findByRole('alert')).toHaveTextContent('the file is incomplete (it was probably cut off');
  });

  it('imports a good file and sums up what was added, offering to switch to its learner', async () => {
    const db = await freshDB();
    await activeLearner(db, 'Ana');
    const text = await bensFile();
    const { user } = renderApp(db, '#/progress');
    const input = await screen.findByLabelText('Import progress');
    await user.upload(input, fileOf(text));
    const done = await screen.findByText(/Imported Ben’s progress as a new profile\./);
    const status = done.closest('[role="status"]') as HTMLElement;
    expect(status).toHaveTextContent('Imported Ben’s progress as a new profile. 2 attempts added.');
    const ben = (await listLearners(db)).find((l) => l.name === 'Ben');
    expect(await listAttempts(db, ben?.id as string)).toHaveLength(2);

    // The same file again adds nothing twice.
    await user.upload(input, fileOf(text));
    await waitFor(() => expect(status).toHaveTextContent('Imported Ben’s progress. 0 attempts added (2 attempts already here).'));

    await user.click(within(status).getByRole('button', { name: 'Switch to Ben' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ben’s progress' })).toBeInTheDocument();
  });

  it('on a first run, imports a file from the welcome prompt and carries on as its learner', async () => {
    const db = await freshDB();
    const text = await bensFile();
    const { user } = renderApp(db, '#/exercises');
    await user.click(await screen.findByText('Moving from another computer? Import your progress file'));
    await user.upload(screen.getByLabelText('Import a progress file'), fileOf(text));
    expect(await screen.findByRole('button', { name: 'Learner: Ben' })).toBeInTheDocument();
    expect((await getActiveLearner(db))?.name).toBe('Ben');
  });
});
