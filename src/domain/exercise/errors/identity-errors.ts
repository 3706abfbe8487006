import type { Patient } from '@medplum/fhirtypes';
import type { Chart, SourceDocument } from '@/domain/chart/chart-types';
import { generateRegistration, seededFaker } from '@/domain/chart/demographics';
import type { Sex } from '@/domain/codes/code-types';
import { PERSON_NAME_FORMS, personName } from '@/domain/documents/phrases';
import { ageShort } from '@/domain/documents/render-context';
import { createRng, type Rng } from '@/domain/rng/rng';
import { parseUserDate } from '@/domain/scoring/match';
import { daysBetween, printDate } from '@/domain/time/dates';
import { digitRunsIn, mentionsDate, says, statesRightValue } from './correction-match';
import { docRef, editDocument, spanText, spansOf, type Located } from './document-edit';
import { docLabel, evidenceOf, freeDocs, type ErrorKind, type PlantContext } from './planting';

/**
 * Record-integrity errors: a document that names the wrong patient, or the right patient with a
 * mistyped identifier. AHIMA's MPI and record-integrity practice briefs count misfiled documents
 * and mistyped MRNs and birth dates among the commonest causes of duplicate and overlaid records.
 */

const patientRefOf = (chart: Chart) => `Patient/${chart.patient.id}`;

function mrnOf(p: Patient): string {
  return p.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR'))?.value ?? p.identifier?.[0]?.value ?? '';
}

/** Header facts (name, MRN, DOB) of the patient in `doc`. */
function identitySpans(chart: Chart, doc: SourceDocument, field: string): Located[] {
  const ref = patientRefOf(chart);
  return doc.spans.filter((s) => s.ref === ref && s.field === field).map((span) => ({ doc, span }));
}

/** The same fact stated in other documents, registration first: the evidence of the truth. */
function sameFactElsewhere(chart: Chart, doc: SourceDocument, field: string, max = 3): Located[] {
  const found = spansOf(chart, patientRefOf(chart), [field]).filter((l) => l.doc !== doc && spanText(l.doc, l.span) !== '');
  found.sort((a, b) => Number(b.doc.kind === 'registration') - Number(a.doc.kind === 'registration'));
  const out: Located[] = [];
  for (const l of found) if (!out.some((o) => o.doc === l.doc)) out.push(l);
  return out.slice(0, max);
}

/**
 * Apply several replacements to one document, last first, so earlier offsets stay valid. A
 * replacement followed by column padding takes its length change out of the padding (at least two
 * spaces stay), so a header's second column stays where it was.
 */
function applyEdits(doc: SourceDocument, edits: { start: number; end: number; text: string }[]): void {
  for (const e of edits.slice().sort((a, b) => b.start - a.start)) {
    const pad = /^ {2,}(?=\S)/.exec(doc.text.slice(e.end))?.[0].length ?? 0;
    if (pad === 0) {
      editDocument(doc, e.start, e.end, e.text);
      continue;
    }
    const delta = e.text.length - (e.end - e.start);
    editDocument(doc, e.start, e.end + pad, e.text + ' '.repeat(Math.max(2, pad - delta)));
  }
}

// ---------------------------------------------------------------------------------------------
// Wrong patient (misfiled lab report)

/** Another synthetic patient of the same sex, from a seed drawn from `rng`. */
function anotherPatient(chart: Chart, rng: Rng): Patient | undefined {
  const own = chart.patient;
  for (let attempt = 0; attempt < 8; attempt++) {
    const seed = rng.uint32();
    const reg = generateRegistration(createRng(seed), seededFaker(seed, chart.meta.refDate), {
      seed,
      refDate: chart.meta.refDate,
      sex: (own.gender === 'female' ? 'female' : 'male') as Sex,
      age: rng.int(18, 88),
    });
    const other = reg.patient;
    if (other.name?.[0]?.family !== own.name?.[0]?.family && mrnOf(other) !== mrnOf(own)) return other;
  }
  return undefined;
}

/** The other patient's name in the form (and case) the document used for this one. */
function nameLike(chart: Chart, written: string, other: Patient): string {
  const own = chart.patient.name?.[0];
  const upper = written === written.toUpperCase();
  const form = PERSON_NAME_FORMS.find((f) => personName(own, f).toLowerCase() === written.toLowerCase()) ?? 'last-first';
  const name = personName(other.name?.[0], form);
  return upper ? name.toUpperCase() : name;
}

/** The other date in the print style of `written` (a printing of `own`). */
function dateLike(own: string, written: string, other: string): string {
  const style = (['us', 'us-short', 'long', 'iso'] as const).find((s) => printDate(own, s) === written) ?? 'us';
  return printDate(other, style);
}

