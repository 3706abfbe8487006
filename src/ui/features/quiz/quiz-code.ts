import { QUIZ_TOPICS, type Difficulty, type QuizTopic } from '@/domain/quiz/question-schema';
import { DIFFICULTIES } from '@/domain/scenario/scenario-schema';
import { MAX_QUIZ_LENGTH, MIN_QUIZ_LENGTH } from './quiz-labels';

/**
 * A quiz code: everything generateQuiz needs to give a whole class the same questions, as the
 * query of a link: `#/quiz?seed=123&count=10&topics=coding,terminology&difficulty=intro&mode=test`.
 * Review quizzes are not shareable: they come from one learner's own Leitner boxes.
 */
export interface QuizCode {
  seed: number;
  count: number;
  /** Absent: every topic. */
  topics?: QuizTopic[];
  /** Absent: a mix of levels. */
  difficulty?: Difficulty;
  mode: 'practice' | 'test';
}

export const QUIZ_HASH = '#/quiz';
const MAX_SEED = 4294967295;

/** A fresh seed for a new quiz. UI layer only: the domain never reads a random source (STYLE §4). */
export function newQuizSeed(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

/** The code's parameters, in a fixed order (so equal codes read the same). */
export function quizCodeParams(code: QuizCode): URLSearchParams {
  const params = new URLSearchParams();
  params.set('seed', String(code.seed));
  params.set('count', String(code.count));
  const topics = code.topics && code.topics.length < QUIZ_TOPICS.length ? QUIZ_TOPICS.filter((t) => code.topics?.includes(t)) : undefined;
  if (topics) params.set('topics', topics.join(','));
  if (code.difficulty) params.set('difficulty', code.difficulty);
  params.set('mode', code.mode);
  return params;
}

/** `#/quiz?seed=…`: the link's fragment. Commas stay readable (they need no escaping in a fragment). */
export function formatQuizCode(code: QuizCode): string {
  return `${QUIZ_HASH}?${quizCodeParams(code).toString().replace(/%2C/g, ',')}`;
}

/** True when the query carries a quiz code (a `seed`). */
export function hasQuizCode(params: URLSearchParams): boolean {
  return params.has('seed');
}

export type QuizCodeResult = { ok: true; code: QuizCode } | { ok: false; error: string };

/**
 * Reads a code the way people pass them on: a whole link, the `#/quiz?…` part, the query alone,
 * or just the seed ("123", with the defaults: 10 questions of every topic, practice).
 */
export function parseQuizCode(input: string | URLSearchParams): QuizCodeResult {
  let params: URLSearchParams;
  if (typeof input === 'string') {
    const text = input.trim();
    if (text === '') return { ok: false, error: 'Enter a quiz code or link.' };
    if (/^\d+$/.test(text)) params = new URLSearchParams({ seed: text });
    else {
      const queryAt = text.indexOf('?');
      const query = queryAt === -1 ? text : text.slice(queryAt + 1);
      if (!/(^|&)seed=/.test(query)) return { ok: false, error: 'That is not a quiz code: it has no seed. A code looks like 123 or #/quiz?seed=123&count=10.' };
      params = new URLSearchParams(query);
    }
  } else params = input;

  const seedText = params.get('seed') ?? '';
  const seed = Number(seedText);
  if (!/^\d{1,10}$/.test(seedText) || seed > MAX_SEED) return { ok: false, error: `The seed must be a whole number from 0 to ${MAX_SEED}.` };

  const countText = params.get('count');
  const count = countText === null ? 10 : Number(countText);
  if (!Number.isInteger(count) || count < MIN_QUIZ_LENGTH || count > MAX_QUIZ_LENGTH) {
    return { ok: false, error: `The number of questions must be from ${MIN_QUIZ_LENGTH} to ${MAX_QUIZ_LENGTH}.` };
  }

  const code: QuizCode = { seed, count, mode: 'practice' };
  const topicsText = params.get('topics');
  if (topicsText !== null && topicsText.trim() !== '') {
    const topics = topicsText.split(',').map((t) => t.trim()).filter(Boolean);
    const unknown = topics.filter((t) => !(QUIZ_TOPICS as readonly string[]).includes(t));
    if (unknown.length) return { ok: false, error: `Unknown topic ${unknown.map((t) => `“${t}”`).join(', ')}.` };
    const chosen = QUIZ_TOPICS.filter((t) => topics.includes(t));
    if (chosen.length < QUIZ_TOPICS.length) code.topics = chosen;
  }
  const difficulty = params.get('difficulty');
  if (difficulty !== null && difficulty !== '' && difficulty !== 'mixed') {
    if (!(DIFFICULTIES as readonly string[]).includes(difficulty)) return { ok: false, error: `Unknown level “${difficulty}”: use intro, intermediate or advanced.` };
    code.difficulty = difficulty as Difficulty;
  }
  const mode = params.get('mode');
  if (mode !== null && mode !== '') {
    if (mode !== 'practice' && mode !== 'test') return { ok: false, error: `Unknown mode “${mode}”: use practice or test.` };
    code.mode = mode;
  }
  return { ok: true, code };
}
