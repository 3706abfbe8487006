import type { Condition, MedicationStatement, Reference } from '@medplum/fhirtypes';
import type { SourceDocument } from '@/domain/chart/chart-types';
import { buildMedication } from '@/domain/chart/clinical-history';
import { ALLERGENS, DRUGS } from '@/domain/codes/code-tables';
import type { Drug } from '@/domain/codes/code-types';
import { allergenFor, conditionModuleFor, drugFor } from '@/domain/documents/code-lookup';
import { allergenNames, isNoKnownAllergy, upperFirst, withoutTag } from '@/domain/documents/phrases';
import { sameTerm } from '@/domain/scoring/match';
import { addDays, addYears, daysBetween, printDate } from '@/domain/time/dates';
import { mentionsDate, says, termMentions } from './correction-match';
import { docRef, editDocument, lineAt, spanText, spansOf, type Located } from './document-edit';
import { byDate, docLabel, dropSpansOf, evidenceAt, evidenceOf, isFree, refTo, type ErrorKind, type PlantContext } from './planting';

/**
 * Errors in the structured lists (allergies, problems, medications, immunizations) that a
 * technician finds by reconciling the lists with the source documents, as in a medication or
 * allergy reconciliation (Joint Commission NPSG.03.06.01).
 */

const FULL_DATE_STYLES = ['us', 'us-short', 'long', 'iso'] as const;

const CLINICAL_NOTES = new Set(['history-physical', 'progress-note', 'discharge-summary']);

function drugName(m: MedicationStatement): string {
  return drugFor(m.medicationCodeableConcept)?.ingredient ?? m.medicationCodeableConcept?.text ?? 'the medication';
}

function allergenName(code: Parameters<typeof allergenNames>[0]): string {
  return code?.text ?? withoutTag(code?.coding?.[0]?.display ?? 'the allergen');
}

/** Documents in the order a technician would cite them for an allergy: H&P, registration, the rest. */
const ALLERGY_DOC_ORDER = ['history-physical', 'registration', 'discharge-summary', 'progress-note', 'medication-list'];

function allergyDocRank(doc: SourceDocument): number {
  const i = ALLERGY_DOC_ORDER.indexOf(doc.kind);
  return i < 0 ? ALLERGY_DOC_ORDER.length : i;
}

// ---------------------------------------------------------------------------------------------

export const allergyMissingFromList: ErrorKind = {
  type: 'allergy-missing-from-list',
  label: 'Documented allergy missing from the allergy list',
  description: 'An allergy stated in a source document (H&P, intake form) is not on the structured allergy list.',
  whyItMatters:
    'Prescribing and pharmacy checks run against the structured allergy list, not the notes; an allergy left off the list can let a drug the patient reacts to be ordered and dispensed.',
  category: 'data-quality',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    const options = chart.allergies
      .filter((a) => !isNoKnownAllergy(a) && isFree(taken, refTo(a)))
      .map((a) => ({ a, located: spansOf(chart, refTo(a), ['code']).filter((l) => isFree(taken, docRef(l.doc))) }))
      .filter((o) => o.located.length > 0);
    if (options.length === 0) return undefined;
    const { a, located } = rng.pick(options);
    const ref = refTo(a);
    // The documents a technician would cite (H&P, intake form, then the rest), at most four.
    const cited = located.slice().sort((x, y) => allergyDocRank(x.doc) - allergyDocRank(y.doc)).slice(0, 4);
    const docs = [...new Set(cited.map((l) => l.doc))];
    const main = docs[0] as SourceDocument;
    const evidence = evidenceOf(cited);
    // Off the list; with none left the list stays empty rather than claiming "no known allergies".
    chart.allergies = chart.allergies.filter((x) => x !== a);
    dropSpansOf(chart, ref);
    const name = allergenName(a.code);
    return {
      error: {
        id: ctx.errorId,
        type: 'allergy-missing-from-list',
        target: docRef(main),
        alsoAccept: [`Patient/${chart.patient.id}`, ...docs.slice(1).map(docRef)],
        description: `The ${docLabel(main)} documents an allergy to ${name}, but the allergy list does not include it.`,
        correction: name,
        evidence,
      },
      touched: [ref, ...docs.map(docRef)],
    };
  },
  matches(error, entered) {
    const allergen = ALLERGENS.find((x) => sameTerm(x.code.display, error.correction) || x.synonyms.some((s) => sameTerm(s, error.correction)));
    const terms = [error.correction, ...(allergen ? [allergen.code.display, ...allergen.synonyms] : [])];
    return termMentions(entered, terms).length > 0;
  },
};

