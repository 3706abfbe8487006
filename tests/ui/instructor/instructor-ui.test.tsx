// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { getAssignment, listAssignments } from '@/db/assignment-repo';
import { listAuthoredScenarios } from '@/db/authored-scenario-repo';
import { TrainerDBProvider } from '@/db/db-context';
import { createMemoryTrainerDB, type StorageStatus } from '@/db/storage-status';
import type { TrainerDB } from '@/db/trainer-db';
import { importScenarioChart } from '@/domain/fhir/import-scenario';
import { createAssignment } from '@/domain/instructor/assignment';
import { scenarioToForm } from '@/domain/instructor/scenario-form';
import { serializeResult } from '@/domain/instructor/result';
import { SCENARIO_BUNDLE_URLS } from '@/ui/app/scenario-bundles';
import { Gradebook } from '@/ui/features/instructor/gradebook';
import { InstructorWorkspace, type InstructorTab } from '@/ui/features/instructor/instructor-workspace';
import { ScenarioEditor } from '@/ui/features/instructor/scenario-editor';
import { ExerciseInputsContext, type ExerciseInputsLoader } from '@/ui/components/exercise-inputs';
import { hashing, lookupShipped, resultFor, shippedScenarios, week3Assignment } from '../../domain/instructor/instructor-fixtures';

let db: TrainerDB | undefined;
afterEach(() => {
  cleanup();
  db?.close();
  db = undefined;
});
const status: StorageStatus = { mode: 'best-effort', reason: 'test' };
let counter = 0;

async function withDb(children: ReactNode) {
  db = await createMemoryTrainerDB({ name: `instructor-ui-${++counter}-${Math.random()}` });
  return (
    <TrainerDBProvider db={db} status={status}>
      {children}
    </TrainerDBProvider>
  );
}

const lab = lookupShipped('lab-data-quality')!;

function Report({ report }: { report: { score: number } }) {
  return <p>Report: {Math.round(report.score * 100)}%</p>;
}

