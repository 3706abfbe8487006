import { createRng, deriveSeed, type Rng } from '@/domain/rng/rng';
import { DIFFICULTIES } from '@/domain/scenario/scenario-schema';
import { abbreviationQuestion } from './kinds/abbreviation';
import { abstractionQuestion } from './kinds/abstraction';
import { chronologyQuestion } from './kinds/chronology';
import { codeAssignmentQuestion } from './kinds/code-assignment';
import { recordIntegrityQuestion } from './kinds/record-integrity';
import { interpretationQuestion } from './kinds/result-interpretation';
import { spotTheErrorQuestion } from './kinds/spot-the-error';
import type { Draft, KindContext } from './question-kit';
import {
  KIND_TOPIC,
  QUESTION_KINDS,
  QUIZ_TOPICS,
  type Difficulty,
  type Question,
  type QuestionKind,
  type QuizOptions,
} from './question-schema';
import { ChartCache, quizChartSeed } from './quiz-charts';

/**
 * Endless drills: `generateQuiz(seed, options)` gives `count` questions, the same ones for the
 * same arguments. Each question comes from its own sub-seed (and, for chart-based kinds, a chart
 * seed), both written into its id, so any single question can be rebuilt on its own later — the
 * spaced-repetition queue stores only ids (item keys) and calls `regenerateQuestion`.
 */

interface KindSpec {
  generate: (ctx: KindContext) => Draft | undefined;
  /** Reads a generated chart (the others use the code tables only). */
  chart: boolean;
}

const KINDS: Record<QuestionKind, KindSpec> = {
  abstraction: { generate: abstractionQuestion, chart: true },
  'code-assignment': { generate: codeAssignmentQuestion, chart: false },
  'result-interpretation': { generate: interpretationQuestion, chart: false },
  abbreviation: { generate: abbreviationQuestion, chart: false },
  'spot-the-error': { generate: spotTheErrorQuestion, chart: true },
  chronology: { generate: chronologyQuestion, chart: true },
  'record-integrity': { generate: recordIntegrityQuestion, chart: false },
};

/**
 * Bump when a generator changes what a key produces (and with quizChartSpec): old keys then fail
 * to parse instead of silently turning into different questions.
 */
export const ITEM_KEY_VERSION = 'q1';

/**
 * Charts a quiz may draw on grow with the quiz, one per six chart-based questions (a chart takes a
 * few milliseconds to generate; the questions drawn from it, well under one), and by one for every
 * four failed attempts, so a chart that fits no more questions is not tried forever.
 */
const QUESTIONS_PER_CHART = 6;
const ATTEMPTS_PER_NEW_CHART = 4;
/** Attempts at one question before the quiz gives up (duplicates and charts that do not fit). */
const MAX_ATTEMPTS = 400;

export class QuizOptionsError extends Error {}

export interface ItemKeyParts {
  kind: QuestionKind;
  difficulty: Difficulty;
  subSeed: number;
  chartSeed?: number;
}

/** `q1:abstraction:intro:3735928559:c12345` — kind, level, sub-seed and (for chart kinds) the chart seed. */
export function formatItemKey(parts: ItemKeyParts): string {
  const base = `${ITEM_KEY_VERSION}:${parts.kind}:${parts.difficulty}:${parts.subSeed}`;
  return parts.chartSeed === undefined ? base : `${base}:c${parts.chartSeed}`;
}

export function parseItemKey(key: string): ItemKeyParts | undefined {
  const m = /^([a-z0-9]+):([a-z-]+):([a-z]+):(\d{1,10})(?::c(\d{1,10}))?$/.exec(key);
  if (!m || m[1] !== ITEM_KEY_VERSION) return undefined;
  const kind = m[2] as QuestionKind;
  const difficulty = m[3] as Difficulty;
  if (!QUESTION_KINDS.includes(kind) || !DIFFICULTIES.includes(difficulty)) return undefined;
  const subSeed = Number(m[4]);
  const chartSeed = m[5] === undefined ? undefined : Number(m[5]);
  if (subSeed > 4294967295 || (chartSeed ?? 0) > 4294967295) return undefined;
  if (KINDS[kind].chart !== (chartSeed !== undefined)) return undefined;
  return chartSeed === undefined ? { kind, difficulty, subSeed } : { kind, difficulty, subSeed, chartSeed };
}

/** The key that brings this question back: its id. */
export function itemKey(question: Pick<Question, 'id'>): string {
  return question.id;
}