// ---------------------------------------------------------------------------------------------

const STOP_ACTION =
  /\b(discontinu\w*|stop\w*|hold\w*|held|remov\w*|d\/c|dc|cancel\w*|delet\w*|(contact|notify|call|alert|page|query|message)\w* (the )?(prescrib\w*|physician|provider|doctor|md|pharmac\w*|attending)|quer\w*|clarif\w*)\b/;

export const drugAllergyConflict: ErrorKind = {
  type: 'drug-allergy-conflict',
  label: 'Drug-allergy conflict',
  description: 'An active medication belongs to a drug class the patient is documented to be allergic to.',
  whyItMatters:
    'Giving a drug from a class the patient is allergic to risks a reaction up to anaphylaxis; the conflict must be raised with the prescriber before the next dose.',
  category: 'data-quality',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    const onList = new Set(chart.medications.map((m) => drugFor(m.medicationCodeableConcept)?.ingredient).filter(Boolean));
    const options: { allergyRef: string; located: Located[]; drug: Drug; name: string }[] = [];
    for (const a of chart.allergies) {
      const allergen = allergenFor(a.code);
      if (!allergen || allergen.drugClasses.length === 0 || !isFree(taken, refTo(a))) continue;
      const located = spansOf(chart, refTo(a), ['code']);
      if (located.length === 0) continue;
      for (const drug of DRUGS) {
        if (onList.has(drug.ingredient) || !drug.allergyClasses.some((c) => allergen.drugClasses.includes(c))) continue;
        options.push({ allergyRef: refTo(a), located, drug, name: allergenName(a.code) });
      }
    }
    if (options.length === 0) return undefined;
    const { allergyRef, located, drug, name } = rng.pick(options);
    // Prescribed for a problem it treats when the chart has one, else for any problem on the list.
    const treats = chart.conditions.find((c) => conditionModuleFor(c.code)?.medications.some((line) => line.options.some((o) => o.drug === drug.id)));
    const reason: Condition | undefined = treats ?? chart.conditions.find((c) => c.clinicalStatus?.coding?.[0]?.code === 'active');
    const birth = chart.patient.birthDate ?? chart.meta.refDate;
    let start = addDays(chart.meta.refDate, -rng.int(2, 21));
    if (daysBetween(birth, start) < 0) start = birth;
    const prescriber: Reference<never> = (chart.medications[0]?.informationSource as Reference<never> | undefined) ?? {
      reference: chart.patient.generalPractitioner?.[0]?.reference,
    };
    const statement = buildMedication(rng, drug, {
      patientRef: { reference: `Patient/${chart.patient.id}` },
      informationSource: prescriber,
      reason: reason ?? { resourceType: 'Condition', subject: { reference: `Patient/${chart.patient.id}` } },
      start,
      status: 'active',
      asserted: chart.meta.refDate,
    });
    if (!reason) delete statement.reasonReference;
    chart.medications.push(statement);
    const ref = refTo(statement);
    return {
      error: {
        id: ctx.errorId,
        type: 'drug-allergy-conflict',
        target: ref,
        alsoAccept: [allergyRef],
        description: `${upperFirst(drug.ingredient)} (${drug.drugClass}) is an active medication, but the patient has a documented ${name} allergy.`,
        correction: `Discontinue ${drug.ingredient} / contact prescriber (documented ${name} allergy)`,
        evidence: evidenceOf(located.slice(0, 4)),
      },
      touched: [ref, allergyRef],
    };
  },
  matches(_error, entered) {
    if (!says(entered, STOP_ACTION)) return false;
    // "Remove the penicillin allergy" is the wrong fix: the allergy is real, the drug is the problem.
    return !says(entered, /\b(remov\w*|delet\w*|inactivat\w*|discontinu\w*|d\/c|dc|clear\w*)( the)?( [a-z0-9/.+%-]+){0,3} allerg\w*/);
  },
};

// ---------------------------------------------------------------------------------------------

