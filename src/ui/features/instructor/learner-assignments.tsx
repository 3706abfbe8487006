import { useId, useState, type FormEvent } from 'react';
import { GENERATOR_VERSION } from '@/domain/chart/chart-types';
import { APP_VERSION } from '@/db/app-version';
import { listAssignmentAttempts, saveAssignment, type StoredAssignment } from '@/db/assignment-repo';
import { useTrainerDB } from '@/db/db-context';
import type { Learner } from '@/db/records';
import { useDrafts } from '@/db/use-draft';
import { useAssignmentProgress } from '@/db/use-instructor';
import { itemScenarioId, readAssignment, type AssignmentFile } from '@/domain/instructor/assignment';
import { InstructorFileError } from '@/domain/instructor/format-errors';
import { createResult, resultFileName, resultItemsFromAttempts, serializeResult } from '@/domain/instructor/result';
import { DEFAULT_HASHING } from '@/lms/hashing';
import { downloadFile, formatPercent } from './download';
import { TextField } from './form-fields';

/** Opens an assignment file a learner was given and keeps it on this computer. */
export function AssignmentOpener({ onOpened }: { onOpened: (assignment: AssignmentFile) => void }) {
  const db = useTrainerDB();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const open = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setError(null);
    try {
      const assignment = await readAssignment(await file.text(), DEFAULT_HASHING);
      await saveAssignment(db, assignment);
      onOpened(assignment);
    } catch (e) {
      setError(e instanceof InstructorFileError ? e.message : `The file could not be opened: ${(e as Error).message}`);
    }
  };
  return (
    <div className="assignment-opener">
      <label className="button" htmlFor={`${id}-file`}>
        Open an assignment file
      </label>
      <input id={`${id}-file`} className="visually-hidden" type="file" accept=".json,application/json" onChange={(e) => void open(e.target.files)} />
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </div>
  );
}

function dueText(dueDate: string, today: string): string {
  if (dueDate < today) return `was due ${dueDate}`;
  if (dueDate === today) return 'due today';
  return `due ${dueDate}`;
}

/** One row of the learner's assignment list. */
export function LearnerAssignmentRow({ stored, learnerId, href, today }: { stored: StoredAssignment; learnerId: string | null; href: string; today: string }) {
  const { assignment } = stored;
  const progress = useAssignmentProgress(learnerId, assignment);
  const allowed = assignment.attemptsAllowed * assignment.items.length;
  return (
    <tr>
      <th scope="row">
        <a href={href}>{assignment.title}</a>
        {assignment.course && <div className="muted small">{assignment.course}</div>}
      </th>
      <td>{dueText(assignment.dueDate, today)}</td>
      <td>{assignment.items.length}</td>
      <td>{progress ? `${progress.attemptsUsed} of ${allowed}` : '—'}</td>
      <td>{progress?.bestTotal != null ? formatPercent(progress.bestTotal) : '—'}</td>
    </tr>
  );
}

interface DetailProps {
  assignment: AssignmentFile;
  learner: Learner | null;
  titleOf: (scenarioId: string) => string | undefined;
  itemHref: (index: number) => string;
  today: string;
}

