import { createElement, useEffect, useId, useRef } from 'react';
import type { EvidenceSpan, SourceDocument } from '@/domain/chart/chart-types';
import { documentKindText, formatDate, formatDateTime } from './chart-format';
import { highlightSegments } from './highlight';

/** A stretch to mark: an evidence span (the `ref` is not needed to draw it). */
export type MarkSpan = Pick<EvidenceSpan, 'start' | 'end' | 'field'>;

interface DocumentViewerProps {
  document: SourceDocument;
  /** The author's printed name, when the document has an author. */
  authorName?: string;
  spans: readonly MarkSpan[];
  /** Changes whenever new evidence is asked for, to scroll its first passage into view. */
  scrollKey: number;
  /** Changes when the learner opens a document on purpose, to move focus to it. */
  focusKey?: number;
  headingLevel?: 3 | 4;
  /** Accessible name of the text region; it must be unique on the page when two viewers show. */
  textLabel?: string;
  /** What a mark's tooltip says before the fields it states. */
  markTitle?: string;
}

/**
 * One source document as printed, in a monospace viewer that keeps its layout, with the given
 * spans marked. Shared by the chart viewer's documents pane, the recording workspace and the
 * score report's evidence.
 */
export function DocumentViewer({
  document,
  authorName,
  spans,
  scrollKey,
  focusKey = 0,
  headingLevel = 3,
  textLabel,
  markTitle = 'States',
}: DocumentViewerProps) {
  const titleId = useId();
  const textRef = useRef<HTMLPreElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const segments = highlightSegments(
    document.text,
    spans.map((s) => ({ ...s, ref: '' })),
  );
  const hasSpans = spans.length > 0;

  useEffect(() => {
    const pre = textRef.current;
    const mark = pre?.querySelector('mark');
    if (!pre || !mark) return;
    const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    // Scroll inside the viewer so the page (and the control the learner pressed) stays put. Sideways
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
    <article className="doc-viewer" aria-labelledby={titleId}>
      <header className="doc-viewer__head">
        {createElement(`h${headingLevel}`, { id: titleId, ref: headingRef, tabIndex: -1 }, document.title)}
        <p className="doc-viewer__meta">
          {documentKindText(document.kind)} · {formatDateTime(document.date)}
          {authorName && <> · {authorName}</>}
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
      <pre ref={textRef} className="doc-text" role="region" aria-label={textLabel ?? `Text of ${document.title}`} tabIndex={0}>
        {segments.map((segment, index) =>
          segment.fields.length ? (
            <mark key={index} title={`${markTitle}: ${segment.fields.join(', ')}`}>
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
