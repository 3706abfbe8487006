import type { Attachment, DocumentReference } from '@medplum/fhirtypes';
import type { DocumentKind, SourceDocument } from '@/domain/chart/chart-types';
import { formatBytes } from './import-errors';

/**
 * A DocumentReference brought by an imported bundle, as a source document the viewer can show.
 * Text is decoded from a base64 `text/plain` attachment; anything else (PDF, HTML, a URL) stays
 * metadata, shown as a short note. Imported documents carry no evidence spans: ChartLab cannot
 * tell which words state which charted fact in text it did not write.
 */

/** The tag `toBundle` puts on documents ChartLab rendered, so a re-import renders them afresh instead of keeping them twice. */
export const RENDERED_DOCUMENT_TAG = 'rendered-document';

const BASE64_VALUES = (() => {
  const table = new Int16Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  // base64url, which some exporters use.
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/** UTF-8 text of base64 data (whitespace ignored); throws on a character outside base64. Same in Node and the browser (no atob, no Buffer). */
export function base64ToUtf8(data: string): string {
  const bytes = new Uint8Array(Math.floor((data.length * 3) / 4) + 3);
  let n = 0;
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c === 61) break; // '=' padding ends the data
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    const v = c < 128 ? (BASE64_VALUES[c] as number) : -1;
    if (v < 0) throw new Error(`"${data[i]}" at position ${i} is not a base64 character`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (acc >> bits) & 0xff;
    }
  }
  return new TextDecoder('utf-8').decode(bytes.subarray(0, n));
}

const KIND_BY_LOINC: Record<string, DocumentKind> = {
  '34117-2': 'history-physical',
  '11506-3': 'progress-note',
  '51847-2': 'progress-note',
  '11488-4': 'progress-note',
  '34746-8': 'progress-note',
  '18842-5': 'discharge-summary',
  '11502-2': 'lab-report',
  '10160-0': 'medication-list',
  '11369-6': 'immunization-record',
  '82593-5': 'immunization-record',
};

function kindOf(reference: DocumentReference, title: string): DocumentKind {
  for (const coding of reference.type?.coding ?? []) {
    const kind = coding.system === 'http://loinc.org' && coding.code ? KIND_BY_LOINC[coding.code] : undefined;
    if (kind) return kind;
  }
  const t = title.toLowerCase();
  if (t.includes('discharge')) return 'discharge-summary';
  if (t.includes('history and physical') || t.includes('h&p')) return 'history-physical';
  if (t.includes('lab')) return 'lab-report';
  if (t.includes('immuniz') || t.includes('vaccin')) return 'immunization-record';
  if (t.includes('medication')) return 'medication-list';
  if (t.includes('registration') || t.includes('face sheet')) return 'registration';
  // Most clinical notes read as progress notes; the kind only decides how the viewer files them.
  return 'progress-note';
}

function isPlainText(attachment: Attachment | undefined): boolean {
  return !!attachment?.contentType && /^text\/plain(\s*;|$)/i.test(attachment.contentType);
}

function describeAttachment(attachment: Attachment | undefined): string {
  if (!attachment) return 'no content';
  const type = attachment.contentType ?? 'content of an unstated type';
  const size = attachment.size ?? (attachment.data ? Math.floor((attachment.data.length * 3) / 4) : undefined);
  const where = attachment.url ? ` at ${attachment.url}` : '';
  return `${type}${size !== undefined ? ` (${formatBytes(size)})` : ''}${where}`;
}

/**
 * The source document for an imported DocumentReference (its references already in the
 * chart's relative form), and a warning when its content could not be read.
 */
export function documentFromReference(reference: DocumentReference, fallbackDate: string): { document: SourceDocument; warning?: string } {
  const attachments = (reference.content ?? []).map((c) => c.attachment);
  const textAttachment = attachments.find((a) => isPlainText(a) && a.data !== undefined);
  const title = reference.type?.text ?? reference.type?.coding?.[0]?.display ?? reference.description ?? attachments[0]?.title ?? 'Imported document';
  let text: string;
  let warning: string | undefined;
  if (textAttachment) {
    try {
      text = base64ToUtf8(textAttachment.data as string);
    } catch (error) {
      text = `[The text of this document could not be decoded: ${(error as Error).message}.]`;
      warning = `DocumentReference/${reference.id}: its text/plain attachment is not valid base64 (${(error as Error).message}); it is shown as a note.`;
    }
  } else {
    text = `[This document's content is ${attachments.map(describeAttachment).join('; ') || 'missing'}, which ChartLab cannot show as text. Its details are kept with the chart and exported unchanged.]`;
  }
  const date = reference.date ?? reference.context?.period?.start ?? attachments.find((a) => a?.creation)?.creation ?? fallbackDate;
  const author = reference.author?.map((a) => a.reference).find((r) => r?.startsWith('Practitioner/'));
  const encounter = reference.context?.encounter?.map((e) => e.reference).find((r) => r?.startsWith('Encounter/'));
  const signer = reference.authenticator?.reference;
  const document: SourceDocument = {
    id: reference.id as string,
    kind: kindOf(reference, title),
    title,
    date,
    text,
    spans: [],
    imported: true,
  };
  if (author) document.author = author;
  if (encounter) document.encounter = encounter;
  if (signer?.startsWith('Practitioner/')) document.signed = { by: signer, at: date };
  return { document, warning };
}
