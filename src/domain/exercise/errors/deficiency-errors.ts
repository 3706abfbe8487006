import type { Encounter } from '@medplum/fhirtypes';
import type { Chart, SourceDocument } from '@/domain/chart/chart-types';
import { clinicianName } from '@/domain/documents/phrases';
import { addMinutes } from '@/domain/documents/render-context';
import { daysBetween, printDate, printTime } from '@/domain/time/dates';
import { says } from './correction-match';
import { docRef, editDocument, findSection, lineAt, signatureLine, spansOf, type Section } from './document-edit';
import { docLabel, evidenceAt, evidenceOf, freeDocs, type ErrorKind, type Evidence, type PlantContext } from './planting';

/**
 * Deficiencies found in a chart completion (deficiency) analysis: documents not authenticated,
 * authenticated too late, or missing a required part. Timeliness rules follow the CMS Conditions
 * of Participation for hospitals (42 CFR 482.24(c): entries authenticated promptly; 482.22(c)(5)(i):
 * H&P within 24 hours after admission; 482.24(c)(4)(viii) with the usual bylaws: record, including
 * the discharge summary, complete within 30 days of discharge) and the 72-hour limit for progress
 * notes that many medical staff bylaws set.
 */

const SIGNED_KINDS = new Set(['history-physical', 'progress-note', 'discharge-summary']);

function encounterOf(chart: Chart, doc: SourceDocument): Encounter | undefined {
  return chart.encounters.find((e) => `Encounter/${e.id}` === doc.encounter);
}

function authorName(chart: Chart, doc: SourceDocument): string {
  const p = chart.practitioners.find((x) => `Practitioner/${x.id}` === (doc.signed?.by ?? doc.author));
  return p ? clinicianName(p, 'signature') : 'the author';
}

/** The line that carries the document's title ("HISTORY AND PHYSICAL"), for evidence that the note is one. */
function titleLine(doc: SourceDocument): Evidence {
  const upper = doc.title.toUpperCase();
  const at = doc.text.indexOf(upper);
  if (at >= 0) return evidenceAt(doc, at, at + upper.length);
  const first = lineAt(doc.text, 0);
  return evidenceAt(doc, first.start, first.end);
}

/** The header's statement of who saw the patient (the author who must sign). */
function providerEvidence(chart: Chart, doc: SourceDocument): Evidence[] {
  if (!doc.encounter) return [];
  return evidenceOf(spansOf(chart, doc.encounter, ['provider']).filter((l) => l.doc === doc));
}

const SIGN_WORD = /\b(sign\w*|authenticat\w*|attest\w*|co ?sign\w*|unsigned)\b/;
const LATE_WORD = /\b(late\w*|delinquen\w*|untimely|not timely|overdue|past due|outside (the )?(time\w*|window|policy|deadline)|beyond|exceed\w*|after (the )?(deadline|24|72|30)|too long)\b/;

// ---------------------------------------------------------------------------------------------

export const missingSignature: ErrorKind = {
  type: 'missing-signature',
  label: 'Missing signature (unauthenticated note)',
  description: 'A note that must be authenticated by its author has no signature.',
  whyItMatters:
    'An unauthenticated entry is not a complete legal record (CMS CoP 42 CFR 482.24(c)(1)); it counts as a deficiency, and unsigned notes may not support billing or be releasable.',
  category: 'deficiency',
  plant(ctx: PlantContext) {
    const { chart, rng } = ctx;
    const options = freeDocs(ctx, chart.documents).filter((d) => SIGNED_KINDS.has(d.kind) && d.signed && signatureLine(d));
    if (options.length === 0) return undefined;
    const doc = rng.pick(options);
    const name = authorName(chart, doc);
    const line = signatureLine(doc) as { start: number; end: number };
    editDocument(doc, line.start, line.end, '');
    delete doc.signed;
    const evidence = providerEvidence(chart, doc);
    return {
      error: {
        id: ctx.errorId,
        type: 'missing-signature',
        target: docRef(doc),
        alsoAccept: [],
        description: `The ${docLabel(doc)} is not signed by its author, ${name}.`,
        correction: `Obtain signature / authentication from ${name}`,
        evidence: evidence.length > 0 ? evidence : [titleLine(doc)],
      },
      touched: [docRef(doc)],
    };
  },
  matches(_error, entered) {
    if (!says(entered, SIGN_WORD)) return false;
    // "Late signature" is a different deficiency: this note has none at all.
    return !says(entered, LATE_WORD) || says(entered, /\b(missing|obtain\w*|unsigned|lack\w*|no|not signed|without|request\w*|need\w*|pending|absent)\b/);
  },
};

// ---------------------------------------------------------------------------------------------

interface LatePolicy {
  /** When the clock starts, and the limit in hours. */
  from: (e: Encounter) => string | undefined;
  limitHours: number;
  /** How late to sign, in hours past `from` (inclusive range). */
  lateHours: [number, number];
  rule: string;
  fromWhat: string;
}

