import { useId, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { RecordingSection } from '@/domain/scenario/scenario-schema';
import type { FeedbackItem } from '@/domain/scoring/score-types';
import { sectionLabel } from '@/ui/components/exercise-format';
import { VerdictBadge } from '@/ui/components/verdict-badge';
import type { SuggestionListId } from './code-suggestions';
import { capitalized, emptyRow, ROW_NOUN, SECTION_FIELDS, type RecordingRow } from './recording-fields';
import type { SectionFeedback } from './recording-feedback';

interface RecordSectionProps {
  section: RecordingSection;
  rows: RecordingRow[];
  onRowsChange: (rows: RecordingRow[]) => void;
  /** What to record in this section, in plain words (exercise.scope). */
  scope: string | undefined;
  listIds: Record<SuggestionListId, string>;
  /** Set after submission: the rows are read-only and each field shows its verdict. */
  feedback?: SectionFeedback;
  onShowEvidence: (label: string, items: FeedbackItem[]) => void;
}

type FocusRequest = { row: number; field: string } | 'undo' | null;

function isBlank(row: RecordingRow): boolean {
  return Object.values(row).every((v) => v.trim() === '');
}

/**
 * One section of the abstraction form: a row per item with a field per column. Keyboard-first:
 * Enter moves to the next field, and Enter in a row's last field goes to the next row, adding one
 * at the end. Remove takes a row out with an Undo that puts it back where it was.
 */
export function RecordSection({ section, rows, onRowsChange, scope, listIds, feedback, onShowEvidence }: RecordSectionProps) {
  const id = useId();
  const fields = SECTION_FIELDS[section];
  const noun = ROW_NOUN[section];
  const plural = sectionLabel(section).toLowerCase();
  const readOnly = feedback !== undefined;
  const containerRef = useRef<HTMLDivElement>(null);
  const focusRequest = useRef<FocusRequest>(null);
  const [removed, setRemoved] = useState<{ index: number; row: RecordingRow } | null>(null);

  useLayoutEffect(() => {
    const request = focusRequest.current;
    if (!request) return;
    focusRequest.current = null;
    const selector = request === 'undo' ? '[data-undo]' : `[data-row="${request.row}"][data-field="${request.field}"]`;
    containerRef.current?.querySelector<HTMLElement>(selector)?.focus();
  });

  const firstField = fields[0]?.name ?? '';

  const addRow = () => {
    focusRequest.current = { row: rows.length, field: firstField };
    setRemoved(null);
    onRowsChange([...rows, emptyRow(section)]);
  };

  const removeRow = (index: number) => {
    const row = rows[index];
    if (!row) return;
    focusRequest.current = 'undo';
    setRemoved({ index, row });
    onRowsChange(rows.filter((_, i) => i !== index));
  };

  const undo = () => {
    if (!removed) return;
    const index = Math.min(removed.index, rows.length);
    focusRequest.current = { row: index, field: firstField };
    onRowsChange([...rows.slice(0, index), removed.row, ...rows.slice(index)]);
    setRemoved(null);
  };

  const setField = (index: number, name: string, value: string) => {
    onRowsChange(rows.map((row, i) => (i === index ? { ...row, [name]: value } : row)));
  };

  const onFieldKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number, fieldIndex: number) => {
    // Ctrl/Cmd+Enter is the session's Submit shortcut: let it bubble.
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || readOnly) return;
    event.preventDefault();
    const next = fields[fieldIndex + 1];
    if (next) {
      containerRef.current?.querySelector<HTMLElement>(`[data-row="${index}"][data-field="${next.name}"]`)?.focus();
    } else if (index === rows.length - 1) {
      addRow();
    } else {
      containerRef.current?.querySelector<HTMLElement>(`[data-row="${index + 1}"][data-field="${firstField}"]`)?.focus();
    }
  };

  // A CSS variable rather than grid-template-columns, so a container query can stack narrow forms.
  const columns = {
    '--record-columns': `${fields.map((f) => `minmax(0, ${f.width}fr)`).join(' ')}${readOnly ? '' : ' auto'}`,
  } as CSSProperties;

  return (
    <div className="record-section" ref={containerRef}>
      <div className="record-section__head">
        <h3>{sectionLabel(section)}</h3>
        {feedback && (
          <p className="record-section__score">
            {formatPoints(feedback.earned)} of {formatPoints(feedback.possible)} points
          </p>
        )}
      </div>
      {scope && (
        <p className="record-scope">
          <strong>What to record:</strong> {scope}
        </p>
      )}
      {rows.length === 0 && (
        <p className="record-section__empty">
          {readOnly ? `No ${plural} were recorded.` : `No ${plural} recorded yet.`}
          {section === 'allergies' && !readOnly && ' If the documents say the patient has no known allergies, record “No known allergies” as the substance.'}
        </p>
      )}
      {rows.length > 0 && (
        <ol className="record-rows" aria-label={`${sectionLabel(section)} recorded`}>
          {rows.map((row, index) => {
            const titleId = `${id}-row-${index}`;
            const rowFeedback = feedback?.rows[index];
            const rowName = `${noun} ${index + 1}`;
            return (
              <li key={index} className={`record-row${rowFeedback?.extra ? ' record-row--extra' : ''}`}>
                <div role="group" aria-labelledby={titleId}>
                  <div className="record-row__head">
                    <span id={titleId} className="record-row__title">
                      {capitalized(rowName)}
                    </span>
                    {rowFeedback?.extra && <VerdictBadge verdict="extra" size="small" />}
                    {readOnly && !rowFeedback && isBlank(row) && <span className="muted">Blank row, not scored</span>}
                  </div>
                  <div className="record-row__fields" style={columns}>
                    {fields.map((field, fieldIndex) => {
                      const inputId = `${id}-${index}-${field.name}`;
                      const item = rowFeedback?.fields[field.name];
                      const describedBy = item ? `${inputId}-verdict` : undefined;
                      return (
                        <div key={field.name} className={`record-field${item ? ` record-field--${item.verdict}` : ''}`}>
                          <label htmlFor={inputId}>{field.label}</label>
                          <input
                            id={inputId}
                            type="text"
                            value={row[field.name] ?? ''}
                            onChange={(event) => setField(index, field.name, event.target.value)}
                            onKeyDown={(event) => onFieldKeyDown(event, index, fieldIndex)}
                            list={!readOnly && field.suggestions ? listIds[field.suggestions] : undefined}
                            placeholder={readOnly ? undefined : field.placeholder}
                            readOnly={readOnly}
                            autoComplete="off"
                            spellCheck={false}
                            aria-describedby={describedBy}
                            data-row={index}
                            data-field={field.name}
                          />
                          {item && (
                            <div className="record-field__feedback">
                              <span id={describedBy}>
                                <VerdictBadge verdict={item.verdict} size="small" />
                                {item.verdict !== 'correct' && (
                                  <span className="record-field__expected">
                                    {' '}
                                    Expected: <strong>{item.expected || '(blank)'}</strong>
                                  </span>
                                )}
                                {item.note && item.verdict !== 'correct' && <span className="record-field__note"> {item.note}</span>}
                              </span>
                              {item.evidence.length > 0 && (
                                <button
                                  type="button"
                                  className="button button--small button--quiet record-field__evidence"
                                  onClick={() => onShowEvidence(item.label, [item])}
                                >
                                  Evidence <span className="visually-hidden">for {field.label}, {rowName}</span>
                                </button>
                              )}
                            </div>
                          )}
                          {readOnly && rowFeedback && !rowFeedback.extra && !item && (
                            <div className="record-field__feedback muted">{field.optional ? 'Optional, not scored' : 'Not scored'}</div>
                          )}
                        </div>
                      );
                    })}
                    {!readOnly && (
                      <div className="record-row__remove">
                        <button type="button" className="button button--small" onClick={() => removeRow(index)}>
                          Remove <span className="visually-hidden">{rowName}</span>
                        </button>
                      </div>
                    )}
                  </div>
                  {rowFeedback?.extra?.note && <p className="record-row__note">{rowFeedback.extra.note}</p>}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {!readOnly && (
        <div className="record-section__actions">
          <button type="button" className="button" onClick={addRow}>
            <span aria-hidden="true">+</span> Add {noun}
          </button>
          <div role="status" className="undo-bar">
            {removed && (
              <>
                <span>
                  Removed {rowNameOf(noun, removed)}.
                </span>
                <button type="button" className="button button--small" data-undo onClick={undo}>
                  Undo
                </button>
              </>
            )}
          </div>
        </div>
      )}
      {feedback && feedback.missed.length > 0 && (
        <div className="record-missed">
          <h4>Documented but not recorded</h4>
          <ul>
            {feedback.missed.map((missed) => {
              const evidence = missed.items.filter((i) => i.evidence.length > 0);
              return (
                <li key={missed.items[0]?.id ?? missed.label}>
                  <VerdictBadge verdict="missing" size="small" /> <strong>{missed.label.replace(/^[^:]+: /, '')}</strong>
                  <span className="record-missed__expected">
                    {' '}
                    Expected:{' '}
                    {missed.items
                      .filter((i) => i.expected)
                      .map((i) => `${i.label.replace(/^.* — /, '')} ${i.expected}`)
                      .join('; ')}
                  </span>
                  {evidence.length > 0 && (
                    <button type="button" className="button button--small button--quiet" onClick={() => onShowEvidence(missed.label, evidence)}>
                      Evidence <span className="visually-hidden">for {missed.label}</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}

function rowNameOf(noun: string, removed: { index: number; row: RecordingRow }): string {
  const name = Object.values(removed.row).find((v) => v.trim() !== '');
  return `${noun} ${removed.index + 1}${name ? ` (${name})` : ''}`;
}

function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(2).replace(/0$/, '');
}
