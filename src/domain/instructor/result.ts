import { z } from 'zod';
import { answersSchema } from '@/domain/scoring/submission-schema';
import { ASSIGNMENT_FORMAT, assignmentFileSchema, fileNameSlug } from './assignment';
import { describeZodError, InstructorFileError, parseJsonText } from './format-errors';
import { keyedHashOf, type Hashing } from './hashing';

/**
 * The result file (`chartlab.result` v1): what a learner hands in for an assignment. One file per
 * export, with the learner, the whole assignment (so the gradebook and the CLI can re-score
 * without anything else), and per item the attempt that counts: its answers, the score the
 * learner saw, and when and how long. `integrity` is a keyed hash of everything else (see
 * RESULT_INTEGRITY_KEY: it detects edits, not determined forgery; re-scoring does the rest).
 */

export const RESULT_FORMAT = 'chartlab.result';
export const RESULT_VERSION = 1;
export const RESULT_INTEGRITY_ALGORITHM = 'sha256-keyed-v1';

export const resultLearnerSchema = z
  .object({
    /** The learner's id in the browser that exported (a UUID). */
    id: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(120),
    /** Optional id the school knows the learner by (student number, LMS user name, e-mail). */
    studentId: z.string().trim().max(120).optional(),
  })
  .strict();

export const scoreSummarySchema = z
  .object({
    /** 0 to 1. */
    score: z.number().min(0).max(1),
    earned: z.number().min(0),
    possible: z.number().min(0),
    passed: z.boolean(),
    passingScore: z.number().min(0).max(1),
  })
  .strict();

export const resultItemSchema = z
  .object({
    /** Position in assignment.items. */
    index: z.int().min(0),
    scenarioId: z.string().min(1),
    seed: z.int().min(0).max(4294967295),
    /** The local attempt's id; the same attempt exported twice has the same id. */
    attemptId: z.string().min(1).max(100),
    /** 1 = first attempt at this item. */
    attemptNumber: z.int().min(1),
    /** Attempts made at this item so far (the counted one is the best of them). */
    attemptsUsed: z.int().min(1),
    answers: answersSchema,
    summary: scoreSummarySchema,
    /** ISO 8601. */
    startedAt: z.string().min(1),
    finishedAt: z.string().min(1),
    elapsedMs: z.number().min(0),
  })
  .strict();

const resultBodyShape = {
  format: z.literal(RESULT_FORMAT),
  version: z.literal(RESULT_VERSION),
  learner: resultLearnerSchema,
  assignment: assignmentFileSchema,
  /** Only the items the learner has submitted; a missing item scores 0. */
  items: z.array(resultItemSchema),
  /** ISO 8601. */
  exportedAt: z.string().min(1),
  appVersion: z.string().min(1),
  generatorVersion: z.string().min(1),
};

