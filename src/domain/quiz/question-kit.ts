import type { Chart } from '@/domain/chart/chart-types';
import type { Rng } from '@/domain/rng/rng';
import { formatDate, FULL_DATE_FORMS, type FullDateForm } from '@/domain/documents/phrases';
import { choiceKey, type Choice, type Difficulty, type MatchRule, type QuestionSource } from './question-schema';

/** What a kind's generator gets: its own rng (from the question's sub-seed) and, if it needs one, a chart. */
export interface KindContext {
  rng: Rng;
  difficulty: Difficulty;
  chart?: Chart;
}

/** A question before the driver gives it its id, kind, topic and difficulty. */
export interface Draft {
  prompt: string;
  excerpt?: string;
  evidence?: { start: number; end: number };
  format: 'multiple-choice' | 'typed';
  choices?: Choice[];
  answer: string;
  accepted?: string[];
  match?: MatchRule;
  explanation: string;
  source?: QuestionSource;
}

/**
 * A multiple-choice draft part: the correct text plus distractors taken in the caller's order of
 * preference, skipping any that normalize like a choice already taken or that `alsoCorrect`
 * accepts, so no distractor is ever another right answer. Undefined when fewer than two
 * distractors survive (the caller tries another question).
 */
export function multipleChoice(
  rng: Rng,
  correct: string,
  candidates: readonly (string | undefined)[],
  alsoCorrect: (text: string) => boolean = () => false,
  total = 4,
): Pick<Draft, 'format' | 'choices' | 'answer'> | undefined {
  const seen = new Set([choiceKey(correct)]);
  const picked: string[] = [];
  for (const c of candidates) {
    if (picked.length >= total - 1) break;
    if (!c || c.trim() === '') continue;
    const key = choiceKey(c);
    if (key === '' || seen.has(key) || alsoCorrect(c)) continue;
    seen.add(key);
    picked.push(c);
  }
  if (picked.length < 2) return undefined;
  const choices = rng.shuffle([{ text: correct, correct: true }, ...picked.map((text) => ({ text, correct: false }))]);
  return { format: 'multiple-choice', choices, answer: correct };
}

/** Distinct values in first-seen order. */
export function uniq<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Texts other than `answer`, without repeats, for `accepted`. */
export function acceptedOther(answer: string, texts: readonly (string | undefined)[]): string[] | undefined {
  const key = choiceKey(answer);
  const out = uniq(texts.filter((t): t is string => !!t && t.trim() !== '' && choiceKey(t) !== key));
  return out.length > 0 ? out : undefined;
}

/** The printed style of a date text (`01/17/1965`, `1/17/65`, `Jan 17, 1965`, `1965-01-17`). */
export function dateStyleOf(text: string, day: string): FullDateForm | undefined {
  return FULL_DATE_FORMS.find((f) => formatDate(day, f) === text);
}

export const usDate = (day: string) => formatDate(day.slice(0, 10), 'us');

/** A number as a person writes it: no float noise, no trailing zeros ("0.5", "1000"). */
export function plainNumber(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/**
 * A few lines of `text` around `focus` (plus the lines of `include`), with "…" where lines are
 * skipped, and `focus` mapped to offsets in the excerpt so the UI can highlight it.
 */
export function excerptAround(
  text: string,
  focus: { start: number; end: number },
  opts: { include?: readonly { start: number; end: number }[]; before?: number; after?: number } = {},
): { excerpt: string; evidence: { start: number; end: number } } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lineText = (i: number) => {
    const s = starts[i] as number;
    const e = i + 1 < starts.length ? (starts[i + 1] as number) - 1 : text.length;
    return text.slice(s, e);
  };
  const first = lineOf(focus.start);
  const last = lineOf(Math.max(focus.start, focus.end - 1));
  const chosen = new Set<number>();
  for (let i = Math.max(0, first - (opts.before ?? 1)); i <= Math.min(starts.length - 1, last + (opts.after ?? 1)); i++) chosen.add(i);
  for (const span of opts.include ?? []) {
    for (let i = lineOf(span.start); i <= lineOf(Math.max(span.start, span.end - 1)); i++) chosen.add(i);
  }
  const lines = [...chosen].sort((a, b) => a - b).filter((i) => (i >= first && i <= last) || (lineText(i).trim() !== '' && !/^[=-]{10,}$/.test(lineText(i).trim())));
  const out: string[] = [];
  let evidenceStart = 0;
  let length = 0;
  lines.forEach((i, k) => {
    if (k > 0 && i !== (lines[k - 1] as number) + 1) {
      out.push('  …');
      length += 4;
    }
    if (i === first) evidenceStart = length + (focus.start - (starts[i] as number));
    const line = lineText(i);
    out.push(line);
    length += line.length + 1;
  });
  return { excerpt: out.join('\n'), evidence: { start: evidenceStart, end: evidenceStart + (focus.end - focus.start) } };
}

/** Lines joined with newlines, and the span of line `index` in the result. */
export function linesWithSpan(lines: readonly string[], index: number): { excerpt: string; evidence: { start: number; end: number } } {
  let start = 0;
  for (let i = 0; i < index; i++) start += (lines[i] as string).length + 1;
  const line = lines[index] as string;
  const lead = line.length - line.trimStart().length;
  return { excerpt: lines.join('\n'), evidence: { start: start + lead, end: start + line.trimEnd().length } };
}

/** "a 64-year-old man", "a 9-month-old girl". */
export function personPhrase(age: number, sex: 'male' | 'female', months?: number): string {
  const noun = age < 18 ? (sex === 'male' ? 'boy' : 'girl') : sex === 'male' ? 'man' : 'woman';
  if (months === 0) return `a newborn ${noun}`;
  if (months !== undefined && months < 24) return `${months === 8 || months === 11 || months === 18 ? 'an' : 'a'} ${months}-month-old ${noun}`;
  return `${age === 8 || age === 11 || age === 18 || (age >= 80 && age < 90) ? 'an' : 'a'} ${age}-year-old ${noun}`;
}

/** "A, B and C". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
