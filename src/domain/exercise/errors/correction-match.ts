import { normalizeText, parseUserDate, sameDose, sameTerm, sameUnit } from '@/domain/scoring/match';

/**
 * Reading a learner's proposed correction: the facts it states (dates, doses, units, numbers,
 * terms) and the action it asks for. Lenient on wording, strict on the fact.
 */

/** A fact found in the learner's text, with where it starts (to tell "X, not Y" from "Y, not X"). */
export interface Mention<T> {
  value: T;
  index: number;
}

const DATE_PATTERNS = [
  /\b\d{4}-\d{1,2}-\d{1,2}\b/g,
  /\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b/g,
  /\b[A-Za-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b/g,
  /\b\d{1,2}(?:st|nd|rd|th)? [A-Za-z]{3,9}\.?,? \d{4}\b/g,
];

/** Every real calendar date written in `text`, as YYYY-MM-DD. */
export function datesIn(text: string): Mention<string>[] {
  const out: Mention<string>[] = [];
  for (const pattern of DATE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const parsed = parseUserDate(m[0]);
      if (parsed && parsed.length === 10 && !out.some((o) => o.index === m.index)) out.push({ value: parsed, index: m.index });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

const DOSE = /(\d+(?:[.,]\d+)?)\s*(mcg|µg|ug|micrograms?|mg|milligrams?|g|grams?|gm)\b/gi;

/** Every mass dose written in `text` ("75 mcg", "0.075mg"). */
export function dosesIn(text: string): Mention<string>[] {
  const unitOf = (u: string) => {
    const lower = u.toLowerCase();
    if (lower.startsWith('microgram') || lower === 'µg' || lower === 'ug') return 'mcg';
    if (lower.startsWith('milligram')) return 'mg';
    if (lower.startsWith('gram') || lower === 'gm') return 'g';
    return lower;
  };
  return [...text.matchAll(DOSE)].map((m) => ({ value: `${(m[1] as string).replace(',', '.')} ${unitOf(m[2] as string)}`, index: m.index }));
}

/** Runs of digits (MRNs), ignoring dashes and spaces inside a run of digits. */
export function digitRunsIn(text: string): Mention<string>[] {
  return [...text.matchAll(/\d[\d -]*\d|\d/g)].map((m) => ({ value: m[0].replace(/[ -]/g, ''), index: m.index }));
}

/** Words or phrases in `text` that name one of `terms` (whole words, after normalization). */
export function termMentions(text: string, terms: readonly string[]): Mention<string>[] {
  const norm = ` ${normalizeText(text)} `;
  const out: Mention<string>[] = [];
  for (const term of terms) {
    const t = normalizeText(term);
    if (!t) continue;
    let from = 0;
    for (;;) {
      const i = norm.indexOf(` ${t} `, from);
      if (i < 0) break;
      out.push({ value: term, index: i });
      from = i + 1;
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Mentions of several terms where a shorter one inside a longer one is dropped: "crit h" is one
 * mention of a critical flag, not also an "h".
 */
export function outermostMentions<T>(text: string, groups: { value: T; terms: readonly string[] }[]): Mention<T>[] {
  const all = groups.flatMap((g) => termMentions(text, g.terms).map((m) => ({ value: g.value, index: m.index, end: m.index + normalizeText(m.value).length })));
  return all
    .filter((m) => !all.some((o) => o !== m && o.index <= m.index && o.end >= m.end && o.end - o.index > m.end - m.index))
    .sort((a, b) => a.index - b.index)
    .map(({ value, index }) => ({ value, index }));
}

/** Unit tokens of `text` equal to `unit` under `sameUnit`. */
export function unitMentions(text: string, unit: string): Mention<string>[] {
  const out: Mention<string>[] = [];
  for (const m of text.matchAll(/[^\s,;()]+/g)) {
    const token = m[0].replace(/^\d+(?:\.\d+)?/, '').replace(/[.:]$/, '');
    if (token && sameUnit(token, unit)) out.push({ value: token, index: m.index });
  }
  return out;
}

/** Words that, just before a value, mark it as the wrong one: "75 mcg, not 75 mg", "change 75 mg to …". */
const DISOWNING = /\b(not|instead of|rather than|from|was|wrong|incorrect|erroneous|change|replace|listed as|shows?|says?)\s*[:"']?\s*$/i;

/**
 * Whether a correction states the right value: some mention is right, and every wrong mention is
 * either followed by a right one ("75 mg → 75 mcg") or disowned ("75 mcg, not 75 mg").
 */
export function statesRightValue<T>(text: string, mentions: Mention<T>[], isRight: (v: T) => boolean): boolean {
  const right = mentions.filter((m) => isRight(m.value));
  if (right.length === 0) return false;
  const lastRight = Math.max(...right.map((m) => m.index));
  return mentions
    .filter((m) => !isRight(m.value))
    .every((m) => m.index < lastRight || DISOWNING.test(text.slice(Math.max(0, m.index - 24), m.index)));
}

/** Normalized text contains a word or phrase matching `pattern` (applied to the normalized text). */
export function says(text: string, pattern: RegExp): boolean {
  return pattern.test(` ${normalizeText(text)} `);
}

export function mentionsDate(text: string, expected: string): boolean {
  return statesRightValue(text, datesIn(text), (d) => d === expected.slice(0, 10));
}

export function mentionsDose(text: string, expected: string): boolean {
  return statesRightValue(text, dosesIn(text), (d) => sameDose(d, expected));
}

export { sameTerm, sameUnit, normalizeText };
