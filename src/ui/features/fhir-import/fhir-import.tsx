import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { Chart } from '@/domain/chart/chart-types';
import type { BundlePatient, ImportResult } from '@/domain/fhir/from-bundle';
import { formatBytes, MAX_IMPORT_BYTES, type ImportFailure } from '@/domain/fhir/import-errors';
import { useAppStore } from '@/store/app-store';
import type { ImportedFile } from '@/store/fhir-import-slice';
import { formatDate, genderText, personName } from '@/ui/components/chart-format';
import { PHASE_LABELS, progressPercent, type ImportPhase } from './import-protocol';
import { runImportInWorker, type ImportRunner, type RunningImport } from './run-import';
import './fhir-import.css';

/** What is under way or went wrong; the file itself, its patients and its result live in the store (`lastImport`). */
type ImportState =
  | { status: 'idle' }
  | { status: 'running'; fileName: string; phase: ImportPhase; done: number; total: number }
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
 * Worker (with a cancel button), choose the patient when the file holds several, then read what
 * went where and open the chart in the chart viewer. A failed or cancelled import changes
 * nothing. The file, the choice and the result stay when the learner leaves and comes back.
 */
export function FhirImport({ onOpenChart, runImport = runImportInWorker }: FhirImportProps) {
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const lastImport = useAppStore((s) => s.lastImport);
  const rememberImport = useAppStore((s) => s.rememberImport);
  const [dragging, setDragging] = useState(false);
  const running = useRef<RunningImport | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = { heading: useId(), input: useId(), hint: useId(), progress: useId() };

  // Leaving the page stops an import under way.
  useEffect(() => () => running.current?.cancel(), []);

  /** Import `file` (the patient `patientId` of it, when chosen); `base` is what to remember it with. */
  const run = (file: File, base: ImportedFile | null, patientId?: string) => {
    setState({ status: 'running', fileName: file.name, phase: 'reading', done: 0, total: 1 });
    const job = runImport(
      file,
      (phase, done, total) => {
        if (running.current === job) setState({ status: 'running', fileName: file.name, phase, done, total });
      },
      patientId === undefined ? { listPatients: true } : { patientId },
    );
    running.current = job;
    void job.outcome.then((outcome) => {
      if (running.current !== job) return;
      running.current = null;
      if (outcome.kind === 'failed') {
        setState({ status: 'failed', fileName: file.name, failure: outcome.failure });
        return;
      }
      setState({ status: 'idle' });
      if (outcome.kind === 'choose') rememberImport({ file, patients: outcome.patients, patientId: null, result: null });
      else rememberImport({ file, patients: base?.patients ?? [], patientId: patientId ?? null, result: outcome.result });
    });
  };

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
    // A new file replaces the last one, whatever becomes of its import.
    rememberImport(null);
    run(file, null);
  };

  const choosePatient = (patientId: string) => {
    if (!lastImport) return;
    const base = { ...lastImport, patientId, result: null };
    rememberImport(base);
    run(lastImport.file, base, patientId);
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

  const busy = state.status === 'running';
  const choosing = !busy && lastImport !== null && lastImport.result === null && lastImport.patients.length > 1;
  const result = !busy ? lastImport?.result : null;

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
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) start(file);
            }}
          />
          <p id={ids.hint} className="field__hint">
            A Bundle (collection, transaction, batch, searchset or document) or a single Patient, JSON, up to {formatBytes(MAX_IMPORT_BYTES)}. When
            the file holds several patients, you choose whose record to open.
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

      {choosing && lastImport && <PatientPicker fileName={lastImport.file.name} patients={lastImport.patients} chosenId={lastImport.patientId} onChoose={choosePatient} />}

      {result && lastImport && (
        <ImportSummary
          fileName={lastImport.file.name}
          result={result}
          onOpen={() => onOpenChart(result.chart)}
          {...(lastImport.patients.length > 1
            ? { of: lastImport.patients.length, onChooseAnother: () => rememberImport({ ...lastImport, result: null }) }
            : {})}
        />
      )}
    </section>
  );
}

