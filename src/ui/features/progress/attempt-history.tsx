import { useId, useState } from 'react';
import type { AttemptFilters } from '@/db/attempt-repo';
import type { AttemptDomain } from '@/db/records';
import { useAttempts } from '@/db/use-attempts';
import { SKILL_DOMAINS, type TaskKind } from '@/domain/scenario/scenario-schema';
import { formatClock, percent, TASK_KIND_LABELS } from '@/ui/components/exercise-format';
import { domainLabel } from './progress-dashboard';

const TASK_KINDS = Object.keys(TASK_KIND_LABELS) as TaskKind[];
const PAGE = 25;

interface HistoryFilters {
  domain: AttemptDomain | '';
  kind: TaskKind | '';
  result: '' | 'passed' | 'failed';
  /** YYYY-MM-DD from the date inputs. */
  from: string;
  to: string;
}

const NO_FILTERS: HistoryFilters = { domain: '', kind: '', result: '', from: '', to: '' };

/** Local midnight of a YYYY-MM-DD day, or the last millisecond of it. */
function dayBound(day: string, end: boolean): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const start = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return end ? start + 86_400_000 - 1 : start;
}

export function toAttemptFilters(f: HistoryFilters, limit: number): AttemptFilters {
  const from = dayBound(f.from, false);
  const to = dayBound(f.to, true);
  return {
    ...(f.domain ? { domain: f.domain } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.result ? { passed: f.result === 'passed' } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    limit,
  };
}

function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

interface AttemptHistoryProps {
  learnerId: string;
  scenarioTitle: (scenarioId: string) => string;
  attemptHref: (attemptId: string) => string;
}

/** Every submitted attempt of the learner, newest first, filterable; each opens read-only. */
export function AttemptHistory({ learnerId, scenarioTitle, attemptHref }: AttemptHistoryProps) {
  const id = useId();
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [shown, setShown] = useState(PAGE);
  // One more than shown, to know whether there are more.
  const rows = useAttempts(learnerId, toAttemptFilters(filters, shown + 1));
  const set = (patch: Partial<HistoryFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setShown(PAGE);
  };
  const filtered = Object.values(filters).some(Boolean);
  const visible = rows?.slice(0, shown);
  const more = rows !== undefined && rows.length > shown;
  // Nothing to list or filter yet: the dashboard's empty state says where to start.
  if (rows !== undefined && rows.length === 0 && !filtered) return null;

  return (
    <section className="card attempt-history" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Attempt history</h2>
      <form className="history-filters" aria-label="Filter attempts" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-domain`}>Skill domain</label>
          <select id={`${id}-domain`} value={filters.domain} onChange={(e) => set({ domain: e.target.value as HistoryFilters['domain'] })}>
            <option value="">All domains</option>
            {SKILL_DOMAINS.map((d) => (
              <option key={d} value={d}>
                {domainLabel(d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Task</label>
          <select id={`${id}-kind`} value={filters.kind} onChange={(e) => set({ kind: e.target.value as HistoryFilters['kind'] })}>
            <option value="">All tasks</option>
            {TASK_KINDS.map((k) => (
              <option key={k} value={k}>
                {TASK_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-result`}>Result</label>
          <select id={`${id}-result`} value={filters.result} onChange={(e) => set({ result: e.target.value as HistoryFilters['result'] })}>
            <option value="">Passed or not</option>
            <option value="passed">Passed</option>
            <option value="failed">Not passed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <div className="history-filters__actions">
          <button type="button" className="button" disabled={!filtered} onClick={() => set(NO_FILTERS)}>
            Clear filters
          </button>
        </div>
      </form>

      <p role="status" className="attempt-history__count muted">
        {visible === undefined
          ? 'Loading…'
          : visible.length === 0
            ? filtered
              ? 'No attempts match these filters.'
              : 'No attempts yet.'
            : `Showing ${more ? `the latest ${visible.length}` : visible.length} ${visible.length === 1 ? 'attempt' : 'attempts'}${filtered ? ' that match' : ''}.`}
      </p>

      {visible && visible.length > 0 && (
        <div className="table-wrap">
          <table className="data-table attempt-table">
            <caption className="visually-hidden">Your attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Submitted</th>
                <th scope="col">Exercise</th>
                <th scope="col">Task</th>
                <th scope="col">Skill domain</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">Result</th>
                <th scope="col" className="num">
                  Time
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{formatWhen(a.finishedAt)}</td>
                  <th scope="row">
                    <a href={attemptHref(a.id)}>{scenarioTitle(a.scenarioId)}</a> <span className="muted mono attempt-table__seed">seed {a.seed}</span>
                  </th>
                  <td>{TASK_KIND_LABELS[a.kind]}</td>
                  <td>{domainLabel(a.domain)}</td>
                  <td className="num">{percent(a.score)}</td>
                  <td>
                    <span className={`result-tag result-tag--${a.passed ? 'pass' : 'fail'}`}>
                      <span aria-hidden="true">{a.passed ? '✓' : '✗'}</span> {a.passed ? 'Passed' : 'Not passed'}
                    </span>
                  </td>
                  <td className="num">{formatClock(a.elapsedMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" className="button attempt-history__more" onClick={() => setShown((n) => n + PAGE)}>
          Show {PAGE} more
        </button>
      )}
    </section>
  );
}
