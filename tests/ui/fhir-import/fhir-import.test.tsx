// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chart } from '@/domain/chart/chart-types';
import { fromBundleText } from '@/domain/fhir/from-bundle';
import { useAppStore } from '@/store/app-store';
import { App } from '@/ui/app/app';
import { FhirImport } from '@/ui/features/fhir-import/fhir-import';
import type { ImportMessage } from '@/ui/features/fhir-import/import-protocol';
import { runImportRequest } from '@/ui/features/fhir-import/import-worker-core';
import type { ImportOutcome, ImportRunner } from '@/ui/features/fhir-import/run-import';
import { chartForSeed, resetApp } from '../chart-fixtures';
import { inProcessImport } from './in-process-import';

const FIXTURES = resolve(__dirname, '../../fixtures/fhir');
/** The import runs in the test's thread; on a busy two-core machine it can take more than the default second. */
const SLOW = 10_000;
const CRIS = resolve(__dirname, '../../../../shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json');

function fileOf(path: string, name = path.split('/').pop() as string): File {
  return new File([readFileSync(path, 'utf8')], name, { type: 'application/json' });
}

const inProcess = inProcessImport();

beforeEach(() => resetApp('#/import'));
afterEach(() => cleanup());

describe('the Import page', () => {
  it('imports a Synthea bundle chosen with the file picker and shows what went into each section', async () => {
    const user = userEvent.setup();
    const opened: Chart[] = [];
    const requests: Parameters<ImportRunner>[2][] = [];
    render(<FhirImport runImport={inProcessImport(requests)} onOpenChart={(c) => opened.push(c)} />);
    await user.upload(screen.getByLabelText('FHIR file'), fileOf(CRIS));
    const heading = await screen.findByRole('heading', { name: 'Imported Cris921 Rath779' }, { timeout: SLOW });
    expect(heading).toHaveFocus();
    // One patient: straight through, no list to choose from.
    expect(requests).toEqual([{ listPatients: true }]);
    expect(screen.queryByRole('heading', { name: 'Choose a patient' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Choose another patient' })).not.toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Chart sections imported' });
    expect(within(table).getByRole('row', { name: /Immunizations 19/ })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Lab results 10/ })).toBeInTheDocument();
    expect(screen.getByText('Claim × 11')).toBeInTheDocument();
    expect(screen.getByText('Nothing was skipped.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open in chart viewer' }));
    expect(opened.map((c) => c.patient.id)).toEqual(['d4519c92-d241-b2b2-7360-291d60be699e']);
  });

  it('imports a file dropped on the drop zone', async () => {
    render(<FhirImport runImport={inProcess} onOpenChart={() => undefined} />);
    const file = fileOf(resolve(FIXTURES, 'resources/condition.json'));
    const zone = screen.getByTestId('fhir-import-drop-zone');
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file], dropEffect: 'none' } });
    zone.dispatchEvent(drop);
    expect(await screen.findByRole('heading', { name: /^Imported / }, { timeout: SLOW })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Problems \(conditions\) 1/ })).toBeInTheDocument();
  });

  it('shows progress while it imports, and a cancelled import changes nothing', async () => {
    const user = userEvent.setup();
    const cancel = vi.fn();
    let report: (phase: 'mapping', done: number, total: number) => void = () => undefined;
    const never: ImportRunner = (_file, onProgress) => {
      report = onProgress;
      return { outcome: new Promise<ImportOutcome>(() => undefined), cancel };
    };
    render(<FhirImport runImport={never} onOpenChart={() => undefined} />);
    await user.upload(screen.getByLabelText('FHIR file'), fileOf(CRIS));
    expect(screen.getByRole('status')).toHaveTextContent('Importing Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json: Reading the file…');
    report('mapping', 1200, 2400);
    expect(await screen.findByText(/Building the chart \(1,200 of 2,400 resources\)/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '65');
    expect(screen.getByLabelText('FHIR file')).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Cancel import' }));
    expect(cancel).toHaveBeenCalledOnce();
    expect(screen.getByRole('status')).toHaveTextContent(/was cancelled\. Nothing was changed\./);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('shows the typed error of a broken file and imports nothing', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<FhirImport runImport={inProcess} onOpenChart={onOpen} />);
    await user.upload(screen.getByLabelText('FHIR file'), fileOf(resolve(FIXTURES, 'bad/stu3-condition.json')));
    const alert = await screen.findByRole('alert', {}, { timeout: SLOW });
    expect(alert).toHaveTextContent('stu3-condition.json was not imported.');
    expect(alert).toHaveTextContent(/This looks like FHIR STU3 \(3\.0\), not FHIR R4/);
    expect(alert).toHaveTextContent('Nothing was changed');
    expect(screen.queryByRole('button', { name: 'Open in chart viewer' })).not.toBeInTheDocument();
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('lists every finding of an invalid file when there are more than the message names', async () => {
    const user = userEvent.setup();
    render(<FhirImport runImport={inProcess} onOpenChart={() => undefined} />);
    const bundle = JSON.parse(readFileSync(resolve(FIXTURES, 'bad/bad-observation-status.json'), 'utf8'));
    bundle.entry[0].resource.gender = 'x';
    bundle.entry[0].resource.birthDate = '1982-02-30';
    bundle.entry[1].resource.effectiveDateTime = '2024-01-05T09:00';
    await user.upload(screen.getByLabelText('FHIR file'), new File([JSON.stringify(bundle)], 'four-errors.json'));
    const alert = await screen.findByRole('alert', {}, { timeout: SLOW });
    expect(alert).toHaveTextContent(/4 values in this file are not allowed by FHIR R4: .*; and 1 more\./);
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Patient/bs gender "x" is not allowed (R4 allows male, female, other, unknown)',
      'Patient/bs birthDate "1982-02-30" is not a calendar date (1982-02 has 28 days)',
      'Observation/bs-o status "done" is not allowed (R4 allows registered, preliminary, final, amended, corrected, cancelled, entered-in-error, unknown)',
      'Observation/bs-o effectiveDateTime "2024-01-05T09:00" is not a valid FHIR dateTime (a time needs a time zone, such as Z or -05:00)',
    ]);
  });

  it('refuses a file over 50 MB at once, without starting an import', async () => {
    const user = userEvent.setup();
    const runImport = vi.fn<ImportRunner>();
    render(<FhirImport runImport={runImport} onOpenChart={() => undefined} />);
    const big = new File(['{}'], 'cohort.json', { type: 'application/json' });
    Object.defineProperty(big, 'size', { value: 100 * 1024 * 1024 });
    await user.upload(screen.getByLabelText('FHIR file'), big);
    expect(screen.getByRole('alert')).toHaveTextContent('cohort.json was not imported. The file is 100.0 MB; ChartLab imports files up to 50.0 MB.');
    expect(runImport).not.toHaveBeenCalled();
  });
});