function build(parts: ItemKeyParts, charts: ChartCache): Question | undefined {
  const spec = KINDS[parts.kind];
  const chart = parts.chartSeed === undefined ? undefined : charts.get(parts.chartSeed);
  const draft = spec.generate({ rng: createRng(parts.subSeed), difficulty: parts.difficulty, chart });
  if (!draft) return undefined;
  // A fixed key order, so JSON output is byte-for-byte stable.
  return {
    id: formatItemKey(parts),
    kind: parts.kind,
    topic: KIND_TOPIC[parts.kind],
    difficulty: parts.difficulty,
    prompt: draft.prompt,
    ...(draft.excerpt !== undefined ? { excerpt: draft.excerpt } : {}),
    ...(draft.evidence !== undefined ? { evidence: draft.evidence } : {}),
    format: draft.format,
    ...(draft.choices !== undefined ? { choices: draft.choices } : {}),
    answer: draft.answer,
    ...(draft.accepted !== undefined ? { accepted: draft.accepted } : {}),
    ...(draft.match !== undefined ? { match: draft.match } : {}),
    explanation: draft.explanation,
    ...(draft.source !== undefined ? { source: draft.source } : {}),
  };
}

/**
 * Rebuild the question an item key names, exactly as it was generated. Throws on a key that is
 * malformed, from another generator version, or that does not produce a question.
 */
export function regenerateQuestion(key: string): Question {
  const parts = parseItemKey(key);
  if (!parts) throw new QuizOptionsError(`Not a quiz item key of version ${ITEM_KEY_VERSION}: "${key}"`);
  const q = build(parts, new ChartCache());
  if (!q) throw new QuizOptionsError(`Item key "${key}" does not produce a question`);
  return q;
}

/** Kinds allowed by the options, in catalog order. */
export function allowedKinds(options: Pick<QuizOptions, 'topics' | 'kinds'>): QuestionKind[] {
  for (const t of options.topics ?? []) {
    if (!QUIZ_TOPICS.includes(t)) throw new QuizOptionsError(`Unknown topic "${t}"; topics are ${QUIZ_TOPICS.join(', ')}`);
  }
  for (const k of options.kinds ?? []) {
    if (!QUESTION_KINDS.includes(k)) throw new QuizOptionsError(`Unknown question kind "${k}"; kinds are ${QUESTION_KINDS.join(', ')}`);
  }
  const kinds = QUESTION_KINDS.filter((k) => (!options.topics || options.topics.includes(KIND_TOPIC[k])) && (!options.kinds || options.kinds.includes(k)));
  if (kinds.length === 0) throw new QuizOptionsError('The topics and kinds given leave no question kind to draw from');
  return kinds;
}

function pickDifficulty(rng: Rng): Difficulty {
  return rng.weighted([...DIFFICULTIES], (d) => (d === 'intro' ? 3 : d === 'intermediate' ? 4 : 3));
}

/**
 * `count` questions, kinds dealt round-robin in a shuffled order per round (so every kind comes up
 * evenly), no prompt twice. Deterministic: the same seed and options give the same questions in
 * the same order, and a shorter quiz is a prefix of a longer one with the same seed and options.
 */
export function generateQuiz(seed: number, options: QuizOptions): Question[] {
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) throw new QuizOptionsError(`The seed must be a whole number from 0 to 4294967295, got ${seed}`);
  if (!Number.isInteger(options.count) || options.count < 1) throw new QuizOptionsError(`The count must be a whole number of at least 1, got ${options.count}`);
  if (options.difficulty !== undefined && !DIFFICULTIES.includes(options.difficulty)) {
    throw new QuizOptionsError(`Unknown difficulty "${options.difficulty}"; levels are ${DIFFICULTIES.join(', ')}`);
  }
  const kinds = allowedKinds(options);
  const master = createRng(deriveSeed(seed, 0x51554a));
  const charts = new ChartCache();
  const prompts = new Set<string>();
  const out: Question[] = [];
  let round: QuestionKind[] = [];
  let chartQuestions = 0;
  while (out.length < options.count) {
    if (round.length === 0) round = master.shuffle(kinds);
    const kind = round.shift() as QuestionKind;
    let made: Question | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !made; attempt++) {
      const difficulty = options.difficulty ?? pickDifficulty(master);
      const subSeed = master.uint32();
      let chartSeed: number | undefined;
      if (KINDS[kind].chart) {
        const pool = 1 + Math.floor(chartQuestions / QUESTIONS_PER_CHART) + Math.floor(attempt / ATTEMPTS_PER_NEW_CHART);
        chartSeed = quizChartSeed(seed, master.int(0, pool - 1));
      }
      const q = build(chartSeed === undefined ? { kind, difficulty, subSeed } : { kind, difficulty, subSeed, chartSeed }, charts);
      if (q && !prompts.has(q.prompt)) made = q;
    }
    if (!made) throw new QuizOptionsError(`Could not make another distinct ${kind} question after ${MAX_ATTEMPTS} attempts; ask for fewer questions`);
    if (KINDS[kind].chart) chartQuestions++;
    prompts.add(made.prompt);
    out.push(made);
  }
  return out;
}
