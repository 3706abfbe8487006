import { canonicalJson } from '@/domain/checksum/canonical-json';
import { sha256Hex } from '@/domain/checksum/sha256';
import { fileNameSlug } from '@/domain/instructor/assignment';
import { APP_VERSION } from './app-version';
import { guardWrite, LearnerNotFoundError } from './db-errors';
import { learnerRange } from './learner-range';
import { addToLearnerStats } from './learner-stats';
import { PROGRESS_FORMAT, PROGRESS_VERSION, progressFileSchema } from './progress-file-schema';
import { draftId, quizItemId, summarizeAttempt, type Attempt, type Draft, type Learner, type QuizItemStats, type QuizSession } from './records';
import { DB_VERSION, type TrainerDB } from './trainer-db';

/**
 * Export and import of one learner's progress as a versioned, checksummed JSON file
 * (format 'chartlab.progress', version 1; schema in progress-file-schema.ts).
 *
 * The checksum is a SHA-256 of the canonical JSON (sorted keys) of everything but the checksum.
 * It catches files that were cut off, damaged or edited by hand; it is not a signature (anyone
 * can recompute it), so an instructor should not treat an imported score as proof.
 */

export interface ProgressFile {
  format: typeof PROGRESS_FORMAT;
  version: typeof PROGRESS_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  app: { version: string; dbVersion: number };
  learner: Learner;
  attempts: Attempt[];
  drafts: Draft[];
  quiz: { sessions: QuizSession[]; items: QuizItemStats[] };
  checksum: string;
}

export type ProgressFileErrorReason = 'not-json' | 'incomplete' | 'wrong-format' | 'newer-version' | 'tampered' | 'invalid';

const IMPORT_REFUSED = "This file can\u2019t be imported:";
const EXPORT_AGAIN = 'Export it again on the computer it came from.';

/** An import was refused. The database is unchanged. */
export class ProgressFileError extends Error {
  readonly reason: ProgressFileErrorReason;
  constructor(reason: ProgressFileErrorReason, message: string) {
    super(message);
    this.name = 'ProgressFileError';
    this.reason = reason;
  }
}

const refuse = {
  notJson: () => new ProgressFileError('not-json', `${IMPORT_REFUSED} it is not a ChartLab progress file (it isn\u2019t JSON text). Choose the .json file that \u201cExport progress\u201d saved.`),
  incomplete: () => new ProgressFileError('incomplete', `${IMPORT_REFUSED} the file is incomplete (it was probably cut off while downloading or copying). ${EXPORT_AGAIN}`),
  wrongFormat: (detail = '') => new ProgressFileError('wrong-format', `${IMPORT_REFUSED} it is not a ChartLab progress file${detail}.`),
  newer: (version: number) =>
    new ProgressFileError(
      'newer-version',
      `${IMPORT_REFUSED} it was made by a newer ChartLab (progress file version ${version}); update first (reload the page or ask your instructor), then import it again.`,
    ),
  tampered: () => new ProgressFileError('tampered', `${IMPORT_REFUSED} the file was changed after export, so its contents can\u2019t be trusted. ${EXPORT_AGAIN}`),
  invalid: (where: string) => new ProgressFileError('invalid', `${IMPORT_REFUSED} parts of it are not valid ChartLab progress data (${where}). ${EXPORT_AGAIN}`),
};

// --- Export ---------------------------------------------------------------------------------

export interface ExportOptions {
  /** Export only this attempt (e.g. to hand one result to an instructor): no drafts, no quiz data. */
  attemptId?: string;
  now?: number;
  appVersion?: string;
}

