import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { listAttempts, submitAttempt } from '@/db/attempt-repo';
import { getDashboard } from '@/db/learner-stats';
import { isQuotaExceededError, StorageFullError } from '@/db/db-errors';
import { loadDraft, saveDraft } from '@/db/draft-repo';
import { exportProgress, importProgress } from '@/db/export-import';
import { createLearner, getActiveLearner, listLearners, setActiveLearner } from '@/db/learner-repo';
import { setSetting } from '@/db/settings-repo';
import { createMemoryTrainerDB, getStorageEstimate, openTrainerDB, requestPersistentStorage, type StorageManagerLike } from '@/db/storage-status';
import type { TrainerDB } from '@/db/trainer-db';
import { dumpAll, emptyValidation, freshFactory, freshName, makeReport, openTestDB, validationScenario } from './db-test-utils';

const opened: Dexie[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
function track<T extends { db: TrainerDB }>(result: T): T {
  opened.push(result.db);
  return result;
}

const T0 = Date.UTC(2026, 4, 2, 12);

function storageManager(persisted: boolean, grant: boolean): StorageManagerLike & { asked: number } {
  const manager = {
    asked: 0,
    persisted: () => Promise.resolve(persisted),
    persist: () => {
      manager.asked += 1;
      return Promise.resolve(grant);
    },
    estimate: () => Promise.resolve({ usage: 2_000_000, quota: 8_000_000 }),
  };
  return manager;
}

describe('storage mode', () => {
  it('is persistent when the browser already persists or grants it, and best-effort otherwise', async () => {
    const already = storageManager(true, false);
    expect(track(await openTrainerDB({ name: freshName(), ...freshFactory(), storageManager: already })).status).toEqual({
      mode: 'persistent',
      reason: expect.stringMatching(/saved in this browser/),
    });
    expect(already.asked).toBe(0);

    const granted = storageManager(false, true);
    expect(track(await openTrainerDB({ name: freshName(), ...freshFactory(), storageManager: granted })).status.mode).toBe('persistent');
    expect(granted.asked).toBe(1);

    const refused = storageManager(false, false);
    const { status } = track(await openTrainerDB({ name: freshName(), ...freshFactory(), storageManager: refused }));
    expect(status.mode).toBe('best-effort');
    expect(status.reason).toMatch(/may clear it/);

    const notAsked = storageManager(false, true);
    expect(track(await openTrainerDB({ name: freshName(), ...freshFactory(), storageManager: notAsked, requestPersistence: false })).status.mode).toBe('best-effort');
    expect(notAsked.asked).toBe(0);

    expect(track(await openTrainerDB({ name: freshName(), ...freshFactory(), storageManager: null })).status.mode).toBe('best-effort');
  });

  it('reports usage and quota, and survives a browser without a StorageManager', async () => {
    expect(await getStorageEstimate(storageManager(false, false))).toEqual({ usage: 2_000_000, quota: 8_000_000, fraction: 0.25 });
    expect(await getStorageEstimate(null)).toBeNull();
    expect(await requestPersistentStorage(null)).toBe(false);
    expect(await requestPersistentStorage({ persist: () => Promise.reject(new Error('nope')) })).toBe(false);
  });

  it('falls back to memory, saying why, when there is no IndexedDB', async () => {
    const { db, status } = track(await openTrainerDB({ name: freshName(), indexedDB: null }));
    expect(status).toMatchObject({ mode: 'memory', problem: 'unavailable' });
    expect(status.reason).toMatch(/isn\u2019t letting ChartLab save data/);
    expect(status.reason).toMatch(/lost when you close or reload/);
    expect(await db.learners.count()).toBe(0);
  });

  it('falls back to memory when opening fails (a private window refusing IndexedDB)', async () => {
    const refusing = {
      open: () => {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const { status } = track(await openTrainerDB({ name: freshName(), indexedDB: refusing }));
    expect(status).toMatchObject({ mode: 'memory', problem: 'unavailable' });

    const broken = {
      open: () => {
        throw new DOMException('Internal error opening backing store', 'UnknownError');
      },
    } as unknown as IDBFactory;
    const second = track(await openTrainerDB({ name: freshName(), indexedDB: broken }));
    expect(second.status).toMatchObject({ mode: 'memory', problem: 'open-failed' });
    expect(second.status.reason).toMatch(/couldn\u2019t open its saved data/);
  });

  it('falls back to memory when an old tab blocks the upgrade, and asks to close other tabs', async () => {
    const name = freshName();
    const deps = freshFactory();
    // An old tab holding version 1 open and ignoring requests to close.
    const oldTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = deps.indexedDB.open(name, 10);
      request.onupgradeneeded = () => request.result.createObjectStore('learners', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const { status } = track(await openTrainerDB({ name, ...deps, openTimeoutMs: 200 }));
    expect(status).toMatchObject({ mode: 'memory', problem: 'blocked' });
    expect(status.reason).toMatch(/Close the other ChartLab tabs/);
    oldTab.close();
  });
});

describe('memory mode', () => {
  it('runs the same repo functions on the in-memory database', async () => {
    const db = await createMemoryTrainerDB({ name: freshName() });
    opened.push(db);
    const ana = await createLearner(db, 'Ana');
    await setActiveLearner(db, ana.id);
    expect(await getActiveLearner(db)).toMatchObject({ name: 'Ana' });
    const revision = await saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 10, { expectedRevision: 0, writerId: 'tab' });
    expect((await loadDraft(db, ana.id, validationScenario.id, 7))?.revision).toBe(revision);
    await submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 0.75, [['missing', 'unit-error']]), startedAt: T0, elapsedMs: 5000, finishedAt: T0 });
    expect(await loadDraft(db, ana.id, validationScenario.id, 7)).toBeNull();
    expect(await listAttempts(db, ana.id)).toHaveLength(1);
    expect((await getDashboard(db, ana.id)).mostMissedErrorTypes).toEqual([{ errorType: 'unit-error', missed: 1, attempts: 1 }]);

    // Export from memory and import into a second memory database: the way out of memory mode.
    const file = await exportProgress(db, ana.id);
    const other = await createMemoryTrainerDB({ name: freshName() });
    opened.push(other);
    expect(await importProgress(other, JSON.stringify(file))).toMatchObject({ attemptsAdded: 1, learnerCreated: true });
    expect((await listLearners(other)).map((l) => l.name)).toEqual(['Ana']);
  });

  it('keeps each in-memory database separate', async () => {
    const a = await createMemoryTrainerDB();
    const b = await createMemoryTrainerDB();
    opened.push(a, b);
    await createLearner(a, 'Ana');
    expect(await b.learners.count()).toBe(0);
  });
});