export const wrongPatientResult: ErrorKind = {
  type: 'wrong-patient-result',
  label: 'Wrong-patient document (misfiled result)',
  description: "A lab report filed in this chart carries another patient's name and MRN.",
  whyItMatters:
    "Results filed to the wrong chart can drive treatment of the wrong person and leave the right patient's result missing; the document must be refiled and both records corrected.",
  category: 'integrity',
  plant(ctx: PlantContext) {
    const { chart, rng } = ctx;
    const candidates = freeDocs(
      ctx,
      chart.documents.filter((d) => d.kind === 'lab-report' && identitySpans(chart, d, 'mrn').length > 0 && identitySpans(chart, d, 'name').length > 0),
    ).filter((d) => sameFactElsewhere(chart, d, 'mrn').length > 0);
    if (candidates.length === 0) return undefined;
    const doc = rng.pick(candidates);
    const other = anotherPatient(chart, rng);
    if (!other) return undefined;
    const otherMrn = mrnOf(other);
    const otherName = personName(other.name?.[0], 'first-last');
    const evidence = evidenceOf([...sameFactElsewhere(chart, doc, 'mrn', 2), ...sameFactElsewhere(chart, doc, 'name', 1)]);

    const edits: { start: number; end: number; text: string }[] = [];
    for (const { span } of identitySpans(chart, doc, 'name')) edits.push({ start: span.start, end: span.end, text: nameLike(chart, spanText(doc, span), other) });
    for (const { span } of identitySpans(chart, doc, 'mrn')) edits.push({ start: span.start, end: span.end, text: otherMrn });
    const ownBirth = chart.patient.birthDate ?? '';
    for (const { span } of identitySpans(chart, doc, 'birthDate')) {
      edits.push({ start: span.start, end: span.end, text: dateLike(ownBirth, spanText(doc, span), other.birthDate ?? ownBirth) });
      // The age printed after the birth date ("(54 y)") belongs to the other patient too.
      const age = /^ \((\d+ (?:y|mo))\)/.exec(doc.text.slice(span.end));
      if (age) {
        const start = span.end + 2;
        edits.push({ start, end: start + (age[1] as string).length, text: ageShort(other.birthDate ?? ownBirth, doc.date.slice(0, 10)) });
      }
    }
    applyEdits(doc, edits);

    const cited = new Set(doc.spans.map((s) => s.ref));
    const reports = chart.labReports.filter((r) => (r.result ?? []).some((x) => x.reference && cited.has(x.reference))).map((r) => `DiagnosticReport/${r.id}`);
    return {
      error: {
        id: ctx.errorId,
        type: 'wrong-patient-result',
        target: docRef(doc),
        alsoAccept: reports,
        description: `The ${docLabel(doc)} is labeled with another patient's name (${otherName}) and MRN (${otherMrn}); it was filed in the wrong chart.`,
        correction: `Misfiled: refile to MRN ${otherMrn} (${otherName})`,
        evidence,
      },
      touched: [docRef(doc), ...reports],
    };
  },
  matches(error, entered) {
    const action = says(entered, /\b(misfil\w*|mis fil\w*|wrong (patient|chart|person|record)|re ?fil\w*|remove\w*|move\w*|belongs? to|another patient|different patient|other patient|not (this|the) patient|file (to|under|in|with))\b/);
    if (!action) return false;
    const otherMrn = /MRN (\d+)/.exec(error.correction)?.[1];
    const numbers = digitRunsIn(entered).filter((m) => m.value.length >= 6);
    // The destination is optional; if the learner names one, it must be the other patient's MRN.
    return numbers.length === 0 || (otherMrn !== undefined && statesRightValue(entered, numbers, (v) => v === otherMrn));
  },
};

// ---------------------------------------------------------------------------------------------
// Transposed MRN