/** Builds the progress file for one learner. Serialize with serializeProgress. */
export async function exportProgress(db: TrainerDB, learnerId: string, options: ExportOptions = {}): Promise<ProgressFile> {
  const data = await db.transaction('r', [db.learners, db.attempts, db.drafts, db.quizSessions, db.quizItems], async () => {
    const learner = await db.learners.get(learnerId);
    if (!learner) throw new LearnerNotFoundError(learnerId);
    if (options.attemptId !== undefined) {
      const attempt = await db.attempts.get(options.attemptId);
      if (!attempt || attempt.learnerId !== learnerId) throw new Error(`exportProgress: ${learner.name} has no attempt ${options.attemptId}`);
      return { learner, attempts: [attempt], drafts: [], quiz: { sessions: [], items: [] } };
    }
    return {
      learner,
      attempts: await learnerRange(db.attempts, '[learnerId+finishedAt]', [learnerId]).toArray(),
      drafts: await learnerRange(db.drafts, '[learnerId+updatedAt]', [learnerId]).toArray(),
      quiz: {
        sessions: await learnerRange(db.quizSessions, '[learnerId+startedAt]', [learnerId]).toArray(),
        items: await learnerRange(db.quizItems, '[learnerId+dueAt]', [learnerId]).toArray(),
      },
    };
  });
  const unsigned: Omit<ProgressFile, 'checksum'> = {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: new Date(options.now ?? Date.now()).toISOString(),
    app: { version: options.appVersion ?? APP_VERSION, dbVersion: DB_VERSION },
    ...data,
  };
  // Normalize through JSON first, so the checksum covers exactly what a reader of the file sees.
  const body = JSON.parse(JSON.stringify(unsigned)) as Omit<ProgressFile, 'checksum'>;
  return { ...body, checksum: await checksumOf(body) };
}

function checksumOf(body: object): Promise<string> {
  return sha256Hex(canonicalJson(body));
}

