import { useId, useState, type FormEvent } from 'react';
import { newId } from '@/db/ids';
import { createAssignment, fileNameSlug, type AssignmentFile } from '@/domain/instructor/assignment';
import { InstructorFileError } from '@/domain/instructor/format-errors';
import type { Scenario } from '@/domain/scenario/scenario-schema';
import { TASK_KIND_LABELS } from '@/ui/components/exercise-format';
import { DEFAULT_HASHING } from '@/lms/hashing';
import { TextField } from './form-fields';

interface AssignmentBuilderProps {
  shipped: readonly Scenario[];
  authored: readonly Scenario[];
  onCreated: (assignment: AssignmentFile) => Promise<void> | void;
  /** Today as YYYY-MM-DD (the due date defaults to a week later). */
  today: string;
}

interface ItemDraft {
  key: number;
  scenarioId: string;
  seed: string;
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Bundles scenarios with fixed seeds into an assignment: every learner then gets the same charts.
 * Authored scenarios travel inside the assignment; shipped ones by id.
 */
export function AssignmentBuilder({ shipped, authored, onCreated, today }: AssignmentBuilderProps) {
  const headingId = useId();
  const [title, setTitle] = useState('');
  const [course, setCourse] = useState('');
  const [dueDate, setDueDate] = useState(addDays(today, 7));
  const [attempts, setAttempts] = useState('1');
  const [passPercent, setPassPercent] = useState('70');
  const first = authored[0] ?? shipped[0];
  const [items, setItems] = useState<ItemDraft[]>(first ? [{ key: 0, scenarioId: first.id, seed: String(first.patients.seed) }] : []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const all = [...authored, ...shipped];
  const find = (id: string) => authored.find((s) => s.id === id) ?? shipped.find((s) => s.id === id);

  const setItem = (key: number, patch: Partial<ItemDraft>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const attemptsAllowed = Number(attempts);
    const passMark = Number(passPercent) / 100;
    if (!title.trim()) return setError('Give the assignment a title.');
    if (!/^\d+$/.test(attempts) || attemptsAllowed < 1 || attemptsAllowed > 20) return setError('Attempts allowed: a whole number from 1 to 20.');
    if (!/^\d+(\.\d+)?$/.test(passPercent) || passMark > 1) return setError('Pass mark: a percentage from 0 to 100.');
    const resolved = items.map((i) => ({ scenario: find(i.scenarioId), seed: i.seed }));
    if (resolved.length === 0) return setError('Add at least one scenario.');
    if (resolved.some((r) => !r.scenario || !/^\d{1,10}$/.test(r.seed) || Number(r.seed) > 4294967295)) return setError('Every item needs a scenario and a whole-number seed.');
    setBusy(true);
    try {
      const assignment = await createAssignment(
        {
          id: `${fileNameSlug(title).slice(0, 40) || 'assignment'}-${newId().slice(0, 6)}`,
          title,
          course,
          dueDate,
          attemptsAllowed,
          passMark: Number(passMark.toFixed(6)),
          items: resolved.map((r) => ({ scenario: r.scenario as Scenario, seed: Number(r.seed), shipped: !authored.some((a) => a.id === r.scenario?.id) })),
          createdAt: new Date().toISOString(),
        },
        DEFAULT_HASHING,
      );
      await onCreated(assignment);
      setTitle('');
    } catch (e) {
      setError(e instanceof InstructorFileError ? e.message : `The assignment could not be made: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card instructor-panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>New assignment</h2>
      <div className="form-grid">
        <TextField label="Title" value={title} onChange={setTitle} className="form-grid__wide" required />
        <TextField label="Course (optional)" value={course} onChange={setCourse} />
        <TextField label="Due date" type="date" value={dueDate} onChange={setDueDate} />
        <TextField label="Attempts allowed" type="number" value={attempts} onChange={setAttempts} hint="Per scenario; the best counts" />
        <TextField label="Pass mark (%)" type="number" inputMode="decimal" value={passPercent} onChange={setPassPercent} hint="Applies to each scenario and the total" />
      </div>
      <fieldset className="fieldset">
        <legend>Scenarios, each with a fixed seed</legend>
        <ol className="list-editor">
          {items.map((item, n) => {
            const scenario = find(item.scenarioId);
            return (
              <li key={item.key} className="list-editor__row assignment-item-row">
                <div className="field">
                  <label htmlFor={`${headingId}-s-${item.key}`}>Scenario {n + 1}</label>
                  <select
                    id={`${headingId}-s-${item.key}`}
                    value={item.scenarioId}
                    onChange={(e) => setItem(item.key, { scenarioId: e.target.value, seed: String(find(e.target.value)?.patients.seed ?? 1) })}
                  >
                    {authored.length > 0 && (
                      <optgroup label="Your scenarios">
                        {authored.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.title}
                          </option>
                        ))}
                      </optgroup>
                    )}
                    <optgroup label="Shipped with ChartLab">
                      {shipped.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.title}
                        </option>
                      ))}
                    </optgroup>
                  </select>
                  {scenario && (
                    <span className="field__hint">
                      {TASK_KIND_LABELS[scenario.task.kind]}
                      {scenario.patients.bundle ? ' · imported chart: every seed gives the same record' : ''}
                    </span>
                  )}
                </div>
                <TextField label={`Seed ${n + 1}`} type="number" value={item.seed} onChange={(seed) => setItem(item.key, { seed })} className="field--seed" />
                <button type="button" className="button button--small" onClick={() => setItems((list) => list.filter((i) => i.key !== item.key))} aria-label={`Remove scenario ${n + 1}`}>
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="button button--small"
          disabled={all.length === 0}
          onClick={() => {
            const s = all[0] as Scenario;
            setItems((list) => [...list, { key: Math.max(0, ...list.map((i) => i.key)) + 1, scenarioId: s.id, seed: String(s.patients.seed) }]);
          }}
        >
          Add a scenario
        </button>
      </fieldset>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          Create assignment
        </button>
      </div>
    </form>
  );
}
