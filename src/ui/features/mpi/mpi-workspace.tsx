import { useEffect, useId, useMemo, useState } from 'react';
import type { MpiExercise, MpiRecord } from '@/domain/exercise/exercise-types';
import { MPI_SURVIVOR_RULE } from '@/domain/exercise/mpi';
import type { FeedbackItem, ScoreReport } from '@/domain/scoring/score-types';
import type { MpiAnswers } from '@/domain/scoring/submission-schema';
import { formatDate } from '@/ui/components/chart-format';
import { percent } from '@/ui/components/exercise-format';
import { VerdictBadge } from '@/ui/components/verdict-badge';
import type { WorkspaceProps } from '@/ui/components/workspace-types';
import { defaultSurvivor, indexName, linkClosure, linkRecords, plainName, restoreGroup, setSurvivor, unlinkGroup, type LinkGroup } from './mpi-answers';
import { MpiCompare } from './mpi-compare';
import { mpiFeedback } from './mpi-feedback';
import { filterRecords, MpiIndexTable, sortRecords, type ColumnId, type RecordLink, type SortState } from './mpi-index-table';
import { FocusRegistry } from '@/ui/components/focus-registry';

const MAX_COMPARE = 3;

/**
 * Master patient index clean-up: search and sort the index, select registrations, compare them
 * side by side, link the ones that are one person and pick the survivor. The workspace keeps
 * only screen state (search, sort, selection, the last unlink to undo); the answers live with
 * the session.
 */