export function serializeProgress(file: ProgressFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name such as "chartlab-progress-maria-lopez-2026-05-02.json". */
export function progressFileName(file: Pick<ProgressFile, 'learner' | 'exportedAt'>): string {
  return `chartlab-progress-${fileNameSlug(file.learner.name) || 'learner'}-${file.exportedAt.slice(0, 10)}.json`;
}

// --- Import ---------------------------------------------------------------------------------

/** Whether text that failed to parse looks like JSON that was cut off (unclosed brackets or string). */
function looksTruncated(text: string): boolean {
  if (!/^[[{]/.test(text)) return false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return inString || depth > 0;
}

function parseText(text: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) throw refuse.incomplete();
  try {
    return JSON.parse(trimmed);
  } catch {
    throw looksTruncated(trimmed) ? refuse.incomplete() : refuse.notJson();
  }
}

/** Checks a parsed file and returns it typed; throws ProgressFileError. Touches no database. */
export async function verifyProgressFile(input: unknown): Promise<ProgressFile> {
  const value = typeof input === 'string' ? parseText(input) : input;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse.wrongFormat();
  const record = value as Record<string, unknown>;
  if (record.format !== PROGRESS_FORMAT) {
    throw refuse.wrongFormat(record.format === 'chartlab.submission' ? ' (it is an exercise submission, not exported progress)' : '');
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw refuse.wrongFormat(' (it has no valid version)');
  if (version > PROGRESS_VERSION) throw refuse.newer(version);

  const { checksum, ...body } = record;
  if (typeof checksum !== 'string') throw refuse.invalid('checksum missing');
  let actual: string;
  try {
    actual = await checksumOf(body);
  } catch {
    throw refuse.invalid('numbers that JSON cannot hold');
  }
  if (actual !== checksum.toLowerCase()) throw refuse.tampered();

  const parsed = progressFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse.invalid(issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'unknown problem');
  }
  // The schema keeps every field and defaults none, so the checked value is the stored shape.
  return value as unknown as ProgressFile;
}

export interface ImportOptions {
  /**
   * Put the work under this existing learner instead of the file's (e.g. the learner already
   * has a profile on this computer under another id).
   */
  intoLearnerId?: string;
}

export interface ImportSummary {
  /** The local learner the work now belongs to. */
  learner: Learner;
  learnerCreated: boolean;
  attemptsAdded: number;
  /** Already here (same id). */
  attemptsSkipped: number;
  /** Added, or replacing an older revision. */
  draftsAdded: number;
  draftsSkipped: number;
  quizSessionsAdded: number;
  /** Added, or replacing stats last seen earlier than the file's. */
  quizItemsUpdated: number;
}

function uniqueName(name: string, taken: readonly string[]): string {
  const isTaken = (n: string) => taken.some((t) => t.localeCompare(n, undefined, { sensitivity: 'accent' }) === 0);
  if (!isTaken(name)) return name;
  for (let i = 2; ; i++) if (!isTaken(`${name} (${i})`)) return `${name} (${i})`;
}

/**
 * Checks a progress file (text or parsed JSON) and merges it in ONE transaction: the learner
 * (by id, created if missing, renamed "Name (2)" if the name is taken by someone else),
 * attempts by id (same id = skipped; new ones are counted in the learner's stats row), drafts
 * only when the file's revision is newer, quiz sessions by id, quiz item stats when the file's
 * were seen more recently. A refused file (ProgressFileError) or a failed write leaves the
 * database as it was.
 */
export async function importProgress(db: TrainerDB, input: unknown, options: ImportOptions = {}): Promise<ImportSummary> {
  const file = await verifyProgressFile(input);
  const targetId = options.intoLearnerId ?? file.learner.id;
  const rekey = targetId !== file.learner.id;
  const attempts = file.attempts.map((a) => (rekey ? { ...a, learnerId: targetId } : a));
  const drafts = file.drafts.map((d) => (rekey ? { ...d, learnerId: targetId, id: draftId(targetId, d.scenarioId, d.seed, d.assignmentId) } : d));
  const sessions = file.quiz.sessions.map((s) => (rekey ? { ...s, learnerId: targetId } : s));
  const items = file.quiz.items.map((q) => (rekey ? { ...q, learnerId: targetId, id: quizItemId(targetId, q.itemKey) } : q));

  const tables = [db.learners, db.attempts, db.attemptSummaries, db.learnerStats, db.drafts, db.quizSessions, db.quizItems];
  return guardWrite(() =>
    db.transaction('rw', tables, async () => {
      let learner = await db.learners.get(targetId);
      let learnerCreated = false;
      if (!learner) {
        if (options.intoLearnerId !== undefined) throw new LearnerNotFoundError(options.intoLearnerId);
        const taken = (await db.learners.toArray()).map((l) => l.name);
        learner = { ...file.learner, name: uniqueName(file.learner.name, taken) };
        await db.learners.add(learner);
        learnerCreated = true;
      }

      const existingAttempts = await db.attempts.bulkGet(attempts.map((a) => a.id));
      const newAttempts = attempts.filter((_, i) => !existingAttempts[i]);
      const newSummaries = newAttempts.map(summarizeAttempt);
      await db.attempts.bulkAdd(newAttempts);
      await db.attemptSummaries.bulkPut(newSummaries);
      await addToLearnerStats(db, targetId, newSummaries);

      const existingDrafts = await db.drafts.bulkGet(drafts.map((d) => d.id));
      const newerDrafts = drafts.filter((d, i) => !existingDrafts[i] || d.revision > existingDrafts[i].revision);
      await db.drafts.bulkPut(newerDrafts);

      const existingSessions = await db.quizSessions.bulkGet(sessions.map((s) => s.id));
      const newSessions = sessions.filter((_, i) => !existingSessions[i]);
      await db.quizSessions.bulkAdd(newSessions);

      const existingItems = await db.quizItems.bulkGet(items.map((q) => q.id));
      const newerItems = items.filter((q, i) => !existingItems[i] || q.lastSeenAt > existingItems[i].lastSeenAt);
      await db.quizItems.bulkPut(newerItems);

      return {
        learner,
        learnerCreated,
        attemptsAdded: newAttempts.length,
        attemptsSkipped: attempts.length - newAttempts.length,
        draftsAdded: newerDrafts.length,
        draftsSkipped: drafts.length - newerDrafts.length,
        quizSessionsAdded: newSessions.length,
        quizItemsUpdated: newerItems.length,
      };
    }),
  );
}
