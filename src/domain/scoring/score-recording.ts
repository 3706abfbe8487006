import type { Chart, SourceDocument } from '@/domain/chart/chart-types';
import { findDocumentsFor } from '@/domain/documents/fact-text';
import type { KeyField, KeyItem, RecordingExercise } from '@/domain/exercise/exercise-types';
import type { RecordingSection } from '@/domain/scenario/scenario-schema';
import { datePrecisionMatch, matchesAny, normalizeText, parseUserDate, sameDate, sameDose, sameNumber, sameUnit } from './match';
import type { Evidence, FeedbackItem, ScoreReport, Verdict } from './score-types';
import type { RecordingAnswers } from './submission-schema';
import { whyItMatters } from './why-it-matters';

/** Answer field names → key field names, per section. */
const FIELD_NAMES: Record<RecordingSection, Record<string, string>> = {
  allergies: { substance: 'code', reaction: 'reaction', severity: 'severity' },
  problems: { problem: 'code', icd10: 'icd10', onset: 'onset', status: 'status' },
  medications: { drug: 'drug', dose: 'dose', route: 'route', frequency: 'frequency' },
  labs: { test: 'code', value: 'value', unit: 'unit', date: 'date', flag: 'flag' },
  immunizations: { vaccine: 'vaccine', date: 'date' },
  vitals: { vital: 'code', value: 'value', unit: 'unit', date: 'date' },
};

/** Weight of an entered item that matches nothing in the key: listing everything does not pay. */
const EXTRA_WEIGHT = 1;

type Entered = Record<string, string>;

function enteredItems(answers: RecordingAnswers, section: RecordingSection): Entered[] {
  const names = FIELD_NAMES[section];
  return (answers[section] as Record<string, string>[]).map((row) => {
    const out: Entered = {};
    for (const [answerName, keyName] of Object.entries(names)) out[keyName] = (row[answerName] ?? '').trim();
    return out;
  });
}

interface Credit {
  credit: number;
  note?: string;
}

/** A reaction may be typed as a list ("hives, wheezing"): every part must be documented. */
function listCredit(entered: string, accepted: string[]): Credit {
  if (matchesAny(entered, accepted)) return { credit: 1 };
  const parts = entered.split(/\s*(?:,|;|\band\b|&)\s*/i).filter((p) => p.length > 0);
  if (parts.length <= 1) return { credit: matchesAny(entered, accepted) ? 1 : 0 };
  const ok = parts.filter((p) => matchesAny(p, accepted)).length;
  if (ok === parts.length) return { credit: 1 };
  return ok > 0 ? { credit: 0.5, note: `${parts.length - ok} of the ${parts.length} entries is not documented` } : { credit: 0 };
}

export function fieldCredit(key: KeyField, entered: string): Credit {
  const text = entered.trim();
  switch (key.compare) {
    case 'term':
      if (key.field === 'reaction') return listCredit(text, key.accepted);
      return { credit: matchesAny(text, key.accepted) ? 1 : 0 };
    case 'code': {
      const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
      return { credit: key.accepted.some((a) => norm(a) === norm(text)) ? 1 : 0 };
    }
    case 'number':
      return { credit: sameNumber(text, Number(key.expected), key.decimals ?? 0) ? 1 : 0 };
    case 'unit':
      return { credit: key.accepted.some((a) => sameUnit(text, a)) ? 1 : 0 };
    case 'dose':
      return { credit: key.accepted.some((a) => sameDose(text, a)) ? 1 : 0 };
    case 'date':
      if (text === '') return { credit: 0 };
      if (!parseUserDate(text)) return { credit: 0, note: 'not a date we can read: use MM/DD/YYYY' };
      return { credit: key.accepted.some((a) => sameDate(text, parseUserDate(a) ?? a)) || sameDate(text, toIso(key.expected)) ? 1 : 0 };
    case 'onset': {
      const expected = toIso(key.expected);
      const precision = datePrecisionMatch(text, expected);
      if (precision === 'exact') return { credit: 1 };
      if (precision === 'month') return { credit: 0.75, note: 'right month and year; the documents give the exact date' };
      if (precision === 'year') return { credit: 0.5, note: 'right year; the documents give the exact date' };
      return { credit: 0 };
    }
  }
}

function toIso(usOrIso: string): string {
  return parseUserDate(usOrIso) ?? usOrIso;
}

/** How well an entered item fits a key item: -1 when the identifying field does not match. */
function fitOf(item: KeyItem, entered: Entered): number {
  const [primary, ...rest] = item.fields;
  if (!primary || fieldCredit(primary, entered[primary.field] ?? '').credit < 1) return -1;
  return rest.reduce((sum, f) => sum + fieldCredit(f, entered[f.field] ?? '').credit, 0);
}

/** Evidence depends only on the exercise, not on the answers: computed once per exercise and field. */
const evidenceCache = new WeakMap<readonly SourceDocument[], Map<string, Evidence[]>>();

function cachedEvidence(chart: Chart, documents: readonly SourceDocument[], ref: string, field: string): Evidence[] {
  let byField = evidenceCache.get(documents);
  if (!byField) {
    byField = new Map();
    evidenceCache.set(documents, byField);
  }
  const key = `${ref}|${field}`;
  let found = byField.get(key);
  if (!found) {
    found = evidenceFor(chart, documents, ref, field);
    byField.set(key, found);
  }
  return found;
}

