import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { Chart } from '@/domain/chart/chart-types';
import type { ImportResult } from '@/domain/fhir/from-bundle';
import { formatBytes, MAX_IMPORT_BYTES, type ImportFailure } from '@/domain/fhir/import-errors';
import { PHASE_LABELS, progressPercent, type ImportPhase } from './import-protocol';
import { runImportInWorker, type ImportRunner, type RunningImport } from './run-import';
import './fhir-import.css';

type ImportState =
  | { status: 'idle' }
  | { status: 'running'; fileName: string; phase: ImportPhase; done: number; total: number }
  | { status: 'done'; fileName: string; result: ImportResult }
  | { status: 'failed'; fileName: string; failure: ImportFailure }
  | { status: 'cancelled'; fileName: string };

interface FhirImportProps {
  /** Hand the imported chart to the chart viewer (the app decides how). */
  onOpenChart: (chart: Chart) => void;
  /** How the import runs; the app's default is a Web Worker. */
  runImport?: ImportRunner;
}

/** Failure details shown before "and N more". */
const DETAILS_SHOWN = 10;

/**
 * Import a patient's record from a FHIR R4 file: pick or drop a file, watch it import in a Web
 * Worker (with a cancel button), then read what went where and open the chart in the chart
 * viewer. A failed or cancelled import changes nothing.
 */
