import type { Chart, DocumentKind, SourceDocument } from '@/domain/chart/chart-types';
import { printDate } from '@/domain/time/dates';
import type { Rng } from '@/domain/rng/rng';
import type { ErrorType } from '@/domain/scenario/scenario-schema';
import type { InjectedError } from '../exercise-types';
import { docRef, type Located } from './document-edit';

/** What one error planter gets: the chart to edit in place, and what other errors already use. */
export interface PlantContext {
  chart: Chart;
  rng: Rng;
  errorId: string;
  /**
   * Refs (`ResourceType/id`, `DocumentReference/<id>`) that errors planted before this one changed
   * or rely on; a planter must leave them alone so that every error has its own target.
   */
  taken: ReadonlySet<string>;
}

export interface Planted {
  error: InjectedError;
  /** Every ref this error changed or relies on (its target, its evidence's facts and documents). */
  touched: string[];
}

export type Planter = (ctx: PlantContext) => Planted | undefined;

export type ErrorCategory = 'data-quality' | 'deficiency' | 'integrity' | 'coding';

/** One entry of the catalog as its module defines it: texts, the planter and the correction check. */
export interface ErrorKind {
  type: ErrorType;
  label: string;
  description: string;
  whyItMatters: string;
  category: ErrorCategory;
  plant: Planter;
  /** Whether `entered` is an acceptable correction of `error` (which this kind planted). */
  matches(error: InjectedError, entered: string): boolean;
}

export type Evidence = InjectedError['evidence'][number];

export function evidenceOf(located: readonly Located[]): Evidence[] {
  const out: Evidence[] = [];
  for (const { doc, span } of located) {
    if (!out.some((e) => e.documentId === doc.id && e.start === span.start && e.end === span.end)) {
      out.push({ documentId: doc.id, start: span.start, end: span.end });
    }
  }
  return out;
}

export function evidenceAt(doc: SourceDocument, start: number, end: number): Evidence {
  return { documentId: doc.id, start, end };
}

export function isFree(taken: ReadonlySet<string>, ...refs: (string | undefined)[]): boolean {
  return refs.every((r) => r === undefined || !taken.has(r));
}

export function freeDocs(ctx: PlantContext, docs: readonly SourceDocument[]): SourceDocument[] {
  return docs.filter((d) => !ctx.taken.has(docRef(d)));
}

/** `ResourceType/id` of a resource. */
export function refTo(resource: { resourceType: string; id?: string }): string {
  return `${resource.resourceType}/${resource.id}`;
}

/** Drop the spans that cite a fact the chart no longer holds (an allergy taken off the list). */
export function dropSpansOf(chart: Chart, ref: string): void {
  for (const doc of chart.documents) doc.spans = doc.spans.filter((s) => s.ref !== ref);
}

/** Documents in date order, oldest first (ties keep the chart's order). */
export function byDate(docs: readonly SourceDocument[]): SourceDocument[] {
  return docs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.date.localeCompare(b.d.date) || a.i - b.i)
    .map(({ d }) => d);
}

const DOCUMENT_NOUNS: Record<DocumentKind, string> = {
  registration: 'registration form',
  'history-physical': 'H&P',
  'progress-note': 'progress note',
  'discharge-summary': 'discharge summary',
  'lab-report': 'lab report',
  'medication-list': 'medication list',
  'immunization-record': 'immunization record',
};

/** "progress note of 04/13/2026", "lab report of 06/19/2025 (CBC, CMP)": how feedback names a document. */
export function docLabel(doc: SourceDocument): string {
  const noun = doc.kind === 'progress-note' && /emergency/i.test(doc.title) ? 'ED note' : DOCUMENT_NOUNS[doc.kind];
  const panels = doc.kind === 'lab-report' ? /^Lab report: (.+?) \(/.exec(doc.title)?.[1] : undefined;
  return `${noun} of ${printDate(doc.date, 'us')}${panels ? ` (${panels})` : ''}`;
}