const LATE_POLICIES: Record<string, LatePolicy> = {
  'history-physical': {
    from: (e) => (e.class?.code === 'IMP' ? e.period?.start : undefined),
    limitHours: 24,
    lateHours: [30, 110],
    rule: 'H&P within 24 hours after admission (CMS CoP 482.22(c)(5)(i), medical staff bylaws)',
    fromWhat: 'admission',
  },
  'progress-note': {
    from: (e) => e.period?.end ?? e.period?.start,
    limitHours: 72,
    lateHours: [4 * 24, 14 * 24],
    rule: 'progress notes authenticated within 72 hours (medical staff bylaws; CMS CoP 482.24(c))',
    fromWhat: 'the visit',
  },
  'discharge-summary': {
    from: (e) => e.period?.end,
    limitHours: 30 * 24,
    lateHours: [35 * 24, 75 * 24],
    rule: 'discharge summary completed within 30 days of discharge (CMS CoP 482.24(c)(4)(viii), medical staff bylaws)',
    fromWhat: 'discharge',
  },
};

/** " on 03/14/2026 at 14:05" in a signature line: where it starts and the date style it uses. */
function signatureTime(doc: SourceDocument): { start: number; end: number; style: 'us' | 'us-short' | 'long' | 'iso' } | undefined {
  const line = signatureLine(doc);
  if (!line || !doc.signed) return undefined;
  const text = doc.text.slice(line.start, line.end).replace(/\n$/, '');
  const m = / on (.+) at (\d{2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const style = (['us', 'us-short', 'long', 'iso'] as const).find((s) => printDate(doc.signed?.at ?? '', s) === m[1]);
  if (!style) return undefined;
  return { start: line.start + m.index + 4, end: line.start + text.length, style };
}

export const lateSignature: ErrorKind = {
  type: 'late-signature',
  label: 'Late signature (authentication past the deadline)',
  description: 'A note was authenticated later than the medical staff bylaws and CMS rules allow.',
  whyItMatters:
    'Timely authentication is a CMS Condition of Participation and an accreditation standard; late notes are counted as delinquent records, reported to medical staff leadership, and weaken the record as evidence of care.',
  category: 'deficiency',
  plant(ctx: PlantContext) {
    const { chart, rng } = ctx;
    const options: { doc: SourceDocument; policy: LatePolicy; from: string; at: string; where: NonNullable<ReturnType<typeof signatureTime>> }[] = [];
    for (const doc of freeDocs(ctx, chart.documents)) {
      const policy = LATE_POLICIES[doc.kind];
      const e = encounterOf(chart, doc);
      const from = policy && e ? policy.from(e) : undefined;
      const where = signatureTime(doc);
      if (!policy || !from || !where) continue;
      const hours = rng.int(policy.lateHours[0], policy.lateHours[1]);
      const at = addMinutes(from, hours * 60 + rng.int(0, 59));
      // Signed before the record's "today", or it could not have been signed yet.
      if (daysBetween(at, chart.meta.refDate) < 0) continue;
      options.push({ doc, policy, from, at, where });
    }
    if (options.length === 0) return undefined;
    const { doc, policy, from, at, where } = rng.pick(options);
    const replacement = `${printDate(at, where.style)} at ${printTime(at)}`;
    editDocument(doc, where.start, where.end, replacement);
    doc.signed = { by: doc.signed?.by as string, at };
    const hoursLate = Math.round((Date.parse(at) - Date.parse(from)) / 3_600_000);
    const elapsed = hoursLate >= 72 ? `${Math.floor(hoursLate / 24)} days` : `${hoursLate} hours`;
    const name = authorName(chart, doc);
    const dateSpans = doc.encounter ? spansOf(chart, doc.encounter, [doc.kind === 'discharge-summary' ? 'end' : 'date']).filter((l) => l.doc === doc).slice(0, 1) : [];
    return {
      error: {
        id: ctx.errorId,
        type: 'late-signature',
        target: docRef(doc),
        alsoAccept: [],
        description: `The ${docLabel(doc)} was signed ${printDate(at, 'us')}, ${elapsed} after ${policy.fromWhat}; the rule is ${policy.rule}.`,
        correction: `Late authentication (${elapsed} after ${policy.fromWhat}) — flag as a deficiency and notify ${name}`,
        evidence: [...evidenceOf(dateSpans), evidenceAt(doc, where.start, where.start + replacement.length)],
      },
      touched: [docRef(doc)],
    };
  },
  matches(_error, entered) {
    return says(entered, LATE_WORD) || (says(entered, /\bdeficien\w*/) && says(entered, /\b(flag\w*|notif\w*|report\w*|track\w*|delinquen\w*|time\w*)\b/) && !says(entered, /\b(missing|unsigned|obtain\w*)\b/));
  },
};

// ---------------------------------------------------------------------------------------------

interface Element {
  name: string;
  /** Heading titles of the sections that make up the element, first to last. */
  headings: RegExp[];
  /** What a learner may call it. */
  words: RegExp;
}

const HP_ELEMENTS: Element[] = [
  { name: 'allergies', headings: [/^allergies$/i], words: /\b(allerg\w*|nkda|nka)\b/ },
  { name: 'physical exam', headings: [/^physical exam/i], words: /\b(physical|exam\w*|pe)\b/ },
  { name: 'assessment and plan', headings: [/^assessment and plan$/i], words: /\b(assessment|plan|a ?& ?p|a\/p|impression)\b/ },
];

const DISCHARGE_ELEMENTS: Element[] = [
  { name: 'discharge medications', headings: [/^discharge medications$/i], words: /\b(med\w*|drugs?|prescriptions?|rx|reconciliation)\b/ },
  { name: 'disposition and follow-up', headings: [/^disposition$/i, /^follow-?up$/i], words: /\b(disposition|follow ?up|f\/u|discharged? to|discharge instructions|instructions)\b/ },
];

/** The text an element spans: from its first section's heading to the end of its last section. */
function elementRange(doc: SourceDocument, element: Element): { start: number; end: number } | undefined {
  const sections = element.headings.map((h) => findSection(doc, h));
  if (sections.some((s) => s === undefined)) return undefined;
  const found = sections as Section[];
  return { start: (found[0] as Section).start, end: (found[found.length - 1] as Section).end };
}

function missingElement(kind: 'history-physical' | 'discharge-summary', elements: Element[]) {
  return (ctx: PlantContext) => {
    const { chart, rng } = ctx;
    const options: { doc: SourceDocument; element: Element; range: { start: number; end: number } }[] = [];
    for (const doc of freeDocs(ctx, chart.documents.filter((d) => d.kind === kind))) {
      for (const element of elements) {
        const range = elementRange(doc, element);
        if (range) options.push({ doc, element, range });
      }
    }
    if (options.length === 0) return undefined;
    const { doc, element, range } = rng.pick(options);
    editDocument(doc, range.start, range.end, '');
    const evidence: Evidence[] = [titleLine(doc)];
    if (element.name === 'allergies') {
      // The intake form shows what the H&P should have documented.
      const registration = chart.documents.find((d) => d.kind === 'registration');
      const stated = registration ? registration.spans.filter((s) => s.ref.startsWith('AllergyIntolerance/') && s.field === 'code') : [];
      for (const s of stated.slice(0, 3)) evidence.push(evidenceAt(registration as SourceDocument, s.start, s.end));
    }
    if (kind === 'discharge-summary' && doc.encounter) {
      evidence.push(...evidenceOf(spansOf(chart, doc.encounter, ['end']).filter((l) => l.doc === doc).slice(0, 1)));
    }
    const what = kind === 'history-physical' ? 'H&P' : 'discharge summary';
    return {
      error: {
        id: ctx.errorId,
        type: kind === 'history-physical' ? ('missing-hp-element' as const) : ('missing-discharge-element' as const),
        target: docRef(doc),
        alsoAccept: [],
        description: `The ${docLabel(doc)} has no ${element.name} section, a required element of the ${what}.`,
        correction: `Missing ${element.name}: query ${authorName(chart, doc)} to complete the ${what}`,
        evidence,
      },
      touched: [docRef(doc)],
    };
  };
}

function elementMatcher(elements: Element[]) {
  return (error: { correction: string }, entered: string) => {
    const element = elements.find((e) => error.correction.startsWith(`Missing ${e.name}:`));
    return !!element && says(entered, element.words);
  };
}

export const missingHpElement: ErrorKind = {
  type: 'missing-hp-element',
  label: 'H&P missing a required element',
  description: 'The history and physical lacks a required part: allergies, physical examination, or assessment and plan.',
  whyItMatters:
    'CMS (42 CFR 482.22(c)(5), 482.24(c)(4)(i)) and the medical staff bylaws define what an H&P must contain; an incomplete H&P is a deficiency and leaves the admission without a documented basis for care.',
  category: 'deficiency',
  plant: missingElement('history-physical', HP_ELEMENTS),
  matches: elementMatcher(HP_ELEMENTS),
};

export const missingDischargeElement: ErrorKind = {
  type: 'missing-discharge-element',
  label: 'Discharge summary missing a required element',
  description: 'The discharge summary lacks a required part: discharge medications, or disposition and follow-up.',
  whyItMatters:
    'The discharge summary must state the outcome, disposition and provisions for follow-up care (42 CFR 482.24(c)(4)(vii)); without the medication list and follow-up plan the next provider cannot continue care safely.',
  category: 'deficiency',
  plant: missingElement('discharge-summary', DISCHARGE_ELEMENTS),
  matches: elementMatcher(DISCHARGE_ELEMENTS),
};