describe('the scenario editor', () => {
  it('shows the schema’s messages live, by the field, and saves only a valid scenario', async () => {
    const user = userEvent.setup();
    const saved: unknown[] = [];
    render(<ScenarioEditor initial={scenarioToForm(lab)} heading="Edit" takenIds={new Set(['lab-data-quality'])} onSave={(s) => void saved.push(s)} onExport={() => {}} onClose={() => {}} />);
    expect(screen.getByText(/1 thing to fix before saving/)).toBeInTheDocument();
    const id = screen.getByLabelText('Id');
    expect(id).toHaveAccessibleDescription(/already used by another scenario/);
    await user.clear(id);
    await user.type(id, 'lab-quality-b');
    expect(screen.getByText('The scenario is valid.')).toBeInTheDocument();
    expect(id).not.toHaveAttribute('aria-invalid');

    const max = screen.getByLabelText('Maximum age');
    await user.clear(max);
    await user.type(max, '20');
    expect(max).toHaveAccessibleDescription('maxAge must be at least minAge');
    expect(max).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Save scenario' }));
    expect(saved).toEqual([]);

    await user.clear(max);
    await user.type(max, '80');
    await user.click(screen.getByRole('checkbox', { name: /^Unit error/ }));
    await user.click(screen.getByRole('button', { name: 'Save scenario' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({ ...lab, id: 'lab-quality-b', task: { ...lab.task, errorTypes: ['abnormal-not-flagged'] } });
    expect(screen.getByText(/Saved “Laboratory data quality”/)).toHaveAttribute('role', 'status');
  });

  it('offers every catalog error type with its label and description, and every task kind', async () => {
    render(<ScenarioEditor initial={scenarioToForm(lab)} heading="Edit" takenIds={new Set()} onSave={() => {}} onExport={() => {}} onClose={() => {}} />);
    const group = screen.getByRole('group', { name: 'Error types that may be planted' });
    expect(within(group).getAllByRole('checkbox')).toHaveLength(18);
    expect(within(group).getByRole('checkbox', { name: /Transposed MRN.*Two adjacent digits/ })).not.toBeChecked();
    await userEvent.setup().click(screen.getByRole('radio', { name: 'Organizing: MPI' }));
    expect(screen.getByLabelText('People in the index')).toHaveValue('5');
    expect(screen.getByRole('group', { name: 'How duplicates differ' })).toBeInTheDocument();
  });
});

describe('instructor mode', () => {
  it('copies a shipped scenario into an authored one, keeps it in IndexedDB and duplicates it', async () => {
    const user = userEvent.setup();
    let tab: InstructorTab = 'scenarios';
    const ui = () => <InstructorWorkspace tab={tab} onTab={(t) => (tab = t)} shipped={shippedScenarios} bundleUrls={SCENARIO_BUNDLE_URLS} Report={Report} baseUrl="https://chartlab.test/" today="2026-07-01" />;
    const { rerender } = render(await withDb(ui()));
    await user.selectOptions(await screen.findByLabelText('Or start from a shipped scenario'), 'mpi-duplicates-intro');
    await user.click(screen.getByRole('button', { name: 'Copy and edit' }));
    expect(screen.getByLabelText('Id')).toHaveValue('mpi-duplicates-intro-copy');
    await user.click(screen.getByRole('button', { name: 'Save scenario' }));
    await waitFor(async () => expect((await listAuthoredScenarios(db!)).map((r) => r.id)).toEqual(['mpi-duplicates-intro-copy']));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(await screen.findByRole('button', { name: 'Duplicate Find duplicate registrations (copy)' }));
    await waitFor(async () => expect((await listAuthoredScenarios(db!)).map((r) => r.id).sort()).toEqual(['mpi-duplicates-intro-copy', 'mpi-duplicates-intro-copy-2']));

    tab = 'assignments';
    rerender(
      <TrainerDBProvider db={db!} status={status}>
        {ui()}
      </TrainerDBProvider>,
    );
    await user.type(await screen.findByLabelText('Title'), 'Week 1');
    await user.click(screen.getByRole('button', { name: 'Create assignment' }));
    await waitFor(async () => expect(await listAssignments(db!)).toHaveLength(1));
    const [stored] = await listAssignments(db!);
    expect(stored?.assignment).toMatchObject({ title: 'Week 1', attemptsAllowed: 1, passMark: 0.7, dueDate: '2026-07-08' });
    // The authored scenario travels in full.
    expect(typeof stored?.assignment.items[0]?.scenario).toBe('object');
    expect(await getAssignment(db!, stored!.assignment.id)).not.toBeNull();
    expect((screen.getByLabelText('Link for learners') as HTMLInputElement).value).toMatch(/^https:\/\/chartlab\.test\/#\/assignment\/[A-Za-z0-9_-]+$/);
  });
});

describe('the gradebook', () => {
  it('grades dropped result files, lists the flagged ones and opens a learner’s report', async () => {
    const user = userEvent.setup();
    const assignment = await week3Assignment();
    const maria = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['key', 'key'] });
    const ben = await resultFor(assignment, { id: 'l-2', name: 'Ben Okafor', choices: ['empty', null] });
    const edited = structuredClone(ben);
    edited.items[0]!.summary.score = 1;
    const files = [
      new File([serializeResult(maria)], 'maria.json', { type: 'application/json' }),
      new File([serializeResult(ben)], 'ben.json', { type: 'application/json' }),
      new File([serializeResult(edited)], 'ben-edited.json', { type: 'application/json' }),
    ];
    render(<Gradebook lookupScenario={lookupShipped} knownAssignments={[assignment]} Report={Report} />);
    await user.upload(screen.getByLabelText('Choose result files'), files);
    const book = await screen.findByRole('region', { name: /Gradebook: Week 3: identity and lab audit/ }, { timeout: 10_000 });
    const flagged = screen.getByRole('region', { name: 'Files not counted (1)' });
    expect(flagged).toHaveTextContent(/Tampered ben-edited\.json: Ben Okafor’s result .* was changed after it was exported/);
    const rows = within(within(book).getByRole('table', { name: /^Scores for/ })).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^Learner1\. Find duplicate registrations/),
      expect.stringMatching(/^Ben Okafor0%not handed in0%✗ Not passed/),
      expect.stringMatching(/^Maria López100%100%100%✓ Passed/),
    ]);
    await user.click(within(book).getByRole('button', { name: /Maria López, item 2: 100%, passed/ }));
    expect(within(book).getByRole('heading', { name: /Maria López: 2\. Unit check drill — 100%/ })).toBeInTheDocument();
    expect(within(book).getByText('Report: 100%')).toBeInTheDocument();
    expect(within(book).getByRole('img', { name: 'Distribution of total scores' })).toHaveAccessibleDescription(/0–9%: 1; .*90–100%: 1\. Pass mark 70%\./);
  });

  it('re-scores items on a scenario’s imported chart with the chart the app loads for it', async () => {
    const user = userEvent.setup();
    const audit = lookupShipped('synthea-chart-audit')!;
    const assignment = await createAssignment(
      { id: 'synthea-audit', title: 'Synthea audit', dueDate: '2026-07-10', attemptsAllowed: 1, passMark: 0.7, items: [{ scenario: audit, seed: 13, shipped: true }], createdAt: '2026-07-01T09:00:00.000Z' },
      hashing,
    );
    const maria = await resultFor(assignment, { id: 'l-1', name: 'Maria López', choices: ['key'] });
    const file = () => new File([serializeResult(maria)], 'maria.json', { type: 'application/json' });
    const loads: string[] = [];
    const loader: ExerciseInputsLoader = async (scenario) => {
      loads.push(scenario.id);
      return { chart: importScenarioChart(scenario, readFileSync(resolve(process.cwd(), 'scenarios', scenario.patients.bundle ?? ''), 'utf8')) };
    };
    render(
      <ExerciseInputsContext value={loader}>
        <Gradebook lookupScenario={lookupShipped} knownAssignments={[assignment]} Report={Report} />
      </ExerciseInputsContext>,
    );
    await user.upload(screen.getByLabelText('Choose result files'), file());
    const book = await screen.findByRole('region', { name: /Gradebook: Synthea audit/ }, { timeout: 10_000 });
    expect(within(within(book).getByRole('table', { name: /^Scores for/ })).getAllByRole('row')[1]).toHaveTextContent(/^Maria López100%100%✓ Passed/);
    expect(loads).toEqual(['synthea-chart-audit']);
    cleanup();

    // Where the chart cannot be loaded, the item is not counted, and the reason is given.
    render(<Gradebook lookupScenario={lookupShipped} knownAssignments={[assignment]} Report={Report} />);
    await user.upload(screen.getByLabelText('Choose result files'), file());
    const flagged = await screen.findByRole('region', { name: 'Files not counted (1)' }, { timeout: 10_000 });
    expect(flagged).toHaveTextContent(/Cannot score maria\.json: .*item 1 could not be rebuilt \(This exercise uses the imported chart bundles\/synthea-cris-rath\.json, which cannot be loaded here\.\)/);
  });
});