export function MpiWorkspace({ exercise, answers, onChange, report }: WorkspaceProps<MpiExercise, MpiAnswers>) {
  const readOnly = report !== undefined;
  const id = useId();
  const byId = useMemo(() => new Map(exercise.records.map((r) => [r.recordId, r])), [exercise.records]);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortState>({ column: 'recordId', direction: 'ascending' });
  const [selected, setSelected] = useState<string[]>([]);
  const [survivorChoice, setSurvivorChoice] = useState<string>();
  const [message, setMessage] = useState('');
  const [undo, setUndo] = useState<{ group: LinkGroup; index: number }>();

  const [focus] = useState(() => new FocusRegistry());
  useEffect(() => focus.flush());
  const focusable = (key: string) => focus.ref(key);

  const recordsOf = (ids: readonly string[]) => ids.map((r) => byId.get(r)).filter((r): r is MpiRecord => r !== undefined);
  const groupLabel = (index: number) => `Person ${index + 1}`;
  const linkOf = (r: MpiRecord): RecordLink | undefined => {
    const index = answers.groups.findIndex((g) => g.recordIds.includes(r.recordId));
    return index === -1 ? undefined : { person: index + 1, survivor: answers.groups[index]?.survivorId === r.recordId };
  };

  const visible = sortRecords(filterRecords(exercise.records, query), sort, linkOf);
  const selectedSet = new Set(selected);
  const closure = linkClosure(answers, selected);
  const closureRecords = recordsOf(closure);
  const suggested = defaultSurvivor(closureRecords);
  const survivor = survivorChoice && closure.includes(survivorChoice) ? survivorChoice : suggested;
  const joining = closure.filter((r) => !selectedSet.has(r));
  const feedback = useMemo(() => mpiFeedback(exercise, answers, report), [exercise, answers, report]);

  const toggle = (recordId: string) => {
    setSelected((s) => (s.includes(recordId) ? s.filter((x) => x !== recordId) : [...s, recordId]));
  };
  const onSort = (column: ColumnId) => {
    setSort((s) => ({ column, direction: s.column === column && s.direction === 'ascending' ? 'descending' : 'ascending' }));
  };

  const link = () => {
    if (readOnly || closure.length < 2 || !survivor) return;
    const next = linkRecords(answers, selected, survivor);
    const index = next.groups.findIndex((g) => g.recordIds.includes(survivor));
    onChange(next);
    setSelected([]);
    setSurvivorChoice(undefined);
    setUndo(undefined);
    setMessage(`Linked ${closure.join(', ')} as ${groupLabel(index)}; ${survivor} survives.`);
    focus.request(`group:${closure.join(',')}`);
  };

  const unlink = (index: number) => {
    if (readOnly) return;
    const { answers: next, removed } = unlinkGroup(answers, index);
    if (!removed) return;
    onChange(next);
    setUndo({ group: removed, index });
    setMessage(`Unlinked ${removed.recordIds.join(', ')}: they are separate records again.`);
    focus.request('undo');
  };

  const undoUnlink = () => {
    if (!undo || readOnly) return;
    const next = restoreGroup(answers, undo.group, undo.index);
    onChange(next);
    setUndo(undefined);
    setMessage(`Linked ${undo.group.recordIds.join(', ')} again; ${undo.group.survivorId} survives.`);
    const group = next.groups.find((g) => g.recordIds.includes(undo.group.survivorId));
    focus.request(group ? `group:${group.recordIds.join(',')}` : null);
  };

  const changeSurvivor = (index: number, recordId: string) => {
    if (readOnly) return;
    onChange(setSurvivor(answers, index, recordId));
    setUndo(undefined);
    setMessage(`${recordId} is now the survivor of ${groupLabel(index)}.`);
  };

  const comparing = recordsOf(selected.slice(0, MAX_COMPARE));

  return (
    <div className={`mpi${readOnly ? ' mpi--report' : ''}`}>
      <div className="mpi__grid">
        <p className="mpi__rule">
          <strong>Survivor rule.</strong> {MPI_SURVIVOR_RULE}
        </p>

        {report && <MpiMetrics report={report} />}

        <section className="mpi__index card" aria-labelledby={`${id}-index`}>
          <div className="mpi__index-head">
            <h2 id={`${id}-index`}>
              Master patient index <span className="count">{exercise.records.length}</span>
            </h2>
            <div className="field mpi__search">
              <label htmlFor={`${id}-search`}>Search the index</label>
              <input
                id={`${id}-search`}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                aria-describedby={`${id}-search-hint ${id}-shown`}
                autoComplete="off"
              />
              <span id={`${id}-search-hint`} className="field__hint">
                Name, MRN, DOB, phone, SSN-4 or address
              </span>
            </div>
            <p id={`${id}-shown`} className="mpi__shown" role="status">
              {visible.length === exercise.records.length ? `${visible.length} records` : `${visible.length} of ${exercise.records.length} records shown`}
            </p>
          </div>
          <MpiIndexTable
            records={visible}
            sort={sort}
            onSort={onSort}
            selected={selectedSet}
            onToggle={toggle}
            linkOf={linkOf}
            captionId={`${id}-index`}
          />
        </section>

        <section className="mpi__selection card" aria-labelledby={`${id}-selection`}>
          <div className="mpi__selection-head">
            <h2 id={`${id}-selection`}>
              Selected records <span className="count">{selected.length}</span>
            </h2>
            {selected.length > 0 && (
              <button type="button" className="button button--small button--quiet" onClick={() => setSelected([])}>
                Clear selection
              </button>
            )}
          </div>
          {selected.length === 0 ? (
            <p className="muted">Select two or three records in the index to compare them side by side{readOnly ? '' : ' and link them as one person'}.</p>
          ) : (
            <>
              {selected.length === 1 && <p className="muted">Select at least one more record to compare.</p>}
              {comparing.length >= 2 && <MpiCompare records={comparing} />}
              {selected.length > MAX_COMPARE && (
                <p className="muted">
                  Comparing the first {MAX_COMPARE} of {selected.length} selected records.
                </p>
              )}
              {!readOnly && closure.length >= 2 && (
                <fieldset className="survivor-picker">
                  <legend>Survivor of the merge</legend>
                  {joining.length > 0 && (
                    <p className="survivor-picker__note">
                      Already linked with the selection, so joined too: {joining.join(', ')}.
                    </p>
                  )}
                  {closureRecords.map((r) => (
                    <label key={r.recordId} className="survivor-option">
                      <input
                        type="radio"
                        name={`${id}-survivor`}
                        value={r.recordId}
                        checked={survivor === r.recordId}
                        onChange={() => setSurvivorChoice(r.recordId)}
                      />
                      <span>
                        <span className="mono">{r.recordId}</span> {indexName(r)}, created {formatDate(r.created)}
                        {r.recordId === suggested && <strong className="suggested"> (earliest created: suggested)</strong>}
                      </span>
                    </label>
                  ))}
                </fieldset>
              )}
              {!readOnly && (
                <div className="mpi__link-actions">
                  <button type="button" className="button button--primary" onClick={link} disabled={closure.length < 2}>
                    Link as same person
                  </button>
                </div>
              )}
            </>
          )}
        </section>

        <section className="mpi__groups card" aria-labelledby={`${id}-groups`}>
          <h2 id={`${id}-groups`}>
            Linked as same person <span className="count">{answers.groups.length}</span>
          </h2>
          <div className="mpi__status">
            <p role="status" className={message ? 'organizing-message' : 'visually-hidden'}>
              {message}
            </p>
            {undo && !readOnly && (
              <button
                type="button"
                ref={focusable('undo')}
                className="button button--small"
                onClick={undoUnlink}
                aria-label={`Undo: link ${undo.group.recordIds.join(', ')} again`}
              >
                Undo
              </button>
            )}
          </div>
          {answers.groups.length === 0 ? (
            <p className="muted">{readOnly ? 'You linked no records.' : 'No records linked yet.'}</p>
          ) : (
            <ol className="link-groups">
              {answers.groups.map((g, index) => (
                <LinkGroupCard
                  key={g.recordIds.join(',')}
                  group={g}
                  label={groupLabel(index)}
                  records={recordsOf(g.recordIds)}
                  readOnly={readOnly}
                  items={feedback.byGroup[index] ?? []}
                  headingRef={focusable(`group:${g.recordIds.join(',')}`)}
                  onUnlink={() => unlink(index)}
                  onSurvivor={(recordId) => changeSurvivor(index, recordId)}
                />
              ))}
            </ol>
          )}
        </section>

        {report && (
          <section className="mpi__missed card" aria-labelledby={`${id}-missed`}>
            <h2 id={`${id}-missed`}>
              Missed duplicates <span className="count">{feedback.missed.length}</span>
            </h2>
            {feedback.missed.length === 0 ? (
              <p className="muted">None: you linked every duplicate.</p>
            ) : (
              <FeedbackList items={feedback.missed} />
            )}
            {feedback.other.length > 0 && <FeedbackList items={feedback.other} />}
          </section>
        )}
      </div>
    </div>
  );
}

