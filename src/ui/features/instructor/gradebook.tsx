import { useId, useRef, useState, type ComponentType, type DragEvent } from 'react';
import type { ExerciseInputs } from '@/domain/exercise/build-exercise';
import type { AssignmentFile } from '@/domain/instructor/assignment';
import { gradebookCsv } from '@/domain/instructor/csv';
import { gradeResults, type AssignmentGradebook, type FileStatus, type Gradebook as GradebookData, type GradeInputFile, type GradedItem, type GradebookRow } from '@/domain/instructor/grade';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import type { ScoreReport } from '@/domain/scoring/score-types';
import { DEFAULT_HASHING } from '@/lms/hashing';
import { useExerciseInputsLoader, type ExerciseInputsLoader } from '@/ui/components/exercise-inputs';
import { ClassAnalyticsPanel } from './class-analytics';
import { downloadFile, formatMinutes, formatPercent, readFiles } from './download';

/** What the app plugs in to show a learner's report (the same score report the learner saw). */
export interface DrillDownReportProps {
  report: ScoreReport;
  scenario: Scenario;
  seed: number;
}

interface GradebookProps {
  lookupScenario: (id: string) => Scenario | undefined;
  knownAssignments: readonly AssignmentFile[];
  Report: ComponentType<DrillDownReportProps>;
}

const STATUS_TEXT: Record<FileStatus, string> = {
  counted: 'Counted',
  superseded: 'Older export',
  duplicate: 'Duplicate',
  tampered: 'Tampered',
  'score-mismatch': 'Score changed',
  'assignment-mismatch': 'Other assignment version',
  unscorable: 'Cannot score',
  unreadable: 'Unreadable',
};

/**
 * The imported charts the files' scenarios stand on (`patients.bundle`), loaded before grading,
 * since gradeResults rebuilds each exercise on the spot: one load per bundle. An item whose
 * bundle cannot be loaded is reported as not scorable, with the reason.
 */
