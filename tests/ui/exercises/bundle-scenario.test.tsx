// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listAttempts } from '@/db/attempt-repo';
import { loadDraft } from '@/db/draft-repo';
import type { Chart } from '@/domain/chart/chart-types';
import { buildExercise, keyAnswers } from '@/domain/exercise/build-exercise';
import { importScenarioChart } from '@/domain/fhir/import-scenario';
import { useAppStore } from '@/store/app-store';
import { App } from '@/ui/app/app';
import { SCENARIO_BUNDLE_URLS } from '@/ui/app/scenario-bundles';
import type { InputsProgress } from '@/ui/components/exercise-inputs';
import type { ImportMessage, ImportRequest } from '@/ui/features/fhir-import/import-protocol';
import { runImportRequest } from '@/ui/features/fhir-import/import-worker-core';
import type { ImportRunner } from '@/ui/features/fhir-import/run-import';
import { createScenarioInputsLoader, ScenarioBundleError } from '@/ui/features/fhir-import/scenario-inputs-loader';
import { inProcessImport } from '../fhir-import/in-process-import';
import { activeLearner, freshDB, renderApp } from '../storage/persistence-fixtures';
import { resetExerciseApp, scenarioById } from './exercise-fixtures';

/*
 * Scenarios that name a FHIR bundle, in the browser: the bundle's URL from the glob, the file
 * fetched, imported by the import worker and handed to buildExercise. jsdom has no Worker and no
 * server, so the tests put in a Worker that runs the worker's own code in this thread and a fetch
 * that serves the repository's files.
 */

const RECORDING = 'synthea-immunization-abstraction';
const BUNDLE = 'bundles/synthea-cris-rath.json';
const BUNDLE_URL = '/scenarios/bundles/synthea-cris-rath.json';
/** Importing the bundle in the test's thread can take a few seconds on a busy two-core machine. */
const SLOW = 20_000;

function repoFile(url: string): Buffer {
  return readFileSync(path.join(process.cwd(), url));
}

