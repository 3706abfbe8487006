import { useId, type DragEvent } from 'react';
import type { SourceDocument } from '@/domain/chart/chart-types';
import { FILING_SECTIONS, type FilingSection, type PatientCard } from '@/domain/exercise/exercise-types';
import { FILING_SECTION_LABELS } from '@/domain/exercise/filing';
import { formatDate, genderText } from '@/ui/components/chart-format';
import { VerdictBadge } from '@/ui/components/verdict-badge';
import { documentLabel, type Placement } from './filing-answers';
import { overallVerdict, type DocumentFeedback } from './filing-feedback';
import { FieldFeedback } from './field-feedback';


interface PatientFolderProps {
  card: PatientCard;
  /** This patient's placements, oldest first. */
  placements: Placement[];
  docById: Map<string, SourceDocument>;
  activeId?: string;
  readOnly: boolean;
  feedback: Map<string, DocumentFeedback>;
  /** `<patientId>:<section>` the learner is dragging over. */
  dropTarget?: string;
  focusable: (key: string) => (el: HTMLElement | null) => void;
  onOpen: (documentId: string) => void;
  onShowEvidence: (documentId: string) => void;
  onMove: (documentId: string, delta: -1 | 1) => void;
  onUnfile: (documentId: string) => void;
  onDragTarget: (target: string | undefined) => void;
  onDrop: (event: DragEvent<HTMLElement>, patientId: string, section: FilingSection) => void;
}

function sectionLabel(section: string): string {
  return FILING_SECTION_LABELS[section as FilingSection] ?? section;
}

/**
 * One patient's chart folder: the label a chart carries (name, DOB, sex, MRN, address), its
 * section dividers with how many documents each holds, and the documents filed to it in date
 * order. The section dividers take a dragged document from the pile.
 */
export function PatientFolder(props: PatientFolderProps) {
  const { card, placements, docById, activeId, readOnly, feedback, dropTarget, focusable, onOpen, onShowEvidence, onMove, onUnfile, onDragTarget, onDrop } = props;
  const headingId = useId();
  // Namesakes share a name, so every label that names the folder carries the MRN too.
  const who = `${card.name}, MRN ${card.mrn}`;
  const counts = new Map<string, number>();
  for (const p of placements) counts.set(p.section, (counts.get(p.section) ?? 0) + 1);

  const dragProps = (section: FilingSection) => {
    if (readOnly) return {};
    const target = `${card.patientId}:${section}`;
    return {
      onDragOver: (e: DragEvent<HTMLElement>) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      },
      onDragEnter: () => onDragTarget(target),
      onDragLeave: (e: DragEvent<HTMLElement>) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onDragTarget(undefined);
      },
      onDrop: (e: DragEvent<HTMLElement>) => onDrop(e, card.patientId, section),
    };
  };

  return (
    <section className="folder card" aria-labelledby={headingId}>
      <header className="folder__label">
        <h3 id={headingId}>
          {card.name}
          <span className="visually-hidden">, MRN {card.mrn}</span>
        </h3>
        <dl className="folder__ids">
          <div>
            <dt>DOB</dt>
            <dd>{formatDate(card.birthDate)}</dd>
          </div>
          <div>
            <dt>Sex</dt>
            <dd>{genderText(card.sex)}</dd>
          </div>
          <div>
            <dt>MRN</dt>
            <dd className="mono">{card.mrn}</dd>
          </div>
          <div className="folder__address">
            <dt>Address</dt>
            <dd>{card.address}</dd>
          </div>
        </dl>
      </header>
      <ul className="folder__sections" aria-label={`Sections of the chart of ${who}`}>
        {FILING_SECTIONS.map((section) => {
          const n = counts.get(section) ?? 0;
          const dropping = dropTarget === `${card.patientId}:${section}`;
          return (
            <li
              key={section}
              className={`section-tab${n > 0 ? ' section-tab--filled' : ''}${dropping ? ' section-tab--drop' : ''}`}
              {...dragProps(section)}
            >
              {FILING_SECTION_LABELS[section]}
              <span className="section-tab__count">
                {n}
                <span className="visually-hidden">{n === 1 ? ' document' : ' documents'}</span>
              </span>
            </li>
          );
        })}
      </ul>
      {placements.length === 0 ? (
        <p className="folder__empty">No documents filed yet.</p>
      ) : (
        <ol className="folder__docs" aria-label={`Documents in the chart of ${who}, oldest first`}>
          {placements.map((p, index) => {
            const doc = docById.get(p.documentId);
            if (!doc) return null;
            const label = documentLabel(doc);
            const fb = feedback.get(doc.id);
            const last = index === placements.length - 1;
            return (
              <li key={p.documentId} className={`filed-doc${doc.id === activeId ? ' filed-doc--active' : ''}`} data-document-id={doc.id}>
                <span className="filed-doc__position">
                  <span className="visually-hidden">Position </span>
                  {index + 1}
                </span>
                <div className="filed-doc__body">
                  <button
                    type="button"
                    ref={focusable(`title:${doc.id}`)}
                    className="filed-doc__title"
                    aria-current={doc.id === activeId ? 'true' : undefined}
                    onClick={() => onOpen(doc.id)}
                  >
                    {doc.title}
                  </button>
                  <span className="filed-doc__meta">
                    {formatDate(doc.date)} · {sectionLabel(p.section)}
                  </span>
                  {fb && (
                    <div className="filed-doc__feedback">
                      <VerdictBadge verdict={overallVerdict(fb)} size="small" />
                      <FieldFeedback feedback={fb} onlyWrong />
                      {fb.evidence.length > 0 && (
                        <button type="button" className="button button--small button--quiet" onClick={() => onShowEvidence(doc.id)}
                          aria-label={`Show evidence in “${label}”`}
                        >
                          Show evidence
                        </button>
                      )}
                    </div>
                  )}
                </div>
                {!readOnly && (
                  <div className="filed-doc__actions">
                    <button
                      type="button"
                      ref={focusable(`up:${doc.id}`)}
                      className="button button--small"
                      disabled={index === 0}
                      onClick={() => onMove(doc.id, -1)}
                      aria-label={`Up: move “${label}” earlier`}
                    >
                      <span aria-hidden="true">↑</span> Up
                    </button>
                    <button
                      type="button"
                      ref={focusable(`down:${doc.id}`)}
                      className="button button--small"
                      disabled={last}
                      onClick={() => onMove(doc.id, 1)}
                      aria-label={`Down: move “${label}” later`}
                    >
                      <span aria-hidden="true">↓</span> Down
                    </button>
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      onClick={() => onUnfile(doc.id)}
                      aria-label={`Unfile “${label}”, back to the pile`}
                    >
                      Unfile
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
