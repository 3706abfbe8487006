import Dexie from 'dexie';
import { NewerDatabaseError } from './db-errors';
import { DB_NAME, globalIndexedDB, TrainerDB, type ScenarioLookup } from './trainer-db';

export { readInstalledVersion } from './installed-version';

/**
 * Opening the database and knowing how safe the learner's work is.
 *
 * - 'persistent': IndexedDB, and the browser promised not to evict it under storage pressure.
 * - 'best-effort': IndexedDB, but the browser may clear it when the disk runs low.
 * - 'memory': IndexedDB can't be used (disabled, private window, blocked, or it holds data from a
 *   newer ChartLab). The same TrainerDB runs over an in-memory IndexedDB, so every repo and hook
 *   keeps working, but the work is gone when the tab closes.
 */
export type StorageMode = 'persistent' | 'best-effort' | 'memory';

export type StorageProblem = 'unavailable' | 'open-failed' | 'newer-version' | 'blocked';

export interface StorageStatus {
  mode: StorageMode;
  /** A plain sentence or two for the learner about where their work is kept. */
  reason: string;
  /** Why the app is in memory mode (absent otherwise). */
  problem?: StorageProblem;
  /** The underlying error, for the console. */
  error?: unknown;
}

/** The part of `navigator.storage` used here (injectable for tests). */
export type StorageManagerLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

export interface OpenTrainerDBOptions {
  name?: string;
  /** Default: the browser's indexedDB. `null` behaves as a browser without IndexedDB. */
  indexedDB?: IDBFactory | null;
  IDBKeyRange?: typeof IDBKeyRange;
  scenarioLookup?: ScenarioLookup;
  /**
   * Ask for persistent storage when it isn't granted yet (default true). Chrome and Safari
   * decide silently; Firefox shows the user a one-time prompt.
   */
  requestPersistence?: boolean;
  /** Default: navigator.storage. `null`: pretend the browser has no StorageManager. */
  storageManager?: StorageManagerLike | null;
  /** How long to wait for the database before falling back to memory (default 10 s). */
  openTimeoutMs?: number;
  /**
   * Called when another tab upgrades or deletes the database. This tab's connection is then
   * closed and does not reopen (TrainerDB has autoOpen off), so tell the learner to reload.
   */
  onVersionChange?: () => void;
}

const MEMORY_CONSEQUENCE =
  'ChartLab still works, but only in this tab: your work will be lost when you close or reload it. ' +
  'Use \u201cExport progress\u201d before you leave to keep a copy.';

const REASONS = {
  persistent: 'Your work is saved in this browser on this computer.',
  bestEffort:
    'Your work is saved in this browser on this computer. The browser may clear it if the computer runs ' +
    'very low on space, so export your progress now and then.',
  unavailable: `This browser isn\u2019t letting ChartLab save data (storage may be turned off, or this may be a private window). ${MEMORY_CONSEQUENCE}`,
  openFailed: `ChartLab couldn\u2019t open its saved data in this browser. ${MEMORY_CONSEQUENCE}`,
  blocked: `ChartLab is open in another tab that is still using an older version of its data. Close the other ChartLab tabs and reload this one. ${MEMORY_CONSEQUENCE}`,
};