/** Name as the import summary prints it (official name first): "Cris921 Rath779". */
function nameOf(names: BundlePatient['name'], id: string): string {
  return personName(names?.find((n) => n.use === 'official') ?? names?.[0]) || `Patient/${id}`;
}

/** The most frequent resource types shown beside a patient before "and N more". */
const TYPES_SHOWN = 3;

function resourcesText(patient: BundlePatient): string {
  if (patient.total === 0) return 'No resources';
  const shown = patient.resources.slice(0, TYPES_SHOWN).map((r) => `${r.resourceType} ${r.count.toLocaleString('en-US')}`);
  const more = patient.resources.length - TYPES_SHOWN;
  return `${patient.total.toLocaleString('en-US')} (${shown.join(', ')}${more > 0 ? `, and ${more} more type${more === 1 ? '' : 's'}` : ''})`;
}

interface PatientPickerProps {
  fileName: string;
  patients: readonly BundlePatient[];
  /** The patient chosen before (when the learner comes back to the list); the first otherwise. */
  chosenId: string | null;
  onChoose: (patientId: string) => void;
}

/**
 * A file with several patients: one row per patient (name, birth date, sex, the resources that
 * name them) with a radio button each, so arrow keys move the choice and Enter opens it.
 */
function PatientPicker({ fileName, patients, chosenId, onChoose }: PatientPickerProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [selected, setSelected] = useState(chosenId ?? patients[0]?.id ?? '');
  const name = useId();
  useEffect(() => headingRef.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected) onChoose(selected);
  };
  return (
    <section className="fhir-import__picker" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Choose a patient
      </h2>
      <p className="muted">
        {fileName} holds {patients.length} patients. ChartLab opens one patient&apos;s record at a time: choose whose, and the others&apos; resources
        are left out.
      </p>
      <form onSubmit={submit}>
        <fieldset className="fhir-import__patients">
          <legend className="visually-hidden">Patients in {fileName}</legend>
          <div className="table-wrap">
            <table className="data-table fhir-import__table">
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Birth date</th>
                  <th scope="col">Sex</th>
                  <th scope="col">Resources</th>
                </tr>
              </thead>
              <tbody>
                {patients.map((p) => {
                  const inputId = `${name}-${p.id}`;
                  const detailsId = `${inputId}-details`;
                  return (
                    <tr key={p.id} className={p.id === selected ? 'fhir-import__patient--selected' : undefined}>
                      <th scope="row">
                        <input
                          type="radio"
                          id={inputId}
                          name={name}
                          value={p.id}
                          checked={p.id === selected}
                          onChange={() => setSelected(p.id)}
                          aria-describedby={detailsId}
                        />{' '}
                        <label htmlFor={inputId}>{nameOf(p.name, p.id)}</label>
                      </th>
                      <td>{formatDate(p.birthDate)}</td>
                      <td>{genderText(p.gender)}</td>
                      <td id={detailsId}>
                        <span className="visually-hidden">{`Born ${formatDate(p.birthDate)}, ${genderText(p.gender)}, resources:`}</span> {resourcesText(p)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
        <button type="submit" className="button button--primary">
          Import this patient
        </button>
      </form>
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

interface ImportSummaryProps {
  fileName: string;
  result: ImportResult;
  onOpen: () => void;
  /** How many patients the file holds, when several. */
  of?: number;
  /** Back to the patient list of a file with several. */
  onChooseAnother?: () => void;
}

function ImportSummary({ fileName, result, onOpen, of, onChooseAnother }: ImportSummaryProps) {
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
            Imported {nameOf(result.chart.patient.name, result.chart.patient.id ?? '')}
          </h2>
          <p className="muted">
            From {fileName} ({source?.bundleType ?? 'FHIR'}){of ? `, one of ${of} patients` : ''} · chart date {result.chart.meta.refDate}
          </p>
        </div>
        <div className="fhir-import__result-actions">
          {onChooseAnother && (
            <button type="button" className="button" onClick={onChooseAnother}>
              Choose another patient
            </button>
          )}
          <button type="button" className="button button--primary" onClick={onOpen}>
            Open in chart viewer
          </button>
        </div>
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