export function evidenceFor(chart: Chart, documents: readonly SourceDocument[], ref: string, field?: string): Evidence[] {
  const shown = new Set(documents.map((d) => d.id));
  const hits = findDocumentsFor(chart, ref).filter(({ document }) => shown.has(document.id));
  const exact = field ? hits.filter(({ span }) => span.field === field) : hits;
  return (exact.length > 0 ? exact : hits).map(({ document, span }) => ({
    documentId: document.id,
    documentTitle: document.title,
    start: span.start,
    end: span.end,
    quote: document.text.slice(span.start, span.end),
  }));
}

function verdictOf(credit: number, entered: string): Verdict {
  if (credit >= 1) return 'correct';
  if (credit > 0) return 'partial';
  return entered === '' ? 'missing' : 'wrong';
}

/**
 * Field-by-field scoring of a recording submission. Each key item is matched to the entered item
 * that names the same fact (the identifying field must match — a different drug is a different
 * item) and fits it best; unmatched key items are missing, unmatched entries are extras.
 */
export function scoreRecording(exercise: RecordingExercise, answers: RecordingAnswers): ScoreReport {
  const items: FeedbackItem[] = [];
  const sections: ScoreReport['sections'] = [];
  for (const section of exercise.sections) {
    const keyItems = exercise.key.filter((k) => k.section === section);
    const entered = enteredItems(answers, section);
    const pairs: { k: number; e: number; fit: number }[] = [];
    keyItems.forEach((item, k) => entered.forEach((row, e) => {
      const fit = fitOf(item, row);
      if (fit >= 0) pairs.push({ k, e, fit });
    }));
    pairs.sort((a, b) => b.fit - a.fit || a.k - b.k || a.e - b.e);
    const keyToEntered = new Map<number, number>();
    const usedEntered = new Set<number>();
    for (const p of pairs) {
      if (keyToEntered.has(p.k) || usedEntered.has(p.e)) continue;
      keyToEntered.set(p.k, p.e);
      usedEntered.add(p.e);
    }
    let earned = 0;
    let possible = 0;
    keyItems.forEach((item, k) => {
      const e = keyToEntered.get(k);
      const row = e === undefined ? undefined : entered[e];
      for (const f of item.fields) {
        const value = row?.[f.field] ?? '';
        if (f.optional && value === '') continue;
        const { credit, note } = row ? fieldCredit(f, value) : { credit: 0, note: undefined };
        const points = credit * f.weight;
        earned += points;
        possible += f.weight;
        items.push({
          id: `${section}:${k}:${f.field}`,
          section,
          label: `${item.label} — ${f.field === 'code' ? 'name' : f.field}`,
          field: f.field,
          expected: f.expected,
          entered: row ? value : null,
          earned: points,
          weight: f.weight,
          verdict: row ? verdictOf(credit, value) : 'missing',
          note: row ? note : 'not recorded',
          whyItMatters: whyItMatters(section, f.field === 'drug' || f.field === 'vaccine' ? 'code' : f.field) ,
          evidence: cachedEvidence(exercise.chart, exercise.documents, item.ref, f.field),
        });
      }
    });
    entered.forEach((row, e) => {
      if (usedEntered.has(e)) return;
      const name = Object.values(row).find((v) => v !== '') ?? '';
      if (name === '' ) return;
      possible += EXTRA_WEIGHT;
      items.push({
        id: `${section}:extra:${e}`,
        section,
        label: `Not in the record: ${name}`,
        field: 'item',
        expected: '(nothing)',
        entered: name,
        earned: 0,
        weight: EXTRA_WEIGHT,
        verdict: 'extra',
        note: closestNote(keyItems, row),
        whyItMatters: 'Recording something the documents do not support puts false information in the legal record.',
        evidence: [],
      });
    });
    sections.push({ section, earned, possible });
  }
  const earned = sections.reduce((s, x) => s + x.earned, 0);
  const possible = sections.reduce((s, x) => s + x.possible, 0);
  const score = possible === 0 ? 0 : earned / possible;
  return {
    scenarioId: exercise.scenario.id,
    seed: exercise.seed,
    kind: 'recording',
    score,
    passed: score >= exercise.scenario.passingScore,
    passingScore: exercise.scenario.passingScore,
    earned,
    possible,
    sections,
    items,
  };
}

/** Explain an extra entry: close to a documented item (a different strength?) or not documented at all. */
function closestNote(keyItems: KeyItem[], row: Entered): string {
  const typed = normalizeText(Object.values(row)[0] ?? '');
  const near = keyItems.find((k) => k.fields[0]?.accepted.some((a) => {
    const n = normalizeText(a);
    return typed.length > 2 && (n.includes(typed.split(' ')[0] ?? '') || typed.includes(n.split(' ')[0] ?? ''));
  }));
  return near
    ? `Looks like ${near.label.replace(/^[^:]+: /, '')}, but it does not match what is documented (check the name and strength).`
    : 'Not found in the source documents.';
}