const DUPLICATE_ACTION = /\b(duplicat\w*|remov\w*|delet\w*|entered in error|merg\w*|combin\w*|consolidat\w*|redundant|twice|double\w*|inactivat\w*)\b/;

export const duplicateEntry: ErrorKind = {
  type: 'duplicate-entry',
  label: 'Duplicate entry',
  description: 'The same medication or problem is entered twice on a structured list.',
  whyItMatters:
    'Duplicates inflate the problem and medication lists, can look like double dosing, and make it unclear which entry to update, so later changes reach only one copy.',
  category: 'data-quality',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    const meds = chart.medications.filter((m) => m.status === 'active').map((r) => ({ r, list: 'medications' as const, field: 'drug' }));
    // Active problem-list entries: the list a duplicate clutters (encounter diagnoses are per visit).
    const problems = chart.conditions
      .filter((c) => c.category?.some((k) => k.coding?.some((x) => x.code === 'problem-list-item')) && c.clinicalStatus?.coding?.[0]?.code === 'active')
      .map((r) => ({ r, list: 'conditions' as const, field: 'code' }));
    const options = [...meds, ...problems]
      .filter((o) => isFree(taken, refTo(o.r)))
      .map((o) => ({ ...o, located: spansOf(chart, refTo(o.r), [o.field]) }))
      .filter((o) => o.located.length > 0);
    if (options.length === 0) return undefined;
    const pick = rng.pick(options);
    const copy = structuredClone(pick.r);
    copy.id = rng.uuid();
    let name: string;
    if (pick.list === 'medications') {
      const list = chart.medications;
      list.splice(list.indexOf(pick.r as MedicationStatement) + 1, 0, copy as MedicationStatement);
      name = drugName(pick.r as MedicationStatement);
    } else {
      const list = chart.conditions;
      list.splice(list.indexOf(pick.r as Condition) + 1, 0, copy as Condition);
      name = (pick.r as Condition).code?.text ?? 'the problem';
    }
    const original = refTo(pick.r);
    const duplicate = refTo(copy);
    return {
      error: {
        id: ctx.errorId,
        type: 'duplicate-entry',
        target: duplicate,
        alsoAccept: [original],
        description: `${upperFirst(name)} is entered twice on the ${pick.list === 'medications' ? 'medication' : 'problem'} list.`,
        correction: 'Remove duplicate',
        evidence: evidenceOf(pick.located.slice(0, 3)),
      },
      touched: [original, duplicate],
    };
  },
  matches(_error, entered) {
    return says(entered, DUPLICATE_ACTION) && !says(entered, /\b(discontinu\w*|stop\w*)\b/);
  },
};

// ---------------------------------------------------------------------------------------------

const INACTIVATE =
  /\b(discontinu\w*|inactiv\w*|stop\w*|d\/c|dc|complet\w*|finish\w*|end date|ended|no longer (taking|active|taken|on)|not (taking|active|taken)|remov\w* from (the )?active|resolv\w*|historical|expired)\b/;

/** Remove the lines that cite `ref` from `doc`, if each such line cites nothing else; renumber a numbered list. */
function removeLinesCiting(doc: SourceDocument, ref: string): boolean {
  const lines: { start: number; end: number }[] = [];
  for (const s of doc.spans) {
    if (s.ref !== ref) continue;
    const line = lineAt(doc.text, s.start);
    if (!lines.some((l) => l.start === line.start)) lines.push(line);
  }
  if (lines.length === 0) return true;
  for (const line of lines) {
    if (doc.spans.some((s) => s.ref !== ref && s.start < line.end && s.end > line.start)) return false;
  }
  lines.sort((a, b) => b.start - a.start);
  const firstStart = (lines[lines.length - 1] as { start: number }).start;
  const number = /^ {2}(\d+)\. /.exec(doc.text.slice(firstStart));
  for (const line of lines) editDocument(doc, line.start, Math.min(doc.text.length, line.end + 1), '');
  if (number) {
    // Later items of the numbered list move up by one ("  3. " → "  2. ").
    let pos = firstStart;
    for (;;) {
      const rest = doc.text.slice(pos);
      const next = /^( {2})(\d+)(\. )/m.exec(rest);
      if (!next || rest.slice(0, next.index).includes('\n\n')) break;
      const at = pos + next.index + 2;
      const n = Number(next[2]);
      editDocument(doc, at, at + (next[2] as string).length, String(n - 1));
      pos = lineAt(doc.text, at).end;
    }
  }
  return true;
}

