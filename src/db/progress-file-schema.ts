import { z } from 'zod';
import { DIFFICULTIES, SKILL_DOMAINS, type TaskKind } from '@/domain/scenario/scenario-schema';
import { draftId, quizItemId } from './records';

/**
 * The progress file: one learner's work, exported to move it between computers or to hand it to
 * an instructor. Version 1. The file is checked in this order (export-import.ts): JSON, `format`,
 * `version`, checksum, then this schema.
 *
 * Records are `looseObject`s: fields this version doesn't know are kept, not stripped, and
 * nothing is defaulted, so an import stores exactly what was exported. Answers are only checked
 * for their `kind`: a draft's answers may be half-filled.
 */

export const PROGRESS_FORMAT = 'chartlab.progress';
export const PROGRESS_VERSION = 1;

const TASK_KINDS = ['recording', 'filing', 'mpi', 'validation'] as const satisfies readonly TaskKind[];
// Fails to compile if a task kind is added to the scenario schema but not here.
const allTaskKindsListed: Exclude<TaskKind, (typeof TASK_KINDS)[number]> extends never ? true : never = true;
void allTaskKindsListed;

const id = z.string().min(1).max(500);
const time = z.number().min(0);
const seed = z.int().min(0).max(4294967295);
const count = z.int().min(0);

export const progressLearnerSchema = z.looseObject({
  id,
  name: z.string().min(1).max(200),
  createdAt: time,
  lastActiveAt: time,
});

const answersShape = z.looseObject({ kind: z.enum(TASK_KINDS) });

const feedbackItemShape = z.looseObject({
  id: z.string(),
  verdict: z.enum(['correct', 'partial', 'wrong', 'missing', 'extra']),
  earned: z.number(),
  weight: z.number(),
  errorType: z.string().optional(),
});

const reportShape = z.looseObject({
  scenarioId: z.string(),
  seed,
  kind: z.string(),
  score: z.number().min(0).max(1),
  passed: z.boolean(),
  passingScore: z.number(),
  earned: z.number(),
  possible: z.number(),
  sections: z.array(z.looseObject({ section: z.string(), earned: z.number(), possible: z.number() })),
  items: z.array(feedbackItemShape),
});

export const progressAttemptSchema = z
  .looseObject({
    id,
    learnerId: id,
    scenarioId: id,
    seed,
    kind: z.enum(TASK_KINDS),
    domain: z.enum([...SKILL_DOMAINS, 'unknown']),
    difficulty: z.enum([...DIFFICULTIES, 'unknown']),
    startedAt: time,
    finishedAt: time,
    elapsedMs: time,
    answers: answersShape,
    report: reportShape,
    score: z.number().min(0).max(1),
    passed: z.boolean(),
    appVersion: z.string(),
    generatorVersion: z.string(),
    refDate: z.string().optional(),
    scenarioVersion: z.int().optional(),
    assignmentId: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.report.scenarioId !== a.scenarioId || a.report.seed !== a.seed) {
      ctx.addIssue({ code: 'custom', path: ['report'], message: 'the report is for another scenario or seed' });
    }
    if (a.report.score !== a.score || a.report.passed !== a.passed) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: 'score and passed must match the report' });
    }
  });

export const progressDraftSchema = z
  .looseObject({
    id,
    learnerId: id,
    scenarioId: id,
    seed,
    answers: answersShape,
    startedAt: time,
    elapsedMs: time,
    updatedAt: time,
    revision: z.int().min(1),
    writerId: z.string(),
    generatorVersion: z.string().optional(),
    assignmentId: z.string().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.id !== draftId(d.learnerId, d.scenarioId, d.seed, d.assignmentId)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'a draft id is learnerId:scenarioId:seed, plus :assignment:<assignmentId> for an assignment item' });
    }
  });

export const progressQuizSessionSchema = z.looseObject({
  id,
  learnerId: id,
  seed,
  topics: z.array(z.string()),
  startedAt: time,
  finishedAt: time.optional(),
  questionCount: count,
  correctCount: count,
  itemKeys: z.array(z.string()),
  details: z.unknown().optional(),
});

export const progressQuizItemSchema = z
  .looseObject({
    id,
    learnerId: id,
    itemKey: z.string().min(1),
    topic: z.string(),
    box: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    dueAt: time,
    seen: count,
    correct: count,
    lastSeenAt: time,
  })
  .superRefine((q, ctx) => {
    if (q.id !== quizItemId(q.learnerId, q.itemKey)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'a quiz item id is learnerId:itemKey' });
    }
  });

function checkOwnedAndUnique(
  rows: readonly { id: string; learnerId: string }[],
  learnerId: string,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (row.learnerId !== learnerId) ctx.addIssue({ code: 'custom', path: [...path, i, 'learnerId'], message: "belongs to another learner than the file's" });
    if (seen.has(row.id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: 'appears twice' });
    seen.add(row.id);
  });
}

export const progressFileSchema = z
  .object({
    format: z.literal(PROGRESS_FORMAT),
    version: z.literal(PROGRESS_VERSION),
    exportedAt: z.iso.datetime(),
    app: z.object({ version: z.string(), dbVersion: z.int().min(1) }),
    learner: progressLearnerSchema,
    attempts: z.array(progressAttemptSchema),
    drafts: z.array(progressDraftSchema),
    quiz: z.object({ sessions: z.array(progressQuizSessionSchema), items: z.array(progressQuizItemSchema) }),
    checksum: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest'),
  })
  .superRefine((file, ctx) => {
    const learnerId = file.learner.id;
    checkOwnedAndUnique(file.attempts, learnerId, ['attempts'], ctx);
    checkOwnedAndUnique(file.drafts, learnerId, ['drafts'], ctx);
    checkOwnedAndUnique(file.quiz.sessions, learnerId, ['quiz', 'sessions'], ctx);
    checkOwnedAndUnique(file.quiz.items, learnerId, ['quiz', 'items'], ctx);
  });

export type ProgressFileInput = z.infer<typeof progressFileSchema>;