async function loadImportedCharts(
  files: readonly GradeInputFile[],
  lookupScenario: (id: string) => Scenario | undefined,
  loadInputs: ExerciseInputsLoader,
): Promise<(scenario: Scenario) => ExerciseInputs> {
  const needed = new Map<string, Scenario>();
  for (const file of files) {
    try {
      const parsed = (typeof file.content === 'string' ? JSON.parse(file.content) : file.content) as { assignment?: Pick<AssignmentFile, 'items'> };
      for (const item of parsed.assignment?.items ?? []) {
        const scenario = typeof item.scenario === 'string' ? lookupScenario(item.scenario) : item.scenario;
        const bundle = scenario?.patients?.bundle;
        if (scenario && bundle) needed.set(bundle, scenario);
      }
    } catch {
      // Not a result file: gradeResults reports it as unreadable.
    }
  }
  const loaded = new Map<string, ExerciseInputs | Error>();
  for (const [bundle, scenario] of needed) {
    try {
      loaded.set(bundle, await loadInputs(scenario, { signal: new AbortController().signal, onProgress: () => undefined }));
    } catch (error) {
      loaded.set(bundle, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return (scenario) => {
    const inputs = scenario.patients.bundle ? loaded.get(scenario.patients.bundle) : undefined;
    if (inputs instanceof Error) throw inputs;
    return inputs ?? {};
  };
}

interface Selection {
  assignmentId: string;
  learnerKey: string;
  index: number;
}

/**
 * The gradebook: drop many result files at once; each is checked and re-scored with the current
 * key, and the table shows learners × items. Every file is listed with what happened to it;
 * tampered files, duplicates and older exports are never counted in silence.
 */
export function Gradebook({ lookupScenario, knownAssignments, Report }: GradebookProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<GradeInputFile[]>([]);
  const [book, setBook] = useState<GradebookData | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [selected, setSelected] = useState<Selection | null>(null);
  const loadInputs = useExerciseInputsLoader();

  const add = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setBusy(true);
    try {
      const next = [...files, ...(await readFiles(list))];
      setFiles(next);
      const inputsFor = await loadImportedCharts(next, lookupScenario, loadInputs);
      setBook(await gradeResults(next, { hashing: DEFAULT_HASHING, lookupScenario, knownAssignments, inputsFor }));
    } finally {
      setBusy(false);
      if (inputRef.current) inputRef.current.value = '';
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void add(event.dataTransfer.files);
  };

  const flagged = book?.files.filter((f) => f.status !== 'counted') ?? [];
  return (
    <div className="instructor-gradebook">
      <section className="card instructor-panel" aria-labelledby={`${id}-drop`}>
        <h2 id={`${id}-drop`}>Collect results</h2>
        <div
          className={`dropzone ${dragging ? 'dropzone--active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>Drop the learners’ result files here, or</p>
          <label className="button button--primary" htmlFor={`${id}-files`}>
            Choose result files
          </label>
          <input
            ref={inputRef}
            id={`${id}-files`}
            className="visually-hidden"
            type="file"
            multiple
            accept=".json,application/json"
            onChange={(e) => void add(e.target.files)}
          />
          <p className="muted small">Each file is checked (integrity hash) and re-scored with the current answer key. Nothing leaves this computer.</p>
        </div>
        {busy && (
          <p role="status">
            <span className="spinner" aria-hidden="true" /> Checking and re-scoring…
          </p>
        )}
        {files.length > 0 && !busy && (
          <p role="status">
            {files.length} file{files.length === 1 ? '' : 's'} read; {(book?.files.length ?? 0) - flagged.length} counted, {flagged.length} not counted.{' '}
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => {
                setFiles([]);
                setBook(null);
                setSelected(null);
              }}
            >
              Start over
            </button>
          </p>
        )}
      </section>

      {book && flagged.length > 0 && (
        <section className="card instructor-panel" aria-labelledby={`${id}-flagged`}>
          <h2 id={`${id}-flagged`}>Files not counted ({flagged.length})</h2>
          <ul className="flagged-files">
            {flagged.map((f, i) => (
              <li key={`${f.fileName}-${i}`} className={`flagged-file flagged-file--${f.status}`}>
                <span className={`pill ${f.status === 'superseded' || f.status === 'duplicate' ? 'pill--warning' : 'pill--danger'}`}>{STATUS_TEXT[f.status]}</span>{' '}
                <span className="mono">{f.fileName}</span>: {f.message}
              </li>
            ))}
          </ul>
        </section>
      )}

      {book?.assignments.map((assignment) => (
        <AssignmentTable
          key={assignment.assignment.id}
          book={assignment}
          selected={selected?.assignmentId === assignment.assignment.id ? selected : null}
          onSelect={(learnerKey, index) => setSelected({ assignmentId: assignment.assignment.id, learnerKey, index })}
          Report={Report}
        />
      ))}
    </div>
  );
}

function AssignmentTable({
  book,
  selected,
  onSelect,
  Report,
}: {
  book: AssignmentGradebook;
  selected: Selection | null;
  onSelect: (learnerKey: string, index: number) => void;
  Report: ComponentType<DrillDownReportProps>;
}) {
  const id = useId();
  const { assignment, columns, rows } = book;
  const row = selected ? rows.find((r) => r.learnerKey === selected.learnerKey) : undefined;
  const item = row && selected ? row.items[selected.index] : undefined;
  const column = selected ? columns[selected.index] : undefined;
  return (
    <section className="card instructor-panel" aria-labelledby={`${id}-h`}>
      <div className="instructor-panel__head">
        <h2 id={`${id}-h`}>
          Gradebook: {assignment.title}
          {assignment.course ? <span className="muted"> · {assignment.course}</span> : null}
        </h2>
        <button
          type="button"
          className="button"
          disabled={rows.length === 0}
          onClick={() => downloadFile(`gradebook-${assignment.id}.csv`, gradebookCsv(book, { bom: true }), 'text/csv;charset=utf-8')}
        >
          Download CSV
        </button>
      </div>
      <p className="muted">
        Due {assignment.dueDate} · pass mark {formatPercent(assignment.passMark)} · scores re-scored with the current key. Choose a score to see that learner’s answers and feedback.
      </p>
      {rows.length === 0 ? (
        <p>No result counted for this assignment yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table gradebook-table">
            <caption className="visually-hidden">Scores for {assignment.title}</caption>
            <thead>
              <tr>
                <th scope="col">Learner</th>
                {columns.map((c) => (
                  <th scope="col" key={c.index}>
                    {c.index + 1}. {c.title}
                    <div className="muted small">seed {c.seed}</div>
                  </th>
                ))}
                <th scope="col">Total</th>
                <th scope="col">Result</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <GradebookRowView key={r.learnerKey} row={r} selected={selected} onSelect={onSelect} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {row && item && column?.scenario && (
        <section className="gradebook-drilldown" aria-labelledby={`${id}-d`}>
          <h3 id={`${id}-d`} tabIndex={-1}>
            {row.learner.name}: {column.index + 1}. {column.title} — {formatPercent(item.score)}
          </h3>
          <p className="muted">
            Attempt {item.attemptNumber} of {item.attemptsUsed} · finished {new Date(item.finishedAt).toLocaleString()} · {formatMinutes(item.elapsedMs)} · re-scored with the current key (the file said{' '}
            {formatPercent(item.storedScore)})
          </p>
          <Report report={item.report} scenario={column.scenario} seed={column.seed} />
        </section>
      )}
      <ClassAnalyticsPanel book={book} />
    </section>
  );
}

function GradebookRowView({ row, selected, onSelect }: { row: GradebookRow; selected: Selection | null; onSelect: (learnerKey: string, index: number) => void }) {
  const cell = (item: GradedItem | null, index: number) => {
    if (!item) return <span className="muted">not handed in</span>;
    const isSelected = selected?.learnerKey === row.learnerKey && selected.index === index;
    return (
      <button
        type="button"
        className={`button button--small gradebook-score ${item.passed ? 'gradebook-score--pass' : 'gradebook-score--fail'}`}
        aria-pressed={isSelected}
        aria-label={`${row.learner.name}, item ${index + 1}: ${formatPercent(item.score)}, ${item.passed ? 'passed' : 'not passed'}. Show answers and feedback`}
        onClick={() => onSelect(row.learnerKey, index)}
      >
        {formatPercent(item.score)}
      </button>
    );
  };
  return (
    <tr>
      <th scope="row">
        {row.learner.name}
        {row.learner.studentId && <div className="muted small">{row.learner.studentId}</div>}
      </th>
      {row.items.map((item, i) => (
        <td key={i}>{cell(item, i)}</td>
      ))}
      <td>
        <strong>{formatPercent(row.total)}</strong>
      </td>
      <td>
        <span className={`pill ${row.passed ? 'pill--ok' : 'pill--danger'}`}>{row.passed ? '✓ Passed' : '✗ Not passed'}</span>
      </td>
      <td>{formatMinutes(row.elapsedMs)}</td>
    </tr>
  );
}