interface LinkGroupCardProps {
  group: LinkGroup;
  label: string;
  records: MpiRecord[];
  readOnly: boolean;
  items: FeedbackItem[];
  headingRef: (el: HTMLElement | null) => void;
  onUnlink: () => void;
  onSurvivor: (recordId: string) => void;
}

function LinkGroupCard({ group, label, records, readOnly, items, headingRef, onUnlink, onSurvivor }: LinkGroupCardProps) {
  const id = useId();
  const survivor = records.find((r) => r.recordId === group.survivorId);
  const suggested = defaultSurvivor(records);
  const wrongLinks = items.filter((i) => i.verdict === 'extra');
  const verdict = items.length === 0 ? undefined : wrongLinks.length > 0 ? 'wrong' : items.every((i) => i.verdict === 'correct') ? 'correct' : 'partial';
  return (
    <li className="link-group">
      <div className="link-group__head">
        <h3 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
          {label}: {survivor ? plainName(survivor) : group.survivorId}
        </h3>
        {verdict && <VerdictBadge verdict={verdict} />}
      </div>
      <ul className="link-group__records" aria-label={`Records of ${label}`}>
        {records.map((r) => (
          <li key={r.recordId}>
            <span className="mono">{r.recordId}</span> {indexName(r)} · DOB {formatDate(r.birthDate)} · created {formatDate(r.created)}
            {r.recordId === group.survivorId && <strong className="survivor-tag">Survivor</strong>}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div className="link-group__actions">
          <div className="field field--inline">
            <label htmlFor={`${id}-survivor`}>Survivor</label>
            <select id={`${id}-survivor`} value={group.survivorId} onChange={(e) => onSurvivor(e.target.value)}>
              {records.map((r) => (
                <option key={r.recordId} value={r.recordId}>
                  {r.recordId}, created {formatDate(r.created)}
                  {r.recordId === suggested ? ' (earliest)' : ''}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button button--small" onClick={onUnlink} aria-label={`Unlink ${label}`}>
            Unlink
          </button>
        </div>
      )}
      {items.length > 0 && <FeedbackList items={items} />}
    </li>
  );
}

function FeedbackList({ items }: { items: FeedbackItem[] }) {
  return (
    <ul className="feedback-list">
      {items.map((item) => (
        <li key={item.id}>
          <VerdictBadge verdict={item.verdict} size="small" /> <span className="feedback-list__label">{item.label}</span>
          {item.note && <p className="feedback-list__note">{item.note}</p>}
        </li>
      ))}
    </ul>
  );
}

function MpiMetrics({ report }: { report: ScoreReport }) {
  const m = report.metrics;
  if (!m) return null;
  return (
    <div className="mpi__metrics organizing-stats">
      <h2 className="visually-hidden">Linking results</h2>
      <dl>
        <div>
          <dt>Precision</dt>
          <dd>{percent(m.precision)}</dd>
        </div>
        <div>
          <dt>Recall</dt>
          <dd>{percent(m.recall)}</dd>
        </div>
        <div>
          <dt>Right links</dt>
          <dd>{m.truePositives}</dd>
        </div>
        <div>
          <dt>Wrong links</dt>
          <dd>{m.falsePositives}</dd>
        </div>
        <div>
          <dt>Missed links</dt>
          <dd>{m.falseNegatives}</dd>
        </div>
      </dl>
      <p className="muted">Precision: of the pairs you linked, how many are one person. Recall: of the duplicate pairs, how many you linked.</p>
    </div>
  );
}
