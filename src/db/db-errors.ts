/**
 * Typed errors of the storage layer. Each carries a `code` to switch on and a `message` written
 * for the learner (the UI can show it as is).
 */

export type StorageErrorCode =
  | 'quota-exceeded'
  | 'newer-version'
  | 'unavailable'
  | 'draft-conflict'
  | 'learner-not-found'
  | 'learner-name'
  | 'not-confirmed';

export class ChartLabStorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A write failed because the browser's storage for this site is full. Nothing of that write was kept. */
export class StorageFullError extends ChartLabStorageError {
  constructor(cause?: unknown) {
    super(
      'quota-exceeded',
      'ChartLab could not save because this browser has run out of storage space for it. ' +
        'Your last change is still on screen but was not saved. Export your progress to keep a copy, ' +
        'then free up space (remove learners you no longer need, or clear other websites\u2019 data) and try again.',
      { cause },
    );
  }
}

/**
 * The database in this browser was written by a newer ChartLab (a higher schema version than
 * DB_VERSION). It is left untouched: an older app must not read or "fix" data it doesn't understand.
 */
export class NewerDatabaseError extends ChartLabStorageError {
  readonly installedVersion: number;
  readonly supportedVersion: number;
  constructor(installedVersion: number, supportedVersion: number) {
    super(
      'newer-version',
      `This browser holds ChartLab data from a newer version of ChartLab (data version ${installedVersion}; ` +
        `this copy understands up to version ${supportedVersion}). Nothing has been changed or deleted. ` +
        'Open the latest ChartLab (reload the page, or ask your instructor which address to use) to get back to your work.',
    );
    this.installedVersion = installedVersion;
    this.supportedVersion = supportedVersion;
  }
}

/** IndexedDB can't be used in this browser right now (disabled, private window, blocked, broken). */
export class StorageUnavailableError extends ChartLabStorageError {
  constructor(message: string, cause?: unknown) {
    super('unavailable', message, { cause });
  }
}

export interface StoredDraftInfo {
  revision: number;
  writerId: string;
  updatedAt: number;
}

/**
 * Another tab (writer) saved this draft after the revision this tab last saw, or the draft was
 * submitted or discarded elsewhere. The save was refused so neither tab's work is silently lost.
 * To take over, reload the draft (or save again with `expectedRevision: stored.revision`).
 */
export class DraftConflictError extends ChartLabStorageError {
  readonly draftId: string;
  /** 'newer-elsewhere': another tab saved a newer revision. 'gone': the draft was submitted or discarded. */
  readonly reason: 'newer-elsewhere' | 'gone';
  readonly expectedRevision: number;
  readonly stored: StoredDraftInfo | null;
  constructor(draftId: string, reason: 'newer-elsewhere' | 'gone', expectedRevision: number, stored: StoredDraftInfo | null) {
    super(
      'draft-conflict',
      reason === 'newer-elsewhere'
        ? 'This exercise is also open in another tab or window, and that one saved newer work. ' +
            'To avoid overwriting it, this tab stopped saving. Close one of them, or choose which version to keep.'
        : 'This exercise was submitted or discarded in another tab or window, so this tab stopped saving it.',
    );
    this.draftId = draftId;
    this.reason = reason;
    this.expectedRevision = expectedRevision;
    this.stored = stored;
  }
}

export class LearnerNotFoundError extends ChartLabStorageError {
  readonly learnerId: string;
  constructor(learnerId: string) {
    super('learner-not-found', 'That learner no longer exists on this computer.');
    this.learnerId = learnerId;
  }
}

export class LearnerNameError extends ChartLabStorageError {
  readonly reason: 'empty' | 'too-long' | 'taken';
  constructor(reason: 'empty' | 'too-long' | 'taken', name: string) {
    super(
      'learner-name',
      reason === 'empty'
        ? 'Please enter a name.'
        : reason === 'too-long'
          ? 'That name is too long (80 characters at most).'
          : `There is already a learner called \u201c${name.trim()}\u201d on this computer. Pick another name.`,
    );
    this.reason = reason;
  }
}

export class NotConfirmedError extends ChartLabStorageError {
  constructor(what: string) {
    super('not-confirmed', `${what} needs to be confirmed first.`);
  }
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Whether an error is (or wraps) a quota error. Browsers raise a DOMException named
 * QuotaExceededError (legacy code 22; old Firefox NS_ERROR_DOM_QUOTA_REACHED); Dexie passes it on
 * as `Dexie.QuotaExceededError`, or as an AbortError / BulkError whose `inner` / `failures` hold it.
 */
export function isQuotaExceededError(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
  if (e.code === 22 && e.name !== undefined && typeof DOMException !== 'undefined' && error instanceof DOMException) return true;
  if (isQuotaExceededError(e.inner, depth + 1) || isQuotaExceededError(e.cause, depth + 1)) return true;
  if (Array.isArray(e.failures)) return e.failures.some((f) => isQuotaExceededError(f, depth + 1));
  return false;
}

/** Runs a write and turns a quota error (in any of its forms) into a StorageFullError. */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ChartLabStorageError) throw error;
    if (isQuotaExceededError(error)) throw new StorageFullError(error);
    throw error;
  }
}
