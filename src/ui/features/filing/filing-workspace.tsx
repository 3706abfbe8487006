import { useEffect, useId, useMemo, useState, type DragEvent, type FormEvent } from 'react';
import type { SourceDocument } from '@/domain/chart/chart-types';
import { FILING_SECTIONS, type FilingExercise, type FilingSection, type PatientCard } from '@/domain/exercise/exercise-types';
import { FILING_SECTION_LABELS } from '@/domain/exercise/filing';
import type { FilingAnswers } from '@/domain/scoring/submission-schema';
import { documentKindText, formatDate, practitionerName } from '@/ui/components/chart-format';
import { DocumentViewer } from '@/ui/components/document-viewer';
import { VerdictBadge } from '@/ui/components/verdict-badge';
import type { WorkspaceProps } from '@/ui/components/workspace-types';
import {
  fileDocument,
  folderOf,
  moveDocument,
  placementOf,
  printedIdentifiers,
  documentLabel,
  restorePlacement,
  unfileDocument,
  type Placement,
} from './filing-answers';
import { evidenceSpans, extraItems, feedbackByDocument, fieldsRight, overallVerdict, type DocumentFeedback } from './filing-feedback';
import { FieldFeedback } from './field-feedback';
import { FocusRegistry } from '@/ui/components/focus-registry';
import { PatientFolder } from './patient-folder';

/** The drag payload type, so a drop of some other text on a section does nothing. */
export const DOCUMENT_DRAG_TYPE = 'application/x-chartlab-document';

export function patientLabel(card: PatientCard): string {
  return `${card.name} (MRN ${card.mrn})`;
}

/**
 * Filing loose documents: the pile, the open document with the filing form, and the patients'
 * chart folders. Everything is keyboard-first (radio buttons, a select, Up/Down buttons); dragging
 * a card onto a folder's section is a pointer shortcut for the same action. The workspace holds
 * only screen state (which document is open, the form before it is submitted, the last unfile to
 * undo); the answers live with the session.
 */