describe('quota exceeded', () => {
  const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('recognizes the browser error and the forms Dexie wraps it in', () => {
    expect(isQuotaExceededError(quotaDom())).toBe(true);
    expect(isQuotaExceededError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaExceededError(new Dexie.AbortError('Transaction aborted', quotaDom()))).toBe(true);
    expect(isQuotaExceededError(new Dexie.BulkError('1 of 2 failed', [quotaDom()]))).toBe(true);
    expect(isQuotaExceededError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaExceededError(new Dexie.ConstraintError('key exists'))).toBe(false);
    expect(isQuotaExceededError(undefined)).toBe(false);
  });

  it('turns a quota error on a draft save into StorageFullError with a plain message, and keeps the old draft', async () => {
    const db = await openTestDB();
    opened.push(db);
    const ana = await createLearner(db, 'Ana');
    await saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 10, { expectedRevision: 0, writerId: 'tab' });
    const before = await dumpAll(db);

    db.drafts.put = () => Promise.reject(quotaDom()) as never;
    const error = await saveDraft(db, ana.id, validationScenario.id, 7, emptyValidation, 20, { expectedRevision: 1, writerId: 'tab' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error).toMatchObject({ code: 'quota-exceeded' });
    expect((error as Error).message).toMatch(/run out of storage space/);
    expect((error as Error).message).toMatch(/was not saved/);
    expect((error as Error).message).toMatch(/Export your progress/);
    expect(await dumpAll(db)).toEqual(before);
  });

  it('turns the Dexie-wrapped form into the same error (attempt submit, settings)', async () => {
    const db = await openTestDB();
    opened.push(db);
    const ana = await createLearner(db, 'Ana');
    db.attemptSummaries.add = () => Promise.reject(new Dexie.AbortError('Transaction aborted', quotaDom())) as never;
    await expect(
      submitAttempt(db, { learnerId: ana.id, scenario: validationScenario, seed: 7, answers: emptyValidation, report: makeReport(validationScenario, 7, 1), startedAt: T0, elapsedMs: 1 }),
    ).rejects.toBeInstanceOf(StorageFullError);
    expect(await db.attempts.count()).toBe(0);

    db.settings.put = () => Promise.reject(new Dexie.QuotaExceededError('full')) as never;
    await expect(setSetting(db, 'storageNoticeDismissedAt', 1)).rejects.toBeInstanceOf(StorageFullError);
  });
});