/** multi-patient.json with the second patient's immunization dated a day that does not exist. */
function multiPatientWithBadSecond(): File {
  const bundle = JSON.parse(readFileSync(resolve(FIXTURES, 'bundles/multi-patient.json'), 'utf8'));
  bundle.entry[4].resource.occurrenceDateTime = '2020-02-30';
  return new File([JSON.stringify(bundle)], 'two-patients.json', { type: 'application/json' });
}

describe('the patient picker', () => {
  it('lists the patients of a file with several and imports the one chosen with the keyboard', async () => {
    const user = userEvent.setup();
    const opened: Chart[] = [];
    const requests: Parameters<ImportRunner>[2][] = [];
    render(<FhirImport runImport={inProcessImport(requests)} onOpenChart={(c) => opened.push(c)} />);
    await user.upload(screen.getByLabelText('FHIR file'), fileOf(resolve(FIXTURES, 'bundles/multi-patient.json')));
    const heading = await screen.findByRole('heading', { name: 'Choose a patient' }, { timeout: SLOW });
    expect(heading).toHaveFocus();
    expect(screen.getByText(/multi-patient\.json holds 2 patients/)).toBeInTheDocument();
    const group = screen.getByRole('group', { name: 'Patients in multi-patient.json' });
    expect(within(group).getByRole('row', { name: /Chidi Abara 01\/01\/1990 Male .*1 \(Condition 1\)/ })).toBeInTheDocument();
    expect(within(group).getByRole('row', { name: /Zofia Kowalski 05\/20\/1975 Female .*2 \(Condition 1, Immunization 1\)/ })).toBeInTheDocument();
    const first = within(group).getByRole('radio', { name: 'Chidi Abara' });
    expect(first).toBeChecked();
    expect(first).toHaveAccessibleDescription('Born 01/01/1990, Male, resources: 1 (Condition 1)');
    // Nothing is imported until a patient is chosen.
    expect(requests).toEqual([{ listPatients: true }]);
    expect(screen.queryByRole('heading', { name: /^Imported/ })).not.toBeInTheDocument();

    await user.tab();
    expect(first).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    const second = within(group).getByRole('radio', { name: 'Zofia Kowalski' });
    expect(second).toBeChecked();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Import this patient' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('heading', { name: 'Imported Zofia Kowalski' }, { timeout: SLOW })).toHaveFocus();
    expect(requests).toEqual([{ listPatients: true }, { patientId: 'second' }]);
    expect(screen.getByText(/From multi-patient\.json \(collection\), one of 2 patients/)).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Immunizations 1/ })).toBeInTheDocument();
    expect(screen.getByText(/another patient \(this import takes Patient\/second\)/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open in chart viewer' }));
    expect(opened.map((c) => c.patient.id)).toEqual(['second']);
  });

  it('keeps the choice when the learner goes back to the list, and when they leave the page and return', async () => {
    const user = userEvent.setup();
    const view = render(<FhirImport runImport={inProcess} onOpenChart={() => undefined} />);
    await user.upload(screen.getByLabelText('FHIR file'), fileOf(resolve(FIXTURES, 'bundles/multi-patient.json')));
    await user.click(await screen.findByRole('radio', { name: 'Zofia Kowalski' }, { timeout: SLOW }));
    await user.click(screen.getByRole('button', { name: 'Import this patient' }));
    await screen.findByRole('heading', { name: 'Imported Zofia Kowalski' }, { timeout: SLOW });

    await user.click(screen.getByRole('button', { name: 'Choose another patient' }));
    expect(screen.getByRole('heading', { name: 'Choose a patient' })).toHaveFocus();
    expect(screen.getByRole('radio', { name: 'Zofia Kowalski' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Import this patient' }));
    await screen.findByRole('heading', { name: 'Imported Zofia Kowalski' }, { timeout: SLOW });

    // Off to the chart viewer and back: the page shows the same file, patient and summary.
    view.unmount();
    render(<FhirImport runImport={inProcess} onOpenChart={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Imported Zofia Kowalski' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Choose another patient' }));
    expect(screen.getByRole('radio', { name: 'Zofia Kowalski' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Chidi Abara' })).not.toBeChecked();
  });

  it('shows why the chosen patient could not be imported and lets the learner choose another', async () => {
    const user = userEvent.setup();
    render(<FhirImport runImport={inProcess} onOpenChart={() => undefined} />);
    await user.upload(screen.getByLabelText('FHIR file'), multiPatientWithBadSecond());
    await user.click(await screen.findByRole('radio', { name: 'Zofia Kowalski' }, { timeout: SLOW }));
    await user.click(screen.getByRole('button', { name: 'Import this patient' }));
    const alert = await screen.findByRole('alert', {}, { timeout: SLOW });
    expect(alert).toHaveTextContent(/two-patients\.json was not imported\. A value in this file is not allowed by FHIR R4: Immunization\/i-second occurrenceDateTime "2020-02-30"/);
    expect(screen.getByRole('radio', { name: 'Zofia Kowalski' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Chidi Abara' }));
    await user.click(screen.getByRole('button', { name: 'Import this patient' }));
    expect(await screen.findByRole('heading', { name: 'Imported Chidi Abara' }, { timeout: SLOW })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('replaces the list with the next file: a new file starts afresh', async () => {
    const user = userEvent.setup();
    render(<FhirImport runImport={inProcess} onOpenChart={() => undefined} />);
    await user.upload(screen.getByLabelText('FHIR file'), fileOf(resolve(FIXTURES, 'bundles/multi-patient.json')));
    await screen.findByRole('heading', { name: 'Choose a patient' }, { timeout: SLOW });
    await user.upload(screen.getByLabelText('FHIR file'), fileOf(resolve(FIXTURES, 'bad/not-json.json')));
    expect(await screen.findByRole('alert', {}, { timeout: SLOW })).toHaveTextContent('not-json.json was not imported.');
    expect(screen.queryByRole('heading', { name: 'Choose a patient' })).not.toBeInTheDocument();
    expect(useAppStore.getState().lastImport).toBeNull();
  });
});

describe('the worker side', () => {
  it('refuses an oversize file by its size before reading it', async () => {
    const messages: ImportMessage[] = [];
    const file = new File(['{}'], 'big.json');
    Object.defineProperty(file, 'size', { value: 60 * 1024 * 1024 });
    const text = vi.spyOn(file, 'text');
    await runImportRequest({ type: 'import', file }, (m) => messages.push(m));
    expect(messages).toEqual([{ type: 'error', failure: { kind: 'too-large', message: expect.stringMatching(/^The file is 60\.0 MB/), details: [] } }]);
    expect(text).not.toHaveBeenCalled();
  });

  it('answers with the patients of a file that holds several when asked to list them, and imports the one named', async () => {
    const file = fileOf(resolve(FIXTURES, 'bundles/multi-patient.json'));
    const listed: ImportMessage[] = [];
    await runImportRequest({ type: 'import', file, listPatients: true }, (m) => listed.push(m));
    const last = listed.at(-1);
    expect(last?.type === 'patients' && last.patients.map((p) => p.id)).toEqual(['first', 'second']);
    const imported: ImportMessage[] = [];
    await runImportRequest({ type: 'import', file, patientId: 'second', fileName: 'bundles/two.json' }, (m) => imported.push(m));
    const done = imported.at(-1);
    expect(done?.type === 'done' && done.result.chart.patient.id).toBe('second');
    expect(done?.type === 'done' && done.result.chart.meta.source?.fileName).toBe('bundles/two.json');
  });

  it('reports reading, parsing, checking, mapping and documents, then the result', async () => {
    const phases = new Set<string>();
    let done: ImportMessage | undefined;
    await runImportRequest({ type: 'import', file: fileOf(CRIS) }, (m) => (m.type === 'progress' ? phases.add(m.phase) : (done = m)));
    expect([...phases]).toEqual(['reading', 'parsing', 'checking', 'mapping', 'documents']);
    expect(done?.type === 'done' && done.result.chart.immunizations.length).toBe(19);
  });
});

describe('opening an imported chart', () => {
  it('shows it in the chart viewer with the patient name, replacing the chart on screen', async () => {
    const user = userEvent.setup();
    useAppStore.setState({ request: { seed: 42 }, chart: chartForSeed(42), status: 'ready', chartSection: 'labs' });
    const { chart } = fromBundleText(readFileSync(CRIS, 'utf8'), { fileName: 'cris.json' });
    useAppStore.getState().showImportedChart(chart);
    window.history.replaceState(null, '', '/#/chart');
    render(<App />);
    expect(screen.getByRole('heading', { level: 2, name: 'RATH779, Cris921' })).toBeInTheDocument();
    expect(screen.getByText(/Showing a chart imported from/)).toHaveTextContent('Showing a chart imported from cris.json');
    expect(useAppStore.getState()).toMatchObject({ request: null, status: 'ready', chartSection: 'summary', selectedFact: null });
    await user.click(screen.getByRole('tab', { name: /Immunizations/ }));
    expect(screen.getAllByText(/varicella/i).length).toBeGreaterThan(0);
  });
});