class OpenTimeoutError extends Error {
  constructor() {
    super('Opening the database took too long');
    this.name = 'OpenTimeoutError';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new OpenTimeoutError()), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function defaultStorageManager(): StorageManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/**
 * A TrainerDB over a fresh in-memory IndexedDB (fake-indexeddb, loaded only when needed). The
 * same repos and hooks work on it; nothing outlives the tab.
 */
export async function createMemoryTrainerDB(options: { name?: string; scenarioLookup?: ScenarioLookup } = {}): Promise<TrainerDB> {
  const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb');
  const factory = new IDBFactory();
  // Dexie's liveQuery (behind useLiveQuery) checks the indexedDB it found globally when Dexie
  // loaded and silently never runs a query without one, so in a browser with no IndexedDB at
  // all every hook would stay "loading". Give it the in-memory one.
  const deps = Dexie.dependencies;
  if (!deps.indexedDB) {
    deps.indexedDB = factory;
    deps.IDBKeyRange = IDBKeyRange;
  }
  const db = new TrainerDB(options.name ?? DB_NAME, {
    indexedDB: factory,
    IDBKeyRange,
    ...(options.scenarioLookup ? { scenarioLookup: options.scenarioLookup } : {}),
  });
  await db.open();
  return db;
}

/** Asks the browser to keep ChartLab's data under storage pressure. True if granted (or already). */
export async function requestPersistentStorage(storage: StorageManagerLike | null | undefined = defaultStorageManager()): Promise<boolean> {
  try {
    if (storage?.persisted && (await storage.persisted())) return true;
    return storage?.persist ? await storage.persist() : false;
  } catch {
    return false;
  }
}

export interface StorageEstimate {
  /** Bytes used by this site (all of it, not only ChartLab's database). */
  usage: number;
  /** Bytes this site may use. */
  quota: number;
  /** usage / quota, 0 to 1. */
  fraction: number;
}

/** How much space is used and available, or null if the browser won't say. */
export async function getStorageEstimate(storage: StorageManagerLike | null | undefined = defaultStorageManager()): Promise<StorageEstimate | null> {
  try {
    const estimate = storage?.estimate ? await storage.estimate() : undefined;
    if (!estimate || estimate.usage === undefined || !estimate.quota) return null;
    return { usage: estimate.usage, quota: estimate.quota, fraction: estimate.usage / estimate.quota };
  } catch {
    return null;
  }
}

function findNewerDatabaseError(error: unknown): NewerDatabaseError | undefined {
  if (error instanceof NewerDatabaseError) return error;
  const inner = (error as { inner?: unknown } | null)?.inner;
  return inner instanceof NewerDatabaseError ? inner : undefined;
}

async function fallBackToMemory(
  options: OpenTrainerDBOptions,
  problem: StorageProblem,
  reason: string,
  error?: unknown,
): Promise<{ db: TrainerDB; status: StorageStatus }> {
  const db = await createMemoryTrainerDB({
    ...(options.name ? { name: options.name } : {}),
    ...(options.scenarioLookup ? { scenarioLookup: options.scenarioLookup } : {}),
  });
  return { db, status: { mode: 'memory', problem, reason, ...(error === undefined ? {} : { error }) } };
}

/**
 * Opens ChartLab's database, never deleting or changing data it doesn't understand, and says
 * how safe the learner's work is. Falls back to an in-memory database when IndexedDB can't be
 * used, so the app keeps working. Call once at start-up and pass the result to TrainerDBProvider.
 */
export async function openTrainerDB(options: OpenTrainerDBOptions = {}): Promise<{ db: TrainerDB; status: StorageStatus }> {
  const name = options.name ?? DB_NAME;
  const timeoutMs = options.openTimeoutMs ?? 10_000;
  const factory = options.indexedDB === null ? undefined : (options.indexedDB ?? globalIndexedDB());
  if (!factory) return fallBackToMemory(options, 'unavailable', REASONS.unavailable);

  const db = new TrainerDB(name, {
    indexedDB: factory,
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    ...(options.scenarioLookup ? { scenarioLookup: options.scenarioLookup } : {}),
  });
  let blocked = false;
  db.on('blocked', () => {
    blocked = true;
  });
  try {
    await withTimeout(db.open(), timeoutMs);
  } catch (error) {
    db.close();
    const newer = findNewerDatabaseError(error);
    if (newer) return fallBackToMemory(options, 'newer-version', `${newer.message} ${MEMORY_CONSEQUENCE}`, newer);
    if (error instanceof OpenTimeoutError) return fallBackToMemory(options, blocked ? 'blocked' : 'open-failed', blocked ? REASONS.blocked : REASONS.openFailed, error);
    // Private windows and disabled storage show up as these (Firefox: InvalidStateError / SecurityError).
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'MissingAPIError') {
      return fallBackToMemory(options, 'unavailable', REASONS.unavailable, error);
    }
    return fallBackToMemory(options, 'open-failed', REASONS.openFailed, error);
  }
  if (options.onVersionChange) {
    const notify = options.onVersionChange;
    db.on('versionchange', () => {
      notify();
    });
  }

  const storage = options.storageManager === null ? undefined : (options.storageManager ?? defaultStorageManager());
  let persistent = false;
  try {
    persistent = Boolean(storage?.persisted && (await storage.persisted()));
    if (!persistent && options.requestPersistence !== false) persistent = await requestPersistentStorage(storage);
  } catch {
    persistent = false;
  }
  return {
    db,
    status: persistent ? { mode: 'persistent', reason: REASONS.persistent } : { mode: 'best-effort', reason: REASONS.bestEffort },
  };
}