export const resultBodySchema = z.object(resultBodyShape).strict();
export const resultFileSchema = z
  .object({
    ...resultBodyShape,
    integrity: z.object({ algorithm: z.literal(RESULT_INTEGRITY_ALGORITHM), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  })
  .strict();

export type ResultLearner = z.infer<typeof resultLearnerSchema>;
export type ResultItem = z.infer<typeof resultItemSchema>;
export type ResultBody = z.infer<typeof resultBodySchema>;
export type ResultFile = z.infer<typeof resultFileSchema>;
export type ScoreSummary = z.infer<typeof scoreSummarySchema>;

/** Seals a result: validates the body and adds the integrity hash. */
export async function createResult(body: ResultBody, hashing: Hashing): Promise<ResultFile> {
  const parsed = resultBodySchema.safeParse(body);
  if (!parsed.success) throw new InstructorFileError('invalid', `The result is not complete: ${describeZodError(parsed.error)}`);
  const normalized = JSON.parse(JSON.stringify(body)) as ResultBody;
  return { ...normalized, integrity: { algorithm: RESULT_INTEGRITY_ALGORITHM, hash: await keyedHashOf(normalized, hashing) } };
}

export function serializeResult(result: ResultFile): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** "chartlab-result-<assignment>-<learner>-<date>.json". */
export function resultFileName(result: Pick<ResultFile, 'assignment' | 'learner' | 'exportedAt'>): string {
  return `chartlab-result-${fileNameSlug(result.assignment.id) || 'assignment'}-${fileNameSlug(result.learner.name) || 'learner'}-${result.exportedAt.slice(0, 10)}.json`;
}

export type ResultRead =
  | { ok: true; result: ResultFile; intact: boolean }
  | { ok: false; error: InstructorFileError };

/**
 * Reads a result file (text or parsed JSON). A file that is not a result at all is `ok: false`;
 * a well-formed result whose hash does not match is `ok: true, intact: false`, so the gradebook
 * can still say whose file was tampered with.
 */
export async function readResult(input: unknown, hashing: Hashing): Promise<ResultRead> {
  let value: unknown;
  try {
    value = typeof input === 'string' ? parseJsonText(input, 'ChartLab result file') : input;
  } catch (error) {
    return { ok: false, error: error as InstructorFileError };
  }
  const record = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  if (record.format !== RESULT_FORMAT) {
    const hint =
      record.format === ASSIGNMENT_FORMAT
        ? ' (it is an assignment, not a learner\u2019s result)'
        : record.format === 'chartlab.submission'
          ? ' (it is an exercise submission; learners export results from their assignment list)'
          : '';
    return { ok: false, error: new InstructorFileError('wrong-format', `This is not a ChartLab result file${hint}.`) };
  }
  if (typeof record.version === 'number' && record.version > RESULT_VERSION) {
    return { ok: false, error: new InstructorFileError('newer-version', `This result was made by a newer ChartLab (result version ${record.version}).`) };
  }
  const parsed = resultFileSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: new InstructorFileError('invalid', `This result file is damaged or incomplete: ${describeZodError(parsed.error)}`) };
  const { integrity, ...body } = record;
  let hash: string;
  try {
    hash = await keyedHashOf(body, hashing);
  } catch {
    return { ok: false, error: new InstructorFileError('invalid', 'This result file holds numbers JSON cannot represent.') };
  }
  return { ok: true, result: parsed.data, intact: hash === (integrity as { hash: string }).hash };
}

/** What the result needs from a stored attempt (structurally the app's Attempt record). */
export interface AttemptFacts {
  id: string;
  scenarioId: string;
  seed: number;
  startedAt: number;
  finishedAt: number;
  elapsedMs: number;
  answers: ResultItem['answers'];
  report: { score: number; earned: number; possible: number; passed: boolean; passingScore: number };
}

/**
 * The items of a result from a learner's attempts at an assignment: per item, the best attempt
 * (the latest of equal scores), with its number among that item's attempts in time order.
 */
export function resultItemsFromAttempts(assignment: ResultBody['assignment'], attempts: readonly AttemptFacts[]): ResultItem[] {
  const items: ResultItem[] = [];
  assignment.items.forEach((item, index) => {
    const scenarioId = typeof item.scenario === 'string' ? item.scenario : item.scenario.id;
    const mine = attempts.filter((a) => a.scenarioId === scenarioId && a.seed === item.seed).sort((a, b) => a.finishedAt - b.finishedAt);
    if (mine.length === 0) return;
    let best = 0;
    mine.forEach((a, i) => {
      if (a.report.score >= (mine[best] as AttemptFacts).report.score) best = i;
    });
    const a = mine[best] as AttemptFacts;
    items.push({
      index,
      scenarioId,
      seed: item.seed,
      attemptId: a.id,
      attemptNumber: best + 1,
      attemptsUsed: mine.length,
      answers: a.answers,
      summary: { score: a.report.score, earned: a.report.earned, possible: a.report.possible, passed: a.report.passed, passingScore: a.report.passingScore },
      startedAt: new Date(a.startedAt).toISOString(),
      finishedAt: new Date(a.finishedAt).toISOString(),
      elapsedMs: a.elapsedMs,
    });
  });
  return items;
}
