import type { EvidenceSpan } from '@/domain/chart/chart-types';

export interface TextSegment {
  text: string;
  /** Span fields this stretch of text states; empty for plain text. */
  fields: string[];
}

/**
 * Cut a document's text into plain and highlighted stretches. Spans are clamped to the text and
 * overlapping or touching spans merge, so every character is marked at most once.
 */
export function highlightSegments(text: string, spans: readonly EvidenceSpan[]): TextSegment[] {
  const ranges = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(text.length, s.end), field: s.field }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number; fields: string[] }[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
      if (!last.fields.includes(range.field)) last.fields.push(range.field);
    } else {
      merged.push({ start: range.start, end: range.end, fields: [range.field] });
    }
  }
  const segments: TextSegment[] = [];
  let at = 0;
  for (const range of merged) {
    if (range.start > at) segments.push({ text: text.slice(at, range.start), fields: [] });
    segments.push({ text: text.slice(range.start, range.end), fields: range.fields });
    at = range.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), fields: [] });
  return segments;
}
