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

const FIXTURES = resolve(__dirname, '../../fixtures/fhir');
/** The import runs in the test's thread; on a busy two-core machine it can take more than the default second. */
const SLOW = 10_000;
const CRIS = resolve(__dirname, '../../../../shared/fixtures/fhir/synthea/Cris921_Rath779_d4519c92-d241-b2b2-7360-291d60be699e.json');

function fileOf(path: string, name = path.split('/').pop() as string): File {
  return new File([readFileSync(path, 'utf8')], name, { type: 'application/json' });
}

/**
 * Runs the worker's code in the test's thread (jsdom has no Worker): the same messages the page
 * gets from the real worker, delivered asynchronously.
 */
const inProcess: ImportRunner = (file, onProgress) => {
  let cancelled = false;
  const outcome = new Promise<ImportOutcome>((done) => {
    const post = (message: ImportMessage) => {
      if (cancelled) return;
      if (message.type === 'progress') onProgress(message.phase, message.done, message.total);
      else if (message.type === 'done') done({ ok: true, result: message.result });
      else done({ ok: false, failure: message.failure });
    };
    setTimeout(() => void runImportRequest({ type: 'import', file }, post), 0);
  });
  return { outcome, cancel: () => (cancelled = true) };
};

beforeEach(() => resetApp('#/import'));
afterEach(() => cleanup());

describe('the Import page', () => {
  it('imports a Synthea bundle chosen with the file picker and shows what went into each section', async () => {
    const user = userEvent.setup();
    const opened: Chart[] = [];
    render(<FhirImport runImport={inProcess} onOpenChart={(c) => opened.push(c)} />);
    await user.upload(screen.getByLabelText('FHIR file'), fileOf(CRIS));
    const heading = await screen.findByRole('heading', { name: 'Imported Cris921 Rath779' }, { timeout: SLOW });
    expect(heading).toHaveFocus();
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
    const file = fileOf(resolve(FIXTURES, 'bundles/multi-patient.json'));
    const zone = screen.getByTestId('fhir-import-drop-zone');
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file], dropEffect: 'none' } });
    zone.dispatchEvent(drop);
    expect(await screen.findByRole('heading', { name: 'Imported Chidi Abara' }, { timeout: SLOW })).toBeInTheDocument();
    expect(screen.getByText('Condition × 1')).toBeInTheDocument();
    expect(screen.getAllByText(/belongs to Patient\/second, not Patient\/first/)).toHaveLength(2);
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
