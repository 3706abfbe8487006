import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useTrainerDB } from '@/db/db-context';
import { ChartLabStorageError } from '@/db/db-errors';
import { importProgress, ProgressFileError, type ImportOptions, type ImportSummary } from '@/db/export-import';
import { setActiveLearner } from '@/db/learner-repo';
import type { Learner } from '@/db/records';
import { downloadProgressFile } from '@/ui/components/progress-download';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "12 attempts added (3 were already here), 1 exercise in progress, 2 quiz sessions." */
export function importSummaryText(summary: ImportSummary): string {
  const parts = [
    `${count(summary.attemptsAdded, 'attempt')} added${summary.attemptsSkipped ? ` (${count(summary.attemptsSkipped, 'attempt')} already here)` : ''}`,
  ];
  if (summary.draftsAdded) parts.push(count(summary.draftsAdded, 'exercise in progress', 'exercises in progress'));
  if (summary.quizSessionsAdded) parts.push(count(summary.quizSessionsAdded, 'quiz session'));
  if (summary.quizItemsUpdated) parts.push(count(summary.quizItemsUpdated, 'quiz question record'));
  return `${parts.join(', ')}.`;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** The file's learner without checking the file (importProgress checks it). */
function peekLearner(parsed: unknown): { id?: unknown; name?: unknown } | null {
  const learner = (parsed as { learner?: unknown } | null)?.learner;
  return typeof learner === 'object' && learner !== null ? (learner as { id?: unknown; name?: unknown }) : null;
}

interface ImportProgressProps {
  /** The learner on screen; null on a first run (the imported learner then becomes the active one). */
  activeLearner: Learner | null;
  learners: readonly Learner[];
  /** Visible label of the file field. */
  label?: string;
}

/**
 * "Import progress": a file picker. The file's learner is matched by id; a learner who isn't on
 * this computer yet is added, unless the one working now has the same name, who then gets the work
 * (the same person moving between computers). Refused files say why, in plain words
 * (ProgressFileError), and nothing is changed.
 */
export function ImportProgress({ activeLearner, learners, label = 'Import a progress file' }: ImportProgressProps) {
  const db = useTrainerDB();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'done'; summary: ImportSummary } | { kind: 'error'; message: string } | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      const text = await file.text();
      let input: unknown = text;
      try {
        input = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        // importProgress explains what is wrong with the text.
      }
      const fileLearner = peekLearner(input);
      const options: ImportOptions = {};
      if (
        activeLearner &&
        typeof fileLearner?.id === 'string' &&
        typeof fileLearner.name === 'string' &&
        !learners.some((l) => l.id === fileLearner.id) &&
        sameName(activeLearner.name, fileLearner.name)
      ) {
        options.intoLearnerId = activeLearner.id;
      }
      const summary = await importProgress(db, input, options);
      if (!activeLearner) await setActiveLearner(db, summary.learner.id);
      setResult({ kind: 'done', summary });
    } catch (error) {
      const message =
        error instanceof ProgressFileError || error instanceof ChartLabStorageError
          ? error.message
          : `This file can\u2019t be imported: ${error instanceof Error ? error.message : String(error)}`;
      setResult({ kind: 'error', message });
    } finally {
      setBusy(false);
      // The same file can be chosen again after fixing something.
      if (inputRef.current) inputRef.current.value = '';
    }
  };

  const summary = result?.kind === 'done' ? result.summary : null;
  const elsewhere = summary && activeLearner && summary.learner.id !== activeLearner.id;
  return (
    <div className="import-progress">
      <div className="field">
        <label htmlFor={`${id}-file`}>{label}</label>
        <input
          ref={inputRef}
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          aria-describedby={`${id}-hint`}
          onChange={(event) => void onFile(event)}
        />
        <p id={`${id}-hint`} className="field__hint">
          A <span className="mono">chartlab-progress-….json</span> file from &ldquo;Export progress&rdquo;. Work already here is kept; nothing
          is counted twice.
        </p>
      </div>
      <div role="status" className="import-progress__status">
        {busy && 'Checking and importing the file…'}
        {summary && (
          <div className="notice notice--success">
            <p>
              <strong>
                Imported {summary.learner.name}&rsquo;s progress
                {summary.learnerCreated ? ' as a new profile' : ''}.
              </strong>{' '}
              {importSummaryText(summary)}
            </p>
            {elsewhere && (
              <p>
                It is under {summary.learner.name}, not {activeLearner.name}.{' '}
                <button type="button" className="button button--small" onClick={() => void setActiveLearner(db, summary.learner.id)}>
                  Switch to {summary.learner.name}
                </button>
              </p>
            )}
          </div>
        )}
      </div>
      {result?.kind === 'error' && (
        <p role="alert" className="notice notice--error import-progress__error">
          {result.message}
        </p>
      )}
    </div>
  );
}

interface ProgressTransferProps {
  learner: Learner;
  learners: readonly Learner[];
}

/** Export the learner's whole progress as a file, or import one (moving computers, backups). */
export function ProgressTransfer({ learner, learners }: ProgressTransferProps) {
  const db = useTrainerDB();
  const id = useId();
  const [exported, setExported] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const exportAll = async () => {
    setError(null);
    try {
      setExported(await downloadProgressFile(db, learner.id));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <section className="card progress-transfer" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Back up or move your progress</h2>
      <p className="muted">
        Your progress is kept in this browser only. Export it to keep a copy, to give it to your instructor, or to carry on at another
        computer; import it there.
      </p>
      <div className="progress-transfer__grid">
        <div className="progress-transfer__export">
          <button type="button" className="button button--primary" onClick={() => void exportAll()}>
            Export progress
          </button>
          <p role="status" className="muted">
            {exported ? `Saved ${exported}.` : ''}
          </p>
          {error && (
            <p role="alert" className="field__error">
              {error}
            </p>
          )}
        </div>
        <ImportProgress activeLearner={learner} learners={learners} label="Import progress" />
      </div>
    </section>
  );
}