export function FhirImport({ onOpenChart, runImport = runImportInWorker }: FhirImportProps) {
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const [dragging, setDragging] = useState(false);
  const running = useRef<RunningImport | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = { heading: useId(), input: useId(), hint: useId(), progress: useId() };

  // Leaving the page stops an import under way.
  useEffect(() => () => running.current?.cancel(), []);

  const start = (file: File) => {
    running.current?.cancel();
    running.current = null;
    // Refused here too, before a worker starts: a 100 MB file is never read.
    if (file.size > MAX_IMPORT_BYTES) {
      setState({
        status: 'failed',
        fileName: file.name,
        failure: {
          kind: 'too-large',
          message: `The file is ${formatBytes(file.size)}; ChartLab imports files up to ${formatBytes(MAX_IMPORT_BYTES)}. Export one patient per file and import that.`,
          details: [],
        },
      });
      return;
    }
    setState({ status: 'running', fileName: file.name, phase: 'reading', done: 0, total: 1 });
    const job = runImport(file, (phase, done, total) => {
      if (running.current === job) setState({ status: 'running', fileName: file.name, phase, done, total });
    });
    running.current = job;
    void job.outcome.then((outcome) => {
      if (running.current !== job) return;
      running.current = null;
      setState(outcome.ok ? { status: 'done', fileName: file.name, result: outcome.result } : { status: 'failed', fileName: file.name, failure: outcome.failure });
    });
  };

  const cancel = () => {
    if (state.status !== 'running') return;
    running.current?.cancel();
    running.current = null;
    setState({ status: 'cancelled', fileName: state.fileName });
    inputRef.current?.focus();
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) start(file);
  };

  return (
    <section className="card fhir-import" aria-labelledby={ids.heading}>
      <h1 id={ids.heading}>Import a FHIR record</h1>
      <p className="muted">
        Open a patient&apos;s record from a FHIR R4 file, such as a patient bundle from Synthea, as a chart you can view and use in exercises. The
        file stays in this browser.
      </p>
      <div
        className={`fhir-import__drop${dragging ? ' fhir-import__drop--over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="fhir-import-drop-zone"
      >
        <p className="fhir-import__drop-text" aria-hidden="true">
          Drop a FHIR JSON file here, or choose one:
        </p>
        <div className="field">
          <label htmlFor={ids.input}>FHIR file</label>
          <input
            ref={inputRef}
            id={ids.input}
            type="file"
            accept=".json,application/json,application/fhir+json"
            aria-describedby={ids.hint}
            disabled={state.status === 'running'}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) start(file);
            }}
          />
          <p id={ids.hint} className="field__hint">
            A Bundle (collection, transaction, batch, searchset or document) or a single Patient, JSON, up to {formatBytes(MAX_IMPORT_BYTES)}.
          </p>
        </div>
      </div>

      {state.status === 'running' && (
        <div className="fhir-import__progress" aria-busy="true">
          <p id={ids.progress} role="status">
            Importing {state.fileName}: {PHASE_LABELS[state.phase]}
            {state.total > 1 ? ` (${state.done.toLocaleString('en-US')} of ${state.total.toLocaleString('en-US')} resources)` : ''}…
          </p>
          <progress aria-labelledby={ids.progress} max={100} value={progressPercent(state.phase, state.done, state.total)} />
          <button type="button" className="button" onClick={cancel}>
            Cancel import
          </button>
        </div>
      )}

      {state.status === 'cancelled' && (
        <p role="status" className="notice notice--info">
          The import of {state.fileName} was cancelled. Nothing was changed.
        </p>
      )}

      {state.status === 'failed' && <ImportError fileName={state.fileName} failure={state.failure} />}

      {state.status === 'done' && <ImportSummary fileName={state.fileName} result={state.result} onOpen={() => onOpenChart(state.result.chart)} />}
    </section>
  );
}

function ImportError({ fileName, failure }: { fileName: string; failure: ImportFailure }) {
  return (
    <div role="alert" className="notice notice--error fhir-import__error">
      <p>
        <strong>{fileName} was not imported.</strong> {failure.message}
      </p>
      {/* The message names the first three findings; the list is for when there are more. */}
      {failure.details.length > 3 && (
        <ul>
          {failure.details.slice(0, DETAILS_SHOWN).map((d) => (
            <li key={d}>{d}</li>
          ))}
          {failure.details.length > DETAILS_SHOWN && <li>and {failure.details.length - DETAILS_SHOWN} more</li>}
        </ul>
      )}
      <p>Nothing was changed: the chart viewer still shows what it showed before.</p>
    </div>
  );
}

function patientLabel(result: ImportResult): string {
  const name = result.chart.patient.name?.[0];
  return (name && (name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' '))) || `Patient/${result.chart.patient.id}`;
}

/** Skipped resources grouped by type and reason, as the CLI prints them. */
function groupSkipped(result: ImportResult): { type: string; reason: string; count: number }[] {
  const groups = new Map<string, { type: string; reason: string; count: number }>();
  for (const s of result.skipped) {
    const key = `${s.resourceType}|${s.reason}`;
    const group = groups.get(key) ?? { type: s.resourceType, reason: s.reason, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()];
}

function ImportSummary({ fileName, result, onOpen }: { fileName: string; result: ImportResult; onOpen: () => void }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const sections = result.summary.filter((s) => s.section !== 'unmapped');
  const skipped = groupSkipped(result);
  const source = result.chart.meta.source;
  return (
    <section className="fhir-import__result" aria-labelledby={headingId}>
      <div className="fhir-import__result-head">
        <div>
          <h2 id={headingId} ref={headingRef} tabIndex={-1}>
            Imported {patientLabel(result)}
          </h2>
          <p className="muted">
            From {fileName} ({source?.bundleType ?? 'FHIR'}) · chart date {result.chart.meta.refDate}
          </p>
        </div>
        <button type="button" className="button button--primary" onClick={onOpen}>
          Open in chart viewer
        </button>
      </div>

      <div className="table-wrap">
        <table className="data-table fhir-import__table" aria-label="Chart sections imported">
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col" className="num">
                Count
              </th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {sections.map((s) => (
              <tr key={s.section} className={s.count === 0 ? 'fhir-import__row--empty' : undefined}>
                <th scope="row">{s.label}</th>
                <td className="num">{s.count.toLocaleString('en-US')}</td>
                <td>{s.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>Kept aside</h3>
      {result.unmapped.length === 0 ? (
        <p className="muted">Nothing: every resource went into a chart section.</p>
      ) : (
        <>
          <p className="muted">Resources no chart section shows. They stay with the chart and are exported back unchanged.</p>
          <ul className="plain-list fhir-import__list">
            {result.unmapped.map((g) => (
              <li key={`${g.resourceType}|${g.reason}`}>
                <strong>
                  {g.resourceType} × {g.count}
                </strong>
                : {g.reason}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Skipped</h3>
      {skipped.length === 0 ? (
        <p className="muted">Nothing was skipped.</p>
      ) : (
        <ul className="plain-list fhir-import__list">
          {skipped.map((g) => (
            <li key={`${g.type}|${g.reason}`}>
              <strong>
                {g.type} × {g.count}
              </strong>
              : {g.reason}
            </li>
          ))}
        </ul>
      )}

      {result.warnings.length > 0 && (
        <div className="notice notice--warning fhir-import__warnings">
          <h3>Warnings</h3>
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}

      {result.extensions.length > 0 && (
        <details className="fhir-import__extensions">
          <summary>Extensions kept in place but not shown ({result.extensions.length})</summary>
          <ul>
            {result.extensions.map((e) => (
              <li key={e.url}>
                <span className="mono">{e.url}</span> × {e.count}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
