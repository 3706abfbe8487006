import type { Chart, EvidenceSpan, SourceDocument } from '@/domain/chart/chart-types';

/**
 * Editing a rendered document without breaking its evidence spans: every span that survives an
 * edit still covers exactly the words it covered before.
 */

/**
 * Replace `doc.text[start, end)` by `replacement` (an insertion when start = end), in place.
 * Spans wholly before the edit stay, spans wholly after it shift by the change in length, and
 * spans that overlap the replaced text (or contain an insertion point) are dropped, because
 * their words changed. Returns the change in length.
 */
export function editDocument(doc: SourceDocument, start: number, end: number, replacement: string): number {
  if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end < start || end > doc.text.length) {
    throw new RangeError(`editDocument: [${start}, ${end}) is not a range of a ${doc.text.length}-character document`);
  }
  const delta = replacement.length - (end - start);
  doc.text = doc.text.slice(0, start) + replacement + doc.text.slice(end);
  const kept: EvidenceSpan[] = [];
  for (const span of doc.spans) {
    if (span.end <= start) {
      kept.push(span);
    } else if (span.start >= end) {
      if (delta !== 0) {
        span.start += delta;
        span.end += delta;
      }
      kept.push(span);
    }
    // Otherwise the span overlaps the replaced text: its words are gone.
  }
  doc.spans = kept;
  return delta;
}

export const docRef = (doc: SourceDocument): string => `DocumentReference/${doc.id}`;

export function spanText(doc: SourceDocument, span: { start: number; end: number }): string {
  return doc.text.slice(span.start, span.end);
}

export interface Located {
  doc: SourceDocument;
  span: EvidenceSpan;
}

/** Every span of the chart's documents that states `field` (or any field) of `ref`. */
export function spansOf(chart: Chart, ref: string, fields?: readonly string[]): Located[] {
  const out: Located[] = [];
  for (const doc of chart.documents) {
    for (const span of doc.spans) {
      if (span.ref === ref && (!fields || fields.includes(span.field))) out.push({ doc, span });
    }
  }
  return out;
}

/** The documents that state anything about `ref`. */
export function documentsStating(chart: Chart, ref: string, fields?: readonly string[]): SourceDocument[] {
  const out: SourceDocument[] = [];
  for (const { doc } of spansOf(chart, ref, fields)) if (!out.includes(doc)) out.push(doc);
  return out;
}

/** [start, end) of the line holding `pos`, without its line break. */
export function lineAt(text: string, pos: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const nl = text.indexOf('\n', pos);
  return { start, end: nl < 0 ? text.length : nl };
}

export interface Section {
  /** Start of the heading line. */
  start: number;
  /** Just after the heading ("ALLERGIES:"). */
  bodyStart: number;
  /** Start of the next section's heading, or of the signature block, or the end of the text. */
  end: number;
  title: string;
}

/** A heading as the renderer writes it: at the start of a line, in capitals or title case, then a colon. */
const HEADING = /^([A-Z][A-Za-z/&,'()-]*(?: [A-Za-z/&,'()-]+)*):(?=\s|$)/gm;

/** Lines that end a note's body (the signature block). */
const SIGNATURE_LINE = /^(Electronically signed by|Signed electronically by|Authenticated by) /m;

/** The note's sections in order, found by their headings. */
export function sectionsOf(doc: SourceDocument): Section[] {
  const heads: { start: number; bodyStart: number; title: string }[] = [];
  for (const m of doc.text.matchAll(HEADING)) {
    const title = m[1] as string;
    // Header labels ("Patient:", "MRN:", "DOB:") are not sections; sections head their own line or a paragraph.
    if (/^(Patient|Name|MRN|DOB|Sex|Date of service|Provider|Visit type|Attending|Date)$/i.test(title)) continue;
    heads.push({ start: m.index, bodyStart: m.index + m[0].length, title });
  }
  const signature = SIGNATURE_LINE.exec(doc.text);
  const textEnd = signature ? signature.index : doc.text.length;
  return heads
    .filter((h) => h.start < textEnd)
    .map((h, i, all) => ({ ...h, end: Math.min(all[i + 1]?.start ?? textEnd, textEnd) }));
}

/** The first section whose heading matches `pattern` (case-insensitive). */
export function findSection(doc: SourceDocument, pattern: RegExp): Section | undefined {
  return sectionsOf(doc).find((s) => pattern.test(s.title));
}

/** The signature line ("Electronically signed by … on … at …") with its line break, if any. */
export function signatureLine(doc: SourceDocument): { start: number; end: number } | undefined {
  const m = SIGNATURE_LINE.exec(doc.text);
  if (!m) return undefined;
  const line = lineAt(doc.text, m.index);
  return { start: line.start, end: Math.min(doc.text.length, line.end + 1) };
}