export const discontinuedStillActive: ErrorKind = {
  type: 'discontinued-still-active',
  label: 'Discontinued medication still active',
  description: 'A medication that the documents show as stopped or completed is still active on the medication list.',
  whyItMatters:
    'A stopped drug left active can be refilled, reconciled back into orders or given again at the next admission, and it hides the true current regimen from every reader.',
  category: 'data-quality',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    // A finished course still marked active (the medication list prints it as completed).
    const finished = chart.medications
      .filter((m) => m.status !== 'active' && m.effectivePeriod?.end && isFree(taken, refTo(m)))
      .map((m) => ({ m, located: spansOf(chart, refTo(m), ['end', 'status']).filter((l) => isFree(taken, docRef(l.doc))) }))
      .filter((o) => o.located.length > 0);
    if (finished.length > 0 && (rng.chance(0.5) || !canDiscontinueInNote(ctx))) {
      const { m, located } = rng.pick(finished);
      const end = m.effectivePeriod?.end as string;
      const was = m.status;
      m.status = 'active';
      if (m.effectivePeriod) delete m.effectivePeriod.end;
      const ref = refTo(m);
      return {
        error: {
          id: ctx.errorId,
          type: 'discontinued-still-active',
          target: ref,
          alsoAccept: [...new Set(located.map((l) => docRef(l.doc)))],
          description: `${upperFirst(drugName(m))} is active on the medication list, but the course ended on ${printDate(end, 'us')} (${was}).`,
          correction: `Mark ${drugName(m)} ${was === 'stopped' ? 'discontinued' : 'completed'} / inactive (ended ${printDate(end, 'us')})`,
          evidence: evidenceOf(located),
        },
        touched: [ref, ...located.map((l) => docRef(l.doc))],
      };
    }
    return discontinueInNote(ctx);
  },
  matches(_error, entered) {
    return says(entered, INACTIVATE) && !says(entered, /\b(duplicat\w*)\b/);
  },
};

/** How a note continues a medication, and the words that stop it instead. */
const CONTINUE_VERBS: { pattern: RegExp; stop: string }[] = [
  { pattern: /Continue $/, stop: 'Discontinue ' },
  { pattern: /Cont\. $/, stop: 'D/C ' },
  { pattern: /Refill $/, stop: 'Stop ' },
  // Discharge medication reconciliation: the same column width, so the list stays aligned.
  { pattern: /^ {2}CONTINUE: $/, stop: 'STOP:     ' },
];

/** Lines that list what the patient came in taking: a mention there does not continue the drug. */
const INTAKE_LIST = /^ {2}(Current meds|Home medications|HOME MEDICATIONS):/;

interface NoteOption {
  m: MedicationStatement;
  note: SourceDocument;
  /** The continue-verbs in the note to turn into stop-verbs: [start, end) and the replacement. */
  stops: { start: number; end: number; text: string }[];
  later: SourceDocument[];
}

/** Where each mention of `ref` in a note continues it; undefined when a mention is of another kind. */
function continuations(note: SourceDocument, ref: string): NoteOption['stops'] | undefined {
  const stops: NoteOption['stops'] = [];
  for (const span of note.spans) {
    if (span.ref !== ref || span.field !== 'drug') continue;
    const line = lineAt(note.text, span.start);
    const prefix = note.text.slice(line.start, span.start);
    const verb = CONTINUE_VERBS.map((v) => ({ v, m: v.pattern.exec(prefix) })).find((x) => x.m);
    if (verb?.m) {
      const start = line.start + verb.m.index + (verb.v.stop.startsWith('STOP') ? 2 : 0);
      stops.push({ start, end: span.start, text: verb.v.stop });
      continue;
    }
    // Continuation lines of a wrapped list are indented by four; find the list's first line.
    let head = line;
    while (/^ {4}/.test(note.text.slice(head.start)) && head.start > 0) head = lineAt(note.text, head.start - 1);
    if (!INTAKE_LIST.test(note.text.slice(head.start, head.end))) return undefined;
  }
  return stops;
}

