import type { ReactNode } from 'react';
import type { Chart, EvidenceSpan, SourceDocument } from '@/domain/chart/chart-types';
import { useAppStore } from '@/store/app-store';
import { documentKindText, formatDate, newestFirst, practitionerName } from '@/ui/components/chart-format';
import { DocumentViewer, type MarkSpan } from '@/ui/components/document-viewer';

function spansFor(document: SourceDocument, ref: string): EvidenceSpan[] {
  return document.spans.filter((s) => s.ref === ref);
}

/** What the documents pane marks: the passages of one fact, or any spans a caller names. */
export interface DocumentHighlight {
  /** How the status line names what is marked: “Penicillin G allergy”. */
  label: string;
  /** The passages to mark in a document (none when it does not state it). */
  spansIn: (document: SourceDocument) => readonly MarkSpan[];
  /** Changes on every pick, so picking the same thing again scrolls to it again. */
  nonce: number;
}

export interface DocumentsPanelProps {
  chart: Chart;
  /** The documents to list, newest first; the chart's when omitted (a recording exercise shows a few). */
  documents?: readonly SourceDocument[];
  /** The open document; the newest one when null or unknown. */
  activeDocumentId: string | null;
  onOpenDocument: (id: string) => void;
  highlight: DocumentHighlight | null;
  onClearHighlight: () => void;
  /** Changes when the learner opens a document on purpose, to move focus to it. */
  focusKey: number;
  /** Rendered beside each document of the list (a workspace's Flag button). */
  renderDocumentAction?: (document: SourceDocument) => ReactNode;
  /** What the status line says when nothing is marked; null: no status line until something is. */
  idleText?: string | null;
  /** What the pane says when there is no document to show. */
  emptyText?: string;
}

/**
 * The source documents beside the chart: a list, the open document in a monospace viewer that
 * keeps the printed layout, and the evidence for the fact picked in the chart marked in it.
 */
export function SourceDocumentsPane() {
  const chart = useAppStore((s) => s.chart);
  const activeDocumentId = useAppStore((s) => s.activeDocumentId);
  const selectedFact = useAppStore((s) => s.selectedFact);
  const focusNonce = useAppStore((s) => s.documentFocusNonce);
  const openDocument = useAppStore((s) => s.openDocument);
  const clearFact = useAppStore((s) => s.clearFact);
  if (!chart) return null;
  const highlight: DocumentHighlight | null = selectedFact
    ? { label: selectedFact.label, nonce: selectedFact.nonce, spansIn: (d) => spansFor(d, selectedFact.ref) }
    : null;
  return (
    <DocumentsPanel
      chart={chart}
      activeDocumentId={activeDocumentId}
      onOpenDocument={openDocument}
      highlight={highlight}
      onClearHighlight={clearFact}
      focusKey={focusNonce}
    />
  );
}

/** The documents pane for any chart, its state held by the caller (an exercise workspace). */
export function DocumentsPanel({
  chart,
  documents: shown = chart.documents,
  activeDocumentId,
  onOpenDocument,
  highlight,
  onClearHighlight,
  focusKey,
  renderDocumentAction,
  idleText = 'Select a fact in the chart, such as an allergy or a lab value, to highlight where the documents state it.',
  emptyText = 'No source documents have been rendered for this chart.',
}: DocumentsPanelProps) {
  const documents = newestFirst(shown, (d) => d.date);
  const active = documents.find((d) => d.id === activeDocumentId) ?? documents[0];
  const citing = highlight ? documents.filter((d) => highlight.spansIn(d).length > 0) : [];
  const activeSpans = active && highlight ? highlight.spansIn(active) : [];
  const otherCiting = citing.filter((d) => d.id !== active?.id);

  return (
    <section className="documents card" aria-labelledby="documents-heading">
      <div className="documents__head">
        <h2 id="documents-heading">
          Source documents <span className="count">{documents.length}</span>
        </h2>
      </div>
      {(highlight || idleText !== null) && (
        <div className="evidence">
          <p role="status" className={highlight ? (citing.length ? 'evidence__found' : 'evidence__none') : 'muted'}>
            {!highlight ? (
              idleText
            ) : citing.length === 0 ? (
              <>
                <strong>No evidence found.</strong> No source document text is linked to “{highlight.label}”.
              </>
            ) : (
              <>
                <mark className="evidence__swatch">Highlighted</mark>: “{highlight.label}”,{' '}
                {activeSpans.length === 1 ? '1 passage' : `${activeSpans.length} passages`} in {active?.title}.
                {otherCiting.length > 0 &&
                  ` Also stated in ${otherCiting.length} other ${otherCiting.length === 1 ? 'document' : 'documents'}, counted in the list.`}
              </>
            )}
          </p>
          {highlight && (
            <button type="button" className="button button--small button--quiet" onClick={onClearHighlight}>
              Clear highlight
            </button>
          )}
        </div>
      )}
      {documents.length === 0 || !active ? (
        <p className="empty-state empty-state--inline">{emptyText}</p>
      ) : (
        <>
          <ul className="doc-list" aria-label="Documents">
            {documents.map((d) => {
              const count = highlight ? highlight.spansIn(d).length : 0;
              const action = renderDocumentAction?.(d);
              return (
                <li key={d.id} className={action ? 'doc-list__row' : undefined}>
                  <button
                    type="button"
                    className="doc-list__item"
                    aria-current={d.id === active.id ? 'true' : undefined}
                    onClick={() => onOpenDocument(d.id)}
                  >
                    <span className="doc-list__title">{d.title}</span>
                    <span className="doc-list__meta">
                      {documentKindText(d.kind)} · {formatDate(d.date)}
                    </span>
                    {count > 0 && (
                      <span className="doc-list__hits">
                        {count} <span className="visually-hidden">{count === 1 ? 'passage' : 'passages'} highlighted</span>
                      </span>
                    )}
                  </button>
                  {action}
                </li>
              );
            })}
          </ul>
          <DocumentViewer
            document={active}
            authorName={active.author ? practitionerName(chart, active.author) : undefined}
            spans={activeSpans}
            scrollKey={highlight?.nonce ?? 0}
            focusKey={focusKey}
          />
        </>
      )}
    </section>
  );
}