/** An assignment for the learner: its items with attempts and best scores, and the result export. */
export function LearnerAssignmentDetail({ assignment, learner, titleOf, itemHref, today }: DetailProps) {
  const db = useTrainerDB();
  const id = useId();
  const progress = useAssignmentProgress(learner?.id ?? null, assignment);
  const drafts = useDrafts(learner?.id ?? null);
  const [name, setName] = useState(learner?.name ?? '');
  const [studentId, setStudentId] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const exportResult = async (event: FormEvent) => {
    event.preventDefault();
    if (!learner) return;
    if (!name.trim()) return setMessage({ kind: 'error', text: 'Enter your name as your instructor knows it.' });
    try {
      const attempts = await listAssignmentAttempts(db, learner.id, assignment.id);
      const result = await createResult(
        {
          format: 'chartlab.result',
          version: 1,
          learner: { id: learner.id, name: name.trim(), ...(studentId.trim() ? { studentId: studentId.trim() } : {}) },
          assignment,
          items: resultItemsFromAttempts(assignment, attempts),
          exportedAt: new Date().toISOString(),
          appVersion: APP_VERSION,
          generatorVersion: GENERATOR_VERSION,
        },
        DEFAULT_HASHING,
      );
      const fileName = resultFileName(result);
      downloadFile(fileName, serializeResult(result));
      setMessage({ kind: 'ok', text: `Saved ${fileName}. Hand this file in to your instructor (for example, upload it to the course).` });
    } catch (error) {
      setMessage({ kind: 'error', text: `The result could not be exported: ${(error as Error).message}` });
    }
  };

  return (
    <div className="instructor-stack">
      <section className="card instructor-panel" aria-labelledby={`${id}-h`}>
        <h1 id={`${id}-h`} tabIndex={-1}>
          {assignment.title}
        </h1>
        <p className="muted">
          {assignment.course ? `${assignment.course} · ` : ''}
          {dueText(assignment.dueDate, today)} · {assignment.attemptsAllowed} attempt{assignment.attemptsAllowed === 1 ? '' : 's'} per scenario · pass mark {formatPercent(assignment.passMark)}
        </p>
        {!learner && <p className="notice notice--warning">Choose your profile above to start: your attempts are kept under your name.</p>}
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Scenarios in this assignment</caption>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col">Attempts</th>
                <th scope="col">Best score</th>
                <th scope="col">
                  <span className="visually-hidden">Start</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assignment.items.map((item, index) => {
                const p = progress?.items[index];
                const used = p?.attemptsUsed ?? 0;
                const left = assignment.attemptsAllowed - used;
                const scenarioId = itemScenarioId(item);
                const title = titleOf(scenarioId) ?? (typeof item.scenario === 'string' ? item.scenario : item.scenario.title);
                // Saved work on this item (autosaved; a draft is not an attempt until submitted).
                const inProgress = drafts?.some((d) => d.assignmentId === assignment.id && d.scenarioId === scenarioId && d.seed === item.seed) ?? false;
                const action = inProgress ? 'Resume' : used === 0 ? 'Start' : 'Try again';
                return (
                  <tr key={index}>
                    <th scope="row">
                      {index + 1}. {title}
                      <div className="muted small">seed {item.seed}</div>
                    </th>
                    <td>
                      {used} of {assignment.attemptsAllowed}
                    </td>
                    <td>{p?.bestScore != null ? `${formatPercent(p.bestScore)}${p.passed ? ' ✓' : ''}` : '—'}</td>
                    <td>
                      {!learner ? null : left > 0 ? (
                        <a className="button button--small button--primary" href={itemHref(index)} aria-label={`${action}: ${title}`}>
                          {action}
                        </a>
                      ) : (
                        <span className="muted">No attempts left</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {progress?.bestTotal != null && (
          <p>
            Best total so far: <strong>{formatPercent(progress.bestTotal)}</strong> {progress.bestTotal >= assignment.passMark ? '(pass)' : ''}
          </p>
        )}
      </section>
      {learner && (
        <form className="card instructor-panel" aria-labelledby={`${id}-x`} onSubmit={exportResult}>
          <h2 id={`${id}-x`}>Hand in your result</h2>
          <p className="muted">The result file holds your best attempt at each scenario, with your answers. Your instructor’s gradebook checks it and re-scores it.</p>
          <div className="form-grid">
            <TextField label="Your name" value={name} onChange={setName} />
            <TextField label="Student ID (optional)" value={studentId} onChange={setStudentId} hint="As your school or LMS knows you" />
          </div>
          {message && (
            <p role={message.kind === 'error' ? 'alert' : 'status'} className={`notice ${message.kind === 'error' ? 'notice--error' : 'notice--ok'}`}>
              {message.text}
            </p>
          )}
          <div>
            <button type="submit" className="button button--primary" disabled={!progress || progress.attemptsUsed === 0}>
              Export result file
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
