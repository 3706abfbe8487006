import { matchesAny, normalizeText, parseNumber, parseUserDate, sameDose, sameNumber, sameUnit } from '@/domain/scoring/match';
import { choiceKey, type Choice, type Question } from './question-schema';

/**
 * Score one answer. Multiple choice takes the choice's text (or its letter, "B") or its 0-based
 * index; a typed answer is compared with the question's match rule, leniently where a
 * professional would be (case, spacing, synonyms, date styles, unit spellings) and strictly
 * where it matters (another number, code, drug or date is wrong).
 */
export interface AnswerResult {
  correct: boolean;
  /** The canonical answer, to show. */
  expected: string;
  explanation: string;
  /** For multiple choice, the choice the entry was read as (undefined if none). */
  chosen?: string;
}

export function scoreAnswer(question: Question, entered: string | number): AnswerResult {
  const result = (correct: boolean, chosen?: string): AnswerResult => ({
    correct,
    expected: question.answer,
    explanation: question.explanation,
    ...(chosen !== undefined ? { chosen } : {}),
  });
  if (question.format === 'multiple-choice') {
    const choice = chosenChoice(question.choices ?? [], entered);
    return result(choice?.correct ?? false, choice?.text);
  }
  const text = String(entered).trim();
  if (text === '') return result(false);
  return result(typedMatches(question, text));
}

function chosenChoice(choices: readonly Choice[], entered: string | number): Choice | undefined {
  if (typeof entered === 'number') return Number.isInteger(entered) ? choices[entered] : undefined;
  const text = entered.trim();
  if (text === '') return undefined;
  const byText = choices.find((c) => choiceKey(c.text) === choiceKey(text));
  if (byText) return byText;
  const letter = /^\(?([a-eA-E])[).]?$/.exec(text);
  if (letter) return choices[(letter[1] as string).toUpperCase().charCodeAt(0) - 65];
  // Free text for a choice (a CLI user typing "high"): only when exactly one choice matches it.
  const matching = choices.filter((c) => matchesAny(text, [c.text]));
  return matching.length === 1 ? matching[0] : undefined;
}

const decimalsOf = (s: string) => (/\.(\d+)/.exec(s)?.[1]?.length ?? 0);

/** ICD-10-CM, LOINC and CVX codes: case, dot, hyphen and a CVX leading zero do not matter. */
function codeKey(s: string): string {
  const k = s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return /^\d+$/.test(k) ? k.replace(/^0+(?=\d)/, '') : k;
}

function sequenceKey(s: string): string {
  return s.toUpperCase().replace(/[^A-Z]/g, '');
}

function typedMatches(q: Question, text: string): boolean {
  const expected = [q.answer, ...(q.accepted ?? [])];
  switch (q.match ?? 'text') {
    case 'number':
      return expected.some((e) => {
        const v = parseNumber(e);
        return v !== undefined && sameNumber(text, v, decimalsOf(e));
      });
    case 'date': {
      // An ISO form among the expected texts is authoritative (a two-digit year can be read two ways).
      const iso = expected.filter((e) => /^\d{4}-\d{2}-\d{2}$/.test(e));
      const days = iso.length > 0 ? iso : expected.map((e) => parseUserDate(e)).filter((d): d is string => !!d);
      const entered = parseUserDate(text);
      return entered !== undefined && days.includes(entered);
    }
    case 'dose':
      return expected.some((e) => sameDose(text, e));
    case 'unit':
      return expected.some((e) => sameUnit(text, e));
    case 'code':
      return expected.some((e) => codeKey(e) === codeKey(text));
    case 'identifier':
      return expected.some((e) => e.replace(/[\s-]/g, '') === text.replace(/[\s-]/g, ''));
    case 'sequence':
      return expected.some((e) => sequenceKey(e) === sequenceKey(text));
    case 'text': {
      const and = (s: string) => normalizeText(s.replace(/&/g, ' and '));
      return matchesAny(text, expected) || expected.some((e) => and(e) === and(text));
    }
  }
}