function noteOptions(ctx: PlantContext): NoteOption[] {
  const { chart, taken } = ctx;
  const out: NoteOption[] = [];
  for (const m of chart.medications) {
    const ref = refTo(m);
    if (m.status !== 'active' || m.effectivePeriod?.end || !isFree(taken, ref)) continue;
    const docs = byDate([...new Set(spansOf(chart, ref, ['drug']).map((l) => l.doc))]);
    const notes = docs.filter((d) => CLINICAL_NOTES.has(d.kind));
    const note = notes[notes.length - 1];
    if (!note || note.kind === 'history-physical' || !isFree(taken, docRef(note))) continue;
    const stops = continuations(note, ref);
    if (!stops || stops.length === 0) continue;
    const later = docs.filter((d) => !CLINICAL_NOTES.has(d.kind));
    if (later.some((d) => !isFree(taken, docRef(d)) || d.date.slice(0, 10) < note.date.slice(0, 10))) continue;
    out.push({ m, note, stops, later });
  }
  return out;
}

function canDiscontinueInNote(ctx: PlantContext): boolean {
  return noteOptions(ctx).length > 0;
}

/**
 * The last note that mentions an active medication stops it ("Discontinue lisinopril 10 mg", a
 * discharge summary's "STOP:"); the lists printed after it (medication list, intake form) no
 * longer show it, but the structured list still does.
 */
function discontinueInNote(ctx: PlantContext) {
  const { rng } = ctx;
  const options = noteOptions(ctx);
  if (options.length === 0) return undefined;
  const { m, note, stops, later } = rng.pick(options);
  const ref = refTo(m);
  // Later printed lists drop the line; if one cannot be edited cleanly, leave this medication alone.
  const trial = structuredClone(later);
  if (!trial.every((d) => removeLinesCiting(d, ref))) return undefined;
  trial.forEach((d, i) => Object.assign(later[i] as SourceDocument, d));

  for (const stop of stops.slice().sort((a, b) => b.start - a.start)) editDocument(note, stop.start, stop.end, stop.text);
  // The first stop, to the end of its sentence (or line), is where the note says so.
  const firstStop = stops.slice().sort((a, b) => a.start - b.start)[0] as { start: number; end: number; text: string };
  const from = firstStop.start;
  const line = lineAt(note.text, from);
  const period = note.text.indexOf('.', from + firstStop.text.length);
  const to = period >= 0 && period < line.end ? period + 1 : line.end;
  const name = drugName(m);
  const day = note.date.slice(0, 10);
  return {
    error: {
      id: ctx.errorId,
      type: 'discontinued-still-active' as const,
      target: ref,
      alsoAccept: [docRef(note)],
      description: `The ${docLabel(note)} stops ${name}, but it is still active on the medication list.`,
      correction: `Mark ${name} discontinued / inactive (stopped ${printDate(day, 'us')})`,
      evidence: [evidenceAt(note, from, to)],
    },
    touched: [ref, docRef(note), ...later.map(docRef)],
  };
}

// ---------------------------------------------------------------------------------------------

export const missingOrderDate: ErrorKind = {
  type: 'missing-order-date',
  label: 'Missing medication start date',
  description: 'A medication on the structured list has no start date, although the documents give one.',
  whyItMatters:
    'Without a start date the list cannot show how long a drug has been taken, which matters for monitoring, adverse-event timing, quality measures and reconciliation.',
  category: 'data-quality',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    const options = chart.medications
      .filter((m) => m.effectivePeriod?.start && isFree(taken, refTo(m)))
      .map((m) => ({
        m,
        located: spansOf(chart, refTo(m), ['start']).filter((l) => FULL_DATE_STYLES.some((style) => printDate(m.effectivePeriod?.start as string, style) === spanText(l.doc, l.span))),
      }))
      .filter((o) => o.located.length > 0);
    if (options.length === 0) return undefined;
    const { m, located } = rng.pick(options);
    const start = (m.effectivePeriod?.start as string).slice(0, 10);
    const period = m.effectivePeriod as { start?: string; end?: string };
    delete period.start;
    if (!period.end) delete m.effectivePeriod;
    const ref = refTo(m);
    return {
      error: {
        id: ctx.errorId,
        type: 'missing-order-date',
        target: ref,
        alsoAccept: [...new Set(located.map((l) => docRef(l.doc)))],
        description: `${upperFirst(drugName(m))} has no start date on the medication list; the documents give ${printDate(start, 'us')}.`,
        correction: printDate(start, 'us'),
        evidence: evidenceOf(located),
      },
      touched: [ref, ...located.map((l) => docRef(l.doc))],
    };
  },
  matches(error, entered) {
    return mentionsDate(entered, toIso(error.correction));
  },
};

