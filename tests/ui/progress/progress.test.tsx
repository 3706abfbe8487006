// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createLearner } from '@/db/learner-repo';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { emptyRecording, emptyValidation, makeReport, recordingScenario, validationScenario, type realValidationCase } from '../../db/db-test-utils';
import { activeLearner, freshDB, renderApp, storeAttempt } from '../storage/persistence-fixtures';

afterEach(() => cleanup());

const DAY = 86_400_000;

/** The frozen, really scored lab-data-quality case of tests/db (read by path: jsdom's import.meta.url is not a file URL). */
function scoredValidationCase(): ReturnType<typeof realValidationCase> {
  return JSON.parse(readFileSync(path.resolve(process.cwd(), 'tests/db/fixtures/lab-data-quality-scored.json'), 'utf8')) as ReturnType<typeof realValidationCase>;
}
const T0 = new Date(2026, 4, 4, 10, 0).getTime();

describe('progress dashboard', () => {
  it('tells a new learner where to start', async () => {
    const db = await freshDB();
    await activeLearner(db);
    renderApp(db, '#/progress');
    expect(await screen.findByRole('heading', { level: 1, name: 'Maria Lopez’s progress' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'No attempts yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to exercises' })).toHaveAttribute('href', '#/exercises');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export progress' })).toBeInTheDocument();
  });

  it('draws score over time, by skill, missed errors and time per exercise, each with its numbers', async () => {
    const db = await freshDB();
    const learner = await activeLearner(db);
    const other = await createLearner(db, 'Someone Else');
    const v = (score: number, items: [string, string?][]) => makeReport(validationScenario, 7, score, items as never);
    await storeAttempt(db, learner.id, validationScenario, 7, emptyValidation, v(0.5, [['correct', 'unit-error'], ['missing', 'unit-error'], ['missing', 'transposed-mrn']]), T0, 600_000);
    await storeAttempt(db, learner.id, validationScenario, 7, emptyValidation, v(0.9, [['correct', 'unit-error'], ['wrong', 'unit-error']]), T0 + DAY, 420_000);
    await storeAttempt(db, learner.id, recordingScenario, 1101, emptyRecording, makeReport(recordingScenario, 1101, 1), T0 + 2 * DAY, 300_000);
    // Another learner's attempt never shows here.
    await storeAttempt(db, other.id, recordingScenario, 1101, emptyRecording, makeReport(recordingScenario, 1101, 0.1), T0 + 3 * DAY);
    const { user } = renderApp(db, '#/progress');

    const tiles = await screen.findByRole('heading', { name: 'Maria Lopez’s figures' });
    const dashboard = tiles.closest('section') as HTMLElement;
    expect(within(dashboard).getByText('Attempts', { selector: 'dt' }).nextElementSibling).toHaveTextContent('3');
    expect(within(dashboard).getByText('Passed', { selector: 'dt' }).nextElementSibling).toHaveTextContent('2 (66%)');
    expect(within(dashboard).getByText('Average score', { selector: 'dt' }).nextElementSibling).toHaveTextContent('80%');

    const overTime = screen.getByRole('img', { name: /^Score over time/ });
    expect(overTime).toHaveAccessibleDescription(/3 days with attempts .* Average score 50% on the first day and 100% on the last/);
    expect(screen.getByRole('img', { name: /^Score by skill/ })).toHaveAccessibleDescription('Data abstraction: 100% over 1 attempt. Data quality and validation: 70% over 2 attempts.');
    const missed = screen.getByRole('img', { name: /^Errors you miss most/ });
    expect(missed).toHaveAccessibleDescription('Most missed: Unit error (mg vs mcg) 2 times; Transposed MRN 1 time.');
    expect(screen.getByRole('img', { name: /^Time per exercise/ })).toHaveAccessibleDescription(
      'Laboratory data quality: 8:30 median. Allergies and home medications from the intake form: 5:00 median.',
    );

    // The numbers behind a chart, as a table.
    const numbers = missed.closest('figure') as HTMLElement;
    await user.click(within(numbers).getByText('Show the numbers'));
    const table = within(numbers).getByRole('table');
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'Error typeMissedIn attempts',
      'Unit error (mg vs mcg)2×missed in 2 attempts',
      'Transposed MRN1×missed in 1 attempt',
    ]);

    // The history, newest first, filterable.
    const history = screen.getByRole('region', { name: 'Attempt history' });
    const rows = () => within(within(history).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(3);
    expect(rows()[0]).toHaveTextContent('Allergies and home medications from the intake form');
    await user.selectOptions(within(history).getByLabelText('Result'), 'failed');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('50%');
    expect(within(history).getByRole('status')).toHaveTextContent('Showing 1 attempt that match.');
    await user.selectOptions(within(history).getByLabelText('Result'), '');
    await user.selectOptions(within(history).getByLabelText('Task'), 'recording');
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.click(within(history).getByRole('button', { name: 'Clear filters' }));
    await user.type(within(history).getByLabelText('From'), '2026-05-05');
    await user.type(within(history).getByLabelText('To'), '2026-05-05');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('90%');
  });

  it('updates its figures live when an attempt is submitted while it is open', async () => {
    const db = await freshDB();
    const learner = await activeLearner(db);
    const v = (score: number, items: [string, string?][]) => makeReport(validationScenario, 7, score, items as never);
    await storeAttempt(db, learner.id, validationScenario, 7, emptyValidation, v(0.5, [['missing', 'unit-error']]), T0, 600_000);
    renderApp(db, '#/progress');
    const tile = async (name: string) => {
      const tiles = (await screen.findByRole('heading', { name: 'Maria Lopez’s figures' })).closest('section') as HTMLElement;
      return within(tiles).getByText(name, { selector: 'dt' }).nextElementSibling;
    };
    await waitFor(async () => expect(await tile('Attempts')).toHaveTextContent('1'));
    expect(await tile('Average score')).toHaveTextContent('50%');
    expect(screen.getByRole('img', { name: /^Errors you miss most/ })).toHaveAccessibleDescription('Most missed: Unit error (mg vs mcg) 1 time.');

    // Submitted elsewhere (another tab, the exercise screen): the open dashboard follows.
    await storeAttempt(db, learner.id, validationScenario, 7, emptyValidation, v(0.9, [['wrong', 'unit-error'], ['missing', 'transposed-mrn']]), T0 + DAY, 420_000);
    await waitFor(async () => expect(await tile('Attempts')).toHaveTextContent('2'));
    expect(await tile('Passed')).toHaveTextContent('1 (50%)');
    expect(await tile('Average score')).toHaveTextContent('70%');
    expect(screen.getByRole('img', { name: /^Errors you miss most/ })).toHaveAccessibleDescription('Most missed: Unit error (mg vs mcg) 2 times; Transposed MRN 1 time.');
    expect(screen.getByRole('img', { name: /^Score over time/ })).toHaveAccessibleDescription(/2 days with attempts/);
    const history = screen.getByRole('region', { name: 'Attempt history' });
    expect(within(within(history).getByRole('table')).getAllByRole('row')).toHaveLength(3);
  });

  it('opens a past attempt read-only with its score report and the answers with feedback', async () => {
    const db = await freshDB();
    const learner = await activeLearner(db);
    const real = scoredValidationCase();
    const attempt = await storeAttempt(db, learner.id, real.scenario, real.seed, real.partial.answers, real.partial.report, T0);
    const { user } = renderApp(db, '#/progress');
    const link = await screen.findByRole('link', { name: 'Laboratory data quality' });
    expect(link).toHaveAttribute('href', `#/progress/attempt/${attempt.id}`);
    await user.click(link);

    expect(await screen.findByRole('heading', { level: 1, name: 'Laboratory data quality' }, { timeout: 10_000 })).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Score report' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Score 50%/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export this attempt' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Your answers with feedback' }));
    expect(await screen.findByRole('region', { name: /^Findings/ }, { timeout: 20_000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit' })).not.toBeInTheDocument();
  });

  it('does not open another learner\u2019s attempt from its link', async () => {
    const db = await freshDB();
    const ana = await activeLearner(db, 'Ana');
    const attempt = await storeAttempt(db, ana.id, validationScenario, 7, emptyValidation, makeReport(validationScenario, 7, 0.5), T0);
    await activeLearner(db, 'Ben');
    renderApp(db, `#/progress/attempt/${attempt.id}`);
    expect(await screen.findByRole('heading', { name: 'Attempt not found' })).toBeInTheDocument();
    expect(screen.getByText(/Ben has no attempt with this link/)).toBeInTheDocument();
  });

});