export function FilingWorkspace({ exercise, answers, onChange, report }: WorkspaceProps<FilingExercise, FilingAnswers>) {
  const readOnly = report !== undefined;
  const id = useId();
  const docs = exercise.pile;
  const docById = useMemo(() => new Map(docs.map((d) => [d.id, d])), [docs]);
  const cardById = useMemo(() => new Map(exercise.patients.map((c) => [c.patientId, c])), [exercise.patients]);
  const authorOf = useMemo(() => {
    const out = new Map<string, string>();
    for (const chart of exercise.charts) {
      for (const d of chart.documents) if (d.author) out.set(d.id, practitionerName(chart, d.author));
    }
    return out;
  }, [exercise.charts]);
  const feedback = useMemo(() => feedbackByDocument(exercise, report), [exercise, report]);

  const isFiled = (documentId: string, a: FilingAnswers = answers) => placementOf(a, documentId) !== undefined;
  const pile = docs.filter((d) => !isFiled(d.id));
  const filedCount = docs.length - pile.length;

  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const active = (activeId ? docById.get(activeId) : undefined) ?? pile[0] ?? docs[0];
  const [focusKey, setFocusKey] = useState(0);
  const [scrollKey, setScrollKey] = useState(0);
  const [draft, setDraft] = useState<{ documentId: string; patientId: string; section: string }>();
  const [formError, setFormError] = useState('');
  const [message, setMessage] = useState('');
  const [undo, setUndo] = useState<Placement>();
  const [dropTarget, setDropTarget] = useState<string>();

  const [focus] = useState(() => new FocusRegistry());
  useEffect(() => focus.flush());
  const focusable = (key: string) => focus.ref(key);

  const open = (documentId: string) => {
    setActiveId(documentId);
    setFormError('');
    setFocusKey((k) => k + 1);
  };
  /** After submission: open a document scrolled to where it names its patient. */
  const showEvidence = (documentId: string) => {
    open(documentId);
    setScrollKey((k) => k + 1);
  };

  const activePlacement = active ? placementOf(answers, active.id) : undefined;
  const form =
    draft && draft.documentId === active?.id
      ? draft
      : { documentId: active?.id ?? '', patientId: activePlacement?.patientId ?? '', section: activePlacement?.section ?? '' };

  const describePlacement = (a: FilingAnswers, documentId: string): string => {
    const p = placementOf(a, documentId);
    const card = p ? cardById.get(p.patientId) : undefined;
    if (!p || !card) return 'in the pile';
    const folder = folderOf(a, p.patientId);
    const section = FILING_SECTION_LABELS[p.section as FilingSection] ?? p.section;
    return `${patientLabel(card)}, ${section}, position ${folder.findIndex((f) => f.documentId === documentId) + 1} of ${folder.length}`;
  };

  const progressText = (a: FilingAnswers) => `${docs.filter((d) => isFiled(d.id, a)).length} of ${docs.length} filed`;

  const file = (documentId: string, patientId: string, section: FilingSection, how: 'form' | 'drop') => {
    const doc = docById.get(documentId);
    if (!doc || readOnly) return;
    const wasFiled = isFiled(documentId);
    const next = fileDocument(answers, documentId, patientId, section);
    onChange(next);
    setUndo(undefined);
    setDraft(undefined);
    setFormError('');
    setMessage(`${wasFiled ? 'Refiled' : 'Filed'} “${documentLabel(doc)}” to ${describePlacement(next, documentId)}. ${progressText(next)}.`);
    if (how === 'drop') return;
    // Carry on with the next loose document, in pile order after this one.
    const at = docs.findIndex((d) => d.id === documentId);
    const rest = [...docs.slice(at + 1), ...docs.slice(0, at)].filter((d) => !isFiled(d.id, next));
    const nextDoc = wasFiled ? undefined : rest[0];
    if (nextDoc) {
      open(nextDoc.id);
    } else {
      focus.request(`title:${documentId}`);
    }
  };

  const submitForm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!active) return;
    const section = FILING_SECTIONS.find((s) => s === form.section);
    if (!form.patientId || !section) {
      setFormError(
        !form.patientId && !section ? 'Choose the patient and the chart section first.' : !form.patientId ? 'Choose the patient first.' : 'Choose the chart section first.',
      );
      return;
    }
    file(active.id, form.patientId, section, 'form');
  };

  const unfile = (documentId: string) => {
    const doc = docById.get(documentId);
    if (!doc || readOnly) return;
    const { answers: next, removed } = unfileDocument(answers, documentId);
    if (!removed) return;
    onChange(next);
    setUndo(removed);
    setMessage(`Returned “${documentLabel(doc)}” to the pile. ${progressText(next)}.`);
    focus.request('undo');
  };

  const undoUnfile = () => {
    if (!undo || readOnly) return;
    const doc = docById.get(undo.documentId);
    const next = restorePlacement(answers, undo);
    onChange(next);
    setUndo(undefined);
    setMessage(`Put “${doc ? documentLabel(doc) : undo.documentId}” back: ${describePlacement(next, undo.documentId)}. ${progressText(next)}.`);
    focus.request(`title:${undo.documentId}`);
  };

  const move = (documentId: string, delta: -1 | 1) => {
    const doc = docById.get(documentId);
    const p = placementOf(answers, documentId);
    if (!doc || !p || readOnly) return;
    const next = moveDocument(answers, documentId, delta);
    onChange(next);
    setUndo(undefined);
    setMessage(`Moved “${documentLabel(doc)}” to ${describePlacement(next, documentId)}.`);
    const folder = folderOf(next, p.patientId);
    const index = folder.findIndex((f) => f.documentId === documentId);
    // Keep focus on the button pressed, or on its twin once the end of the folder disables it.
    const direction = (delta < 0 && index === 0) || (delta > 0 && index === folder.length - 1) ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down';
    focus.request(folder.length > 1 ? `${direction}:${documentId}` : `title:${documentId}`);
  };

  const onDrop = (event: DragEvent<HTMLElement>, patientId: string, section: FilingSection) => {
    const documentId = event.dataTransfer.getData(DOCUMENT_DRAG_TYPE);
    setDropTarget(undefined);
    if (!documentId) return;
    event.preventDefault();
    file(documentId, patientId, section, 'drop');
  };

  const activeFeedback = active ? feedback.get(active.id) : undefined;
  const spans = active && activeFeedback ? evidenceSpans(activeFeedback.evidence, active.id) : [];
  const extras = extraItems(report);

  return (
    <div className={`filing${readOnly ? ' filing--report' : ''}`}>
      <div className="filing__grid">
        <div className="filing__top">
          <div className="filing__bar">
            <p className="filing__how">
              {readOnly
                ? 'Your filing, checked. Open a document to see the name, DOB and MRN that identify its patient highlighted.'
                : 'Open a document and read its header, then choose the patient and the chart section and file it (or drag its card onto a section of a chart). In each chart, put the documents in date order (1 = oldest) with Up and Down.'}
            </p>
            <div className="filing__progress">
              <progress id={`${id}-progress`} max={docs.length} value={filedCount} aria-label="Documents filed" />
              <span>{`${filedCount} of ${docs.length} filed`}</span>
            </div>
          </div>

          <div className="filing__status">
            <p role="status" className={message ? 'organizing-message' : 'visually-hidden'}>
              {message}
            </p>
            {undo && !readOnly && (
              <button
                type="button"
                ref={focusable('undo')}
                className="button button--small"
                onClick={undoUnfile}
                aria-label={`Undo: put “${docById.get(undo.documentId)?.title ?? ''}” back in its chart`}
              >
                Undo
              </button>
            )}
          </div>
        </div>

        {report && <FilingSummary report={report} />}

        <section className="filing__pile card" aria-labelledby={`${id}-pile`}>
          <h2 id={`${id}-pile`}>
            Loose documents <span className="count">{pile.length}</span>
          </h2>
          {pile.length === 0 ? (
            <p className="filing__empty">{readOnly ? 'Every document was filed.' : 'All documents are filed. Check the order in each chart, then submit.'}</p>
          ) : (
            <ul className="pile" aria-label="Loose documents">
              {pile.map((doc) => (
                <PileCard
                  key={doc.id}
                  doc={doc}
                  active={doc.id === active?.id}
                  draggable={!readOnly}
                  feedback={feedback.get(doc.id)}
                  buttonRef={focusable(`title:${doc.id}`)}
                  onOpen={() => open(doc.id)}
                />
              ))}
            </ul>
          )}
        </section>

        <section className="filing__reader card" aria-label="Open document">
          {active ? (
            <>
              <DocumentViewer
                document={active}
                authorName={authorOf.get(active.id)}
                spans={spans}
                scrollKey={scrollKey}
                focusKey={focusKey}
                markTitle="Identifies the patient"
              />
              {readOnly ? (
                <ActiveFeedback placement={describePlacement(answers, active.id)} feedback={activeFeedback} />
              ) : (
                <form className="file-form" onSubmit={submitForm} aria-labelledby={`${id}-form`} noValidate>
                  <h3 id={`${id}-form`}>{activePlacement ? 'Refile this document' : 'File this document'}</h3>
                  {activePlacement && <p className="file-form__current">Filed to {describePlacement(answers, active.id)}.</p>}
                  <fieldset className="file-form__patients">
                    <legend>Patient</legend>
                    {exercise.patients.map((card) => (
                      <label key={card.patientId} className="patient-option">
                        <input
                          type="radio"
                          name={`${id}-patient`}
                          value={card.patientId}
                          checked={form.patientId === card.patientId}
                          onChange={() => setDraft({ ...form, patientId: card.patientId })}
                        />
                        <span className="patient-option__name">{card.name}</span>
                        <span className="patient-option__ids">
                          DOB {formatDate(card.birthDate)} · MRN <span className="mono">{card.mrn}</span>
                        </span>
                      </label>
                    ))}
                  </fieldset>
                  <div className="field">
                    <label htmlFor={`${id}-section`}>Chart section</label>
                    <select id={`${id}-section`} value={form.section} onChange={(e) => setDraft({ ...form, section: e.target.value })}>
                      <option value="">Choose a section…</option>
                      {FILING_SECTIONS.map((s) => (
                        <option key={s} value={s}>
                          {FILING_SECTION_LABELS[s]}
                        </option>
                      ))}
                    </select>
                  </div>
                  {formError && (
                    <p className="field__error" role="alert">
                      {formError}
                    </p>
                  )}
                  <div className="file-form__actions">
                    <button type="submit" className="button button--primary">
                      {activePlacement ? 'Refile document' : 'File document'}
                    </button>
                    {activePlacement && (
                      <button type="button" className="button" onClick={() => unfile(active.id)}>
                        Return to pile
                      </button>
                    )}
                  </div>
                </form>
              )}
            </>
          ) : (
            <p className="filing__empty">There are no documents in this exercise.</p>
          )}
        </section>

        <section className="filing__folders" aria-labelledby={`${id}-folders`}>
          <h2 id={`${id}-folders`}>Patient charts</h2>
          <div className="folders">
            {exercise.patients.map((card) => (
              <PatientFolder
                key={card.patientId}
                card={card}
                placements={folderOf(answers, card.patientId).filter((p) => placementOf(answers, p.documentId) === p)}
                docById={docById}
                activeId={active?.id}
                readOnly={readOnly}
                feedback={feedback}
                dropTarget={dropTarget}
                focusable={focusable}
                onOpen={open}
                onShowEvidence={showEvidence}
                onMove={move}
                onUnfile={unfile}
                onDragTarget={setDropTarget}
                onDrop={onDrop}
              />
            ))}
          </div>
        </section>

        {extras.length > 0 && (
          <section className="filing__extras card" aria-labelledby={`${id}-extras`}>
            <h2 id={`${id}-extras`}>Placements not counted</h2>
            <ul className="feedback-list">
              {extras.map((item) => (
                <li key={item.id}>
                  <VerdictBadge verdict={item.verdict} size="small" /> <strong>{item.label}</strong>: {item.note}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}

interface PileCardProps {
  doc: SourceDocument;
  active: boolean;
  draggable: boolean;
  feedback?: DocumentFeedback;
  buttonRef: (el: HTMLElement | null) => void;
  onOpen: () => void;
}

function PileCard({ doc, active, draggable, feedback, buttonRef, onOpen }: PileCardProps) {
  const ids = printedIdentifiers(doc);
  const onDragStart = (event: DragEvent<HTMLLIElement>) => {
    event.dataTransfer.setData(DOCUMENT_DRAG_TYPE, doc.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <li className="pile-card" data-document-id={doc.id} draggable={draggable} onDragStart={draggable ? onDragStart : undefined}>
      <button type="button" ref={buttonRef} className="pile-card__open" aria-current={active ? 'true' : undefined} onClick={onOpen}>
        <span className="pile-card__title">{doc.title}</span>
        <span className="pile-card__meta">
          {documentKindText(doc.kind)} · {formatDate(doc.date)}
        </span>
        <span className="pile-card__ids">
          {ids.name && <span>{ids.name}</span>}
          {ids.birthDate && <span>DOB {ids.birthDate}</span>}
          {ids.mrn && <span>MRN {ids.mrn}</span>}
        </span>
      </button>
      {feedback?.patient && (
        <div className="pile-card__feedback">
          <VerdictBadge verdict={feedback.patient.verdict} size="small" />
          <p>
            {feedback.patient.note} Belongs to {feedback.patient.expected}, under {feedback.section?.expected}.
          </p>
        </div>
      )}
    </li>
  );
}

function ActiveFeedback({ placement, feedback }: { placement: string; feedback?: DocumentFeedback }) {
  if (!feedback) return null;
  const verdict = overallVerdict(feedback);
  return (
    <div className="file-feedback">
      <h3>
        Your filing <VerdictBadge verdict={verdict} />
      </h3>
      <p>You filed it {placement === 'in the pile' ? 'nowhere: it stayed in the pile' : `to ${placement}`}.</p>
      <FieldFeedback feedback={feedback} />
      {feedback.evidence.length > 0 && (
        <p className="file-feedback__evidence">
          <mark className="evidence__swatch">Highlighted</mark> in the document: the name, DOB and MRN that identify its patient.
        </p>
      )}
    </div>
  );
}

function FilingSummary({ report }: { report: NonNullable<WorkspaceProps['report']> }) {
  const parts = [
    { label: 'Right patient', ...fieldsRight(report, 'patient') },
    { label: 'Right section', ...fieldsRight(report, 'section') },
    { label: 'In date order', ...fieldsRight(report, 'position') },
  ];
  return (
    <div className="filing__summary organizing-stats">
      <h2 className="visually-hidden">Filing results</h2>
      <dl>
        {parts.map((p) => (
          <div key={p.label}>
            <dt>{p.label}</dt>
            <dd>
              {p.right} of {p.of}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