function toIso(us: string): string {
  const [m, d, y] = us.split('/');
  return `${y}-${m}-${d}`;
}

// ---------------------------------------------------------------------------------------------

export const impossibleDate: ErrorKind = {
  type: 'impossible-date',
  label: 'Impossible date',
  description: "A date on the structured record cannot be true: before the patient's birth or after today.",
  whyItMatters:
    'Impossible dates break timelines, age-based decision support, immunization forecasting and quality measures, and signal a keying error that may hide the real date.',
  category: 'data-quality',
  plant(ctx: PlantContext) {
    const { chart, rng, taken } = ctx;
    const birth = chart.patient.birthDate;
    if (!birth) return undefined;
    const refDate = chart.meta.refDate;
    type Option = { ref: string; what: string; truth: string; wrong: string; located: Located[]; apply: () => void; reason: string };
    const options: Option[] = [];
    const fullDateSpans = (ref: string, field: string, truth: string) =>
      spansOf(chart, ref, [field]).filter((l) => FULL_DATE_STYLES.some((style) => printDate(truth, style) === spanText(l.doc, l.span)));
    for (const m of chart.medications) {
      const start = m.effectivePeriod?.start;
      if (!start || !isFree(taken, refTo(m))) continue;
      // A century slip (2019 keyed as 1919) puts the start before the patient was born.
      const wrong = addYears(start.slice(0, 10), -100);
      const located = fullDateSpans(refTo(m), 'start', start);
      if (daysBetween(wrong, birth) > 0 && located.length > 0) {
        options.push({ ref: refTo(m), what: `start date of ${drugName(m)}`, truth: start.slice(0, 10), wrong, located, reason: 'before the patient was born', apply: () => ((m.effectivePeriod as { start: string }).start = wrong) });
      }
    }
    for (const c of chart.conditions) {
      const onset = c.onsetDateTime;
      if (!onset || !isFree(taken, refTo(c))) continue;
      const wrong = addYears(onset.slice(0, 10), -100);
      const located = fullDateSpans(refTo(c), 'onset', onset);
      if (daysBetween(wrong, birth) > 0 && located.length > 0) {
        options.push({ ref: refTo(c), what: `onset date of ${c.code?.text ?? 'a problem'}`, truth: onset.slice(0, 10), wrong, located, reason: 'before the patient was born', apply: () => (c.onsetDateTime = wrong) });
      }
    }
    for (const i of chart.immunizations) {
      const day = i.occurrenceDateTime;
      if (!day || !isFree(taken, refTo(i))) continue;
      // A decade slip (2024 keyed as 2034) puts the dose in the future.
      const wrong = addYears(day.slice(0, 10), 10);
      const located = fullDateSpans(refTo(i), 'date', day);
      if (daysBetween(refDate, wrong) > 0 && located.length > 0) {
        options.push({ ref: refTo(i), what: `date of the ${i.vaccineCode?.text ?? 'vaccine'} dose`, truth: day.slice(0, 10), wrong, located, reason: `after the record's date (${printDate(refDate, 'us')})`, apply: () => (i.occurrenceDateTime = wrong) });
      }
    }
    if (options.length === 0) return undefined;
    const o = rng.pick(options);
    o.apply();
    return {
      error: {
        id: ctx.errorId,
        type: 'impossible-date',
        target: o.ref,
        alsoAccept: [...new Set(o.located.map((l) => docRef(l.doc)))],
        description: `The ${o.what} is ${printDate(o.wrong, 'us')}, ${o.reason}; the documents give ${printDate(o.truth, 'us')}.`,
        correction: printDate(o.truth, 'us'),
        evidence: evidenceOf(o.located.slice(0, 3)),
      },
      touched: [o.ref, ...o.located.map((l) => docRef(l.doc))],
    };
  },
  matches(error, entered) {
    return mentionsDate(entered, toIso(error.correction));
  },
};