export const transposedMrn: ErrorKind = {
  type: 'transposed-mrn',
  label: 'Transposed MRN',
  description: 'Two adjacent digits of the medical record number are swapped on one document.',
  whyItMatters:
    "A mistyped MRN can link a document to another patient's record or create a duplicate record; the MRN is the key that ties every document to the right person.",
  category: 'integrity',
  plant(ctx: PlantContext) {
    const { chart, rng } = ctx;
    const mrn = mrnOf(chart.patient);
    // Matching reads the digits a learner enters; an imported MRN may be a UUID (Synthea), which this error cannot be scored on.
    if (!/^\d+$/.test(mrn)) return undefined;
    const positions = [...mrn].map((_, i) => i).filter((i) => i + 1 < mrn.length && mrn[i] !== mrn[i + 1]);
    if (positions.length === 0) return undefined;
    const candidates = freeDocs(ctx, chart.documents).filter(
      (d) => identitySpans(chart, d, 'mrn').some((l) => spanText(d, l.span) === mrn) && sameFactElsewhere(chart, d, 'mrn').length > 0,
    );
    if (candidates.length === 0) return undefined;
    const doc = rng.pick(candidates);
    const i = rng.pick(positions);
    const wrong = mrn.slice(0, i) + mrn[i + 1] + mrn[i] + mrn.slice(i + 2);
    const evidence = evidenceOf(sameFactElsewhere(chart, doc, 'mrn'));
    const spans = identitySpans(chart, doc, 'mrn').filter((l) => spanText(doc, l.span) === mrn);
    // One slip, in one place: the first MRN the document prints.
    const first = spans[0] as Located;
    editDocument(doc, first.span.start, first.span.end, wrong);
    return {
      error: {
        id: ctx.errorId,
        type: 'transposed-mrn',
        target: docRef(doc),
        alsoAccept: [patientRefOf(chart)],
        description: `The ${docLabel(doc)} shows MRN ${wrong}; the patient's MRN is ${mrn} (two digits transposed).`,
        correction: mrn,
        evidence,
      },
      touched: [docRef(doc)],
    };
  },
  matches(error, entered) {
    const numbers = digitRunsIn(entered).filter((m) => m.value.length >= 4);
    return statesRightValue(entered, numbers, (v) => v === error.correction);
  },
};

// ---------------------------------------------------------------------------------------------
// Transposed birth date

/** Slips of one printed birth date: month and day swapped, or two adjacent digits swapped. */
function birthDateSlips(written: string, truth: string, latest: string): { text: string; monthDay: boolean }[] {
  const out: { text: string; monthDay: boolean }[] = [];
  const valid = (text: string) => {
    const parsed = parseUserDate(text);
    return parsed !== undefined && parsed.length === 10 && parsed !== truth && parsed >= '1900-01-01' && daysBetween(parsed, latest) >= 0;
  };
  const numeric = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(written);
  if (numeric) {
    const swapped = `${numeric[2]}/${numeric[1]}/${numeric[3]}`;
    if (valid(swapped)) out.push({ text: swapped, monthDay: true });
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(written);
  if (iso) {
    const swapped = `${iso[1]}-${iso[3]}-${iso[2]}`;
    if (valid(swapped)) out.push({ text: swapped, monthDay: true });
  }
  for (let i = 0; i + 1 < written.length; i++) {
    const a = written[i] as string;
    const b = written[i + 1] as string;
    if (a === b || !/\d/.test(a) || !/\d/.test(b)) continue;
    const text = written.slice(0, i) + b + a + written.slice(i + 2);
    if (valid(text) && !out.some((o) => o.text === text)) out.push({ text, monthDay: false });
  }
  return out;
}

export const transposedBirthDate: ErrorKind = {
  type: 'transposed-birth-date',
  label: 'Transposed date of birth',
  description: "The patient's date of birth on one document has its month and day (or two digits) swapped.",
  whyItMatters:
    'Date of birth is a primary identifier for matching patients and documents; a transposed DOB can cause a wrong-patient match, a duplicate record or a denied claim.',
  category: 'integrity',
  plant(ctx: PlantContext) {
    const { chart, rng } = ctx;
    const truth = chart.patient.birthDate;
    if (!truth) return undefined;
    const options: { doc: SourceDocument; located: Located; slips: ReturnType<typeof birthDateSlips> }[] = [];
    for (const doc of freeDocs(ctx, chart.documents)) {
      if (sameFactElsewhere(chart, doc, 'birthDate').length === 0) continue;
      const located = identitySpans(chart, doc, 'birthDate').find((l) => parseUserDate(spanText(doc, l.span)) === truth);
      if (!located) continue;
      const slips = birthDateSlips(spanText(doc, located.span), truth, doc.date.slice(0, 10));
      if (slips.length > 0) options.push({ doc, located, slips });
    }
    if (options.length === 0) return undefined;
    const { doc, located, slips } = rng.pick(options);
    const monthDay = slips.filter((s) => s.monthDay);
    const slip = monthDay.length > 0 && rng.chance(0.7) ? rng.pick(monthDay) : rng.pick(slips);
    const evidence = evidenceOf(sameFactElsewhere(chart, doc, 'birthDate'));
    editDocument(doc, located.span.start, located.span.end, slip.text);
    return {
      error: {
        id: ctx.errorId,
        type: 'transposed-birth-date',
        target: docRef(doc),
        alsoAccept: [patientRefOf(chart)],
        description: `The ${docLabel(doc)} gives the date of birth as ${slip.text}; the patient was born on ${printDate(truth, 'us')}.`,
        correction: printDate(truth, 'us'),
        evidence,
      },
      touched: [docRef(doc)],
    };
  },
  matches(error, entered) {
    const truth = parseUserDate(error.correction);
    return truth !== undefined && mentionsDate(entered, truth);
  },
};
