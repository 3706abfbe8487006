import { useEffect, useRef } from 'react';
import type { Chart, EvidenceSpan, SourceDocument } from '@/domain/chart/chart-types';
import { useAppStore } from '@/store/app-store';
import { documentsCiting } from '@/store/chart-view-slice';
import { documentKindText, formatDate, formatDateTime, newestFirst, practitionerName } from '@/ui/components/chart-format';
import { highlightSegments } from './highlight';

function spansFor(document: SourceDocument, ref: string): EvidenceSpan[] {
  return document.spans.filter((s) => s.ref === ref);
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

  const documents = newestFirst(chart.documents, (d) => d.date);
  const active = documents.find((d) => d.id === activeDocumentId) ?? documents[0];
  const citing = selectedFact ? documentsCiting(documents, selectedFact.ref) : [];
  const activeSpans = active && selectedFact ? spansFor(active, selectedFact.ref) : [];
  const otherCiting = citing.filter((d) => d.id !== active?.id);

  return (
    <section className="documents card" aria-labelledby="documents-heading">
      <div className="documents__head">
        <h2 id="documents-heading">
          Source documents <span className="count">{documents.length}</span>
        </h2>
      </div>
      <div className="evidence">
        <p role="status" className={selectedFact ? (citing.length ? 'evidence__found' : 'evidence__none') : 'muted'}>
          {!selectedFact ? (
            'Select a fact in the chart, such as an allergy or a lab value, to highlight where the documents state it.'
          ) : citing.length === 0 ? (
            <>
              <strong>No evidence found.</strong> No source document text is linked to “{selectedFact.label}”.
            </>
          ) : (
            <>
              <mark className="evidence__swatch">Highlighted</mark>: “{selectedFact.label}”,{' '}
              {activeSpans.length === 1 ? '1 passage' : `${activeSpans.length} passages`} in {active?.title}.
              {otherCiting.length > 0 &&
                ` Also stated in ${otherCiting.length} other ${otherCiting.length === 1 ? 'document' : 'documents'}, counted in the list.`}
            </>
          )}
        </p>
        {selectedFact && (
          <button type="button" className="button button--small button--quiet" onClick={clearFact}>
            Clear highlight
          </button>
        )}
      </div>
      {documents.length === 0 || !active ? (
        <p className="empty-state empty-state--inline">No source documents have been rendered for this chart.</p>
      ) : (
        <>
          <ul className="doc-list" aria-label="Documents">
            {documents.map((d) => {
              const count = selectedFact ? spansFor(d, selectedFact.ref).length : 0;
              return (
                <li key={d.id}>
                  <button
                    type="button"
                    className="doc-list__item"
                    aria-current={d.id === active.id ? 'true' : undefined}
                    onClick={() => openDocument(d.id)}
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
                </li>
              );
            })}
          </ul>
          <DocumentViewer chart={chart} document={active} spans={activeSpans} scrollKey={selectedFact?.nonce ?? 0} focusKey={focusNonce} />
        </>
      )}
    </section>
  );
}

interface DocumentViewerProps {
  chart: Chart;
  document: SourceDocument;
  spans: EvidenceSpan[];
  /** Changes whenever a fact is picked, to scroll its first passage into view. */
  scrollKey: number;
  /** Changes when the learner opens a document on purpose, to move focus to it. */
  focusKey: number;
}

function DocumentViewer({ chart, document, spans, scrollKey, focusKey }: DocumentViewerProps) {
  const textRef = useRef<HTMLPreElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const segments = highlightSegments(document.text, spans);
  const hasSpans = spans.length > 0;

  useEffect(() => {
    const pre = textRef.current;
    const mark = pre?.querySelector('mark');
    if (!pre || !mark) return;
    const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    // Scroll inside the viewer so the page (and the fact the learner pressed) stays put. Sideways
    // only when the passage is past the right edge, so the left margin of the text stays in view.
    const pastRight = mark.offsetLeft + Math.min(mark.offsetWidth, pre.clientWidth / 2) > pre.clientWidth;
    pre.scrollTo?.({
      top: Math.max(0, mark.offsetTop - pre.clientHeight / 3),
      left: pastRight ? mark.offsetLeft - 24 : 0,
      behavior: smooth ? 'smooth' : 'auto',
    });
    // ...unless the viewer is off screen (stacked layout), then bring it into view.
    const box = pre.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) pre.scrollIntoView?.({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
  }, [scrollKey, document.id, hasSpans]);

  useEffect(() => {
    if (focusKey > 0) headingRef.current?.focus();
  }, [focusKey]);

  return (
    <article className="doc-viewer" aria-labelledby="doc-viewer-title">
      <header className="doc-viewer__head">
        <h3 id="doc-viewer-title" ref={headingRef} tabIndex={-1}>
          {document.title}
        </h3>
        <p className="doc-viewer__meta">
          {documentKindText(document.kind)} · {formatDateTime(document.date)}
          {document.author && <> · {practitionerName(chart, document.author)}</>}
          {' · '}
          {document.signed ? (
            <>Signed {formatDate(document.signed.at)}</>
          ) : document.author ? (
            <span className="pill pill--warning">Unsigned</span>
          ) : (
            'No signature required'
          )}
        </p>
      </header>
      {/* The text scrolls both ways, so it takes a tab stop for keyboard scrolling (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <pre ref={textRef} className="doc-text" role="region" aria-label={`Text of ${document.title}`} tabIndex={0}>
        {segments.map((segment, index) =>
          segment.fields.length ? (
            <mark key={index} title={`States: ${segment.fields.join(', ')}`}>
              {segment.text}
            </mark>
          ) : (
            segment.text
          ),
        )}
      </pre>
    </article>
  );
}