/** A fetch that serves the repository's files by path, or the status given for a path. */
function serveRepository(statusFor: Record<string, number> = {}) {
  return vi.fn(async (url: string) => {
    const status = statusFor[url];
    if (status) return new Response('', { status, statusText: status === 404 ? 'Not Found' : 'Error' });
    return new Response(new Uint8Array(repoFile(url)), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
}

/** The import Web Worker, running the worker's own code (runImportRequest) in the test's thread. */
class InProcessWorker {
  static started: InProcessWorker[] = [];
  onmessage: ((event: { data: ImportMessage }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  requests: ImportRequest[] = [];
  terminated = false;
  constructor(readonly url: URL | string) {
    InProcessWorker.started.push(this);
  }
  postMessage(request: ImportRequest) {
    this.requests.push(request);
    setTimeout(() => void runImportRequest(request, (data) => !this.terminated && this.onmessage?.({ data })), 0);
  }
  terminate() {
    this.terminated = true;
  }
}

/**
 * The chart the CLI imports for the scenario (loadScenarioInputs reads the file and calls
 * importScenarioChart): what the browser must build on. (The CLI module itself needs file URLs,
 * which jsdom does not give.)
 */
function cliChart(id = RECORDING): Chart {
  const scenario = scenarioById(id);
  return importScenarioChart(scenario, repoFile(`/scenarios/${scenario.patients.bundle ?? ''}`).toString('utf8'));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  InProcessWorker.started = [];
});

describe('the shipped bundles', () => {
  it('are separate assets the glob finds by their path under scenarios/', () => {
    expect(Object.keys(SCENARIO_BUNDLE_URLS)).toContain(BUNDLE_URL);
    // A URL to fetch, not the file's text bundled into the page.
    expect(SCENARIO_BUNDLE_URLS[BUNDLE_URL]).toMatch(/synthea-cris-rath.*\.json$/);
  });
});

describe('the scenario inputs loader', () => {
  const urls = { [BUNDLE_URL]: BUNDLE_URL };

  it('downloads the bundle, imports it under the scenario’s name for it and gives the same chart as the CLI', async () => {
    const fetch = serveRepository();
    const requests: Parameters<ImportRunner>[2][] = [];
    const load = createScenarioInputsLoader({ urls, fetch, runImport: inProcessImport(requests) });
    const progress: InputsProgress[] = [];
    const { chart } = await load(scenarioById(RECORDING), { signal: new AbortController().signal, onProgress: (p) => progress.push(p) });
    expect(fetch).toHaveBeenCalledWith(BUNDLE_URL, expect.objectContaining({ signal: expect.any(AbortSignal) }));
    expect(requests).toEqual([{ fileName: BUNDLE }]);
    expect(chart?.meta.source?.fileName).toBe(BUNDLE);
    expect(chart).toEqual(cliChart());
    expect(progress[0]).toEqual({ label: 'Downloading the file', percent: 0 });
    expect(progress.map((p) => p.label)).toEqual(expect.arrayContaining(['Reading the file', 'Parsing JSON', 'Checking resources', 'Building the chart', 'Writing source documents']));
    expect(progress.at(-1)?.percent).toBe(100);
    expect(progress.map((p) => p.percent)).toEqual([...progress.map((p) => p.percent)].sort((a, b) => a - b));
  });

  it('needs nothing for a scenario on generated charts', async () => {
    const fetch = serveRepository();
    const load = createScenarioInputsLoader({ urls, fetch, runImport: inProcessImport() });
    expect(await load(scenarioById('allergy-intake-intro'), { signal: new AbortController().signal, onProgress: () => undefined })).toEqual({});
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says which file is missing, could not be downloaded or could not be imported', async () => {
    const options = { signal: new AbortController().signal, onProgress: () => undefined };
    const scenario = scenarioById(RECORDING);
    const notShipped = createScenarioInputsLoader({ urls: {}, fetch: serveRepository(), runImport: inProcessImport() });
    await expect(notShipped(scenario, options)).rejects.toThrow(
      new ScenarioBundleError('This exercise uses the imported chart bundles/synthea-cris-rath.json, which is not part of this copy of ChartLab (it belongs in scenarios/bundles/synthea-cris-rath.json).'),
    );
    const gone = createScenarioInputsLoader({ urls, fetch: serveRepository({ [BUNDLE_URL]: 404 }), runImport: inProcessImport() });
    await expect(gone(scenario, options)).rejects.toThrow('The chart file bundles/synthea-cris-rath.json could not be downloaded: the server answered 404 Not Found.');
    const offline = createScenarioInputsLoader({ urls, fetch: vi.fn().mockRejectedValue(new TypeError('Failed to fetch')), runImport: inProcessImport() });
    await expect(offline(scenario, options)).rejects.toThrow('The chart file bundles/synthea-cris-rath.json could not be downloaded (Failed to fetch). Check the connection and reload the page.');
    const broken = createScenarioInputsLoader({ urls: { [BUNDLE_URL]: '/tests/fixtures/fhir/bad/stu3-condition.json' }, fetch: serveRepository(), runImport: inProcessImport() });
    await expect(broken(scenario, options)).rejects.toThrow(/^The chart file bundles\/synthea-cris-rath\.json could not be imported: This looks like FHIR STU3 \(3\.0\), not FHIR R4/);
  });

  it('stops the import when the exercise is left, and imports afresh next time', async () => {
    const cancel = vi.fn();
    const never: ImportRunner = () => ({ outcome: new Promise(() => undefined), cancel });
    let runImport = never;
    const load = createScenarioInputsLoader({ urls, fetch: serveRepository(), runImport: (...args) => runImport(...args) });
    const controller = new AbortController();
    let importing!: () => void;
    const started = new Promise<void>((resolve) => (importing = resolve));
    const result = load(scenarioById(RECORDING), { signal: controller.signal, onProgress: (p) => p.label !== 'Downloading the file' || setTimeout(importing, 0) });
    await started;
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancel).toHaveBeenCalledOnce();
    // Nothing half-done is left behind: the next visit imports the file.
    runImport = inProcessImport();
    const { chart } = await load(scenarioById(RECORDING), { signal: new AbortController().signal, onProgress: () => undefined });
    expect(chart?.patient.id).toBe('d4519c92-d241-b2b2-7360-291d60be699e');
  });
});

describe('an exercise on a scenario that names a bundle', () => {
  beforeEach(() => {
    vi.stubGlobal('Worker', InProcessWorker);
    resetExerciseApp('#/exercises');
  });

  it('is marked as on an imported chart in the library, imports it in the worker with progress, and scores the key 100%', async () => {
    const fetch = serveRepository();
    vi.stubGlobal('fetch', fetch);
    render(<App />);
    const card = await screen.findByRole('article', { name: 'Abstract a Synthea teenager’s immunizations and vitals' }, { timeout: SLOW });
    expect(within(card).getByText('Imported chart')).toBeInTheDocument();
    expect(within(card).getByText('Chart').nextElementSibling).toHaveTextContent('Imported from FHIR (synthea-cris-rath.json)');
    await act(async () => within(card).getByRole('link', { name: /^Start / }).click());

    const status = await screen.findByText(/^Importing the chart bundles\/synthea-cris-rath\.json/, {}, { timeout: SLOW });
    expect(status).toHaveAttribute('role', 'status');
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    await screen.findByRole('heading', { name: 'Abstraction form' }, { timeout: SLOW });
    expect(screen.getByText(/Seed/).closest('p')).toHaveTextContent('Recording · Intro · Imported chart synthea-cris-rath.json · Seed 1 · Pass mark 80%');
    expect(fetch).toHaveBeenCalledWith(BUNDLE_URL, expect.anything());
    const [worker] = InProcessWorker.started;
    expect(worker?.requests.map(({ fileName, patientId, listPatients }) => ({ fileName, patientId, listPatients }))).toEqual([{ fileName: BUNDLE, patientId: undefined, listPatients: undefined }]);
    expect(worker?.terminated).toBe(true);

    // The key the CLI derives (chartlab scenario key) scores full marks in the app.
    const key = keyAnswers(buildExercise(scenarioById(RECORDING), 1, { chart: cliChart() }));
    act(() => useAppStore.getState().setAnswers(key));
    await act(async () => screen.getByRole('button', { name: 'Submit' }).click());
    await act(async () => within(screen.getByRole('dialog', { name: 'Submit your answers?' })).getByRole('button', { name: 'Submit for scoring' }).click());
    const report = await screen.findByRole('region', { name: 'Score report' });
    expect(within(report).getByRole('img', { name: 'Score 100%, pass mark 80%' })).toBeInTheDocument();
  });

  it('shows why the exercise cannot be opened when its bundle cannot be downloaded', async () => {
    vi.stubGlobal('fetch', serveRepository({ [BUNDLE_URL]: 404 }));
    resetExerciseApp(`#/exercise/${RECORDING}?seed=1`);
    render(<App />);
    const alert = await screen.findByRole('alert', {}, { timeout: SLOW });
    expect(alert).toHaveTextContent(
      'This exercise could not be opened on its imported chart. The chart file bundles/synthea-cris-rath.json could not be downloaded: the server answered 404 Not Found.',
    );
    expect(within(alert).getByRole('link', { name: 'Back to all exercises' })).toBeInTheDocument();
    expect(InProcessWorker.started).toEqual([]);
  });

  it('saves the draft, resumes it, and stores the submitted attempt as for a generated chart', async () => {
    vi.stubGlobal('fetch', serveRepository());
    const db = await freshDB();
    const learner = await activeLearner(db);
    const link = `#/exercise/synthea-chart-audit?seed=12`;
    const first = renderApp(db, link);
    await screen.findByRole('heading', { name: /Findings/ }, { timeout: SLOW });
    const exercise = buildExercise(scenarioById('synthea-chart-audit'), 12, { chart: cliChart('synthea-chart-audit') });
    const key = keyAnswers(exercise);
    if (key.kind !== 'validation') throw new Error('expected a validation key');
    const partial = { ...key, findings: key.findings.slice(0, 1) };
    act(() => useAppStore.getState().setAnswers(partial));
    await waitFor(async () => expect((await loadDraft(db, learner.id, 'synthea-chart-audit', 12))?.answers).toEqual(partial));
    first.unmount();

    // Back later: the draft comes back on the same imported chart.
    const { user } = renderApp(db, link);
    await screen.findByRole('heading', { name: /Findings/ }, { timeout: SLOW });
    await waitFor(() => expect(useAppStore.getState().exercise.answers).toEqual(partial));
    act(() => useAppStore.getState().setAnswers(key));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Submit your answers?' })).getByRole('button', { name: 'Submit for scoring' }));
    expect(await screen.findByText(/Saved to your progress/, {}, { timeout: 10_000 })).toBeInTheDocument();
    const [attempt] = await listAttempts(db, learner.id);
    expect(attempt).toMatchObject({ scenarioId: 'synthea-chart-audit', seed: 12, score: 1, passed: true, kind: 'validation' });
    expect(await loadDraft(db, learner.id, 'synthea-chart-audit', 12)).toBeNull();

    // The attempt's page rebuilds the exercise on the imported chart to show the answers.
    await user.click(screen.getByRole('link', { name: 'Open this attempt' }));
    await user.click(await screen.findByRole('tab', { name: 'Your answers with feedback' }, { timeout: SLOW }));
    expect(await screen.findByRole('heading', { name: /Findings/ }, { timeout: SLOW })).toBeInTheDocument();
    expect(screen.queryByText(/could not be rebuilt/)).not.toBeInTheDocument();
  });
});
