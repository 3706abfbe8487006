import { useSyncExternalStore } from 'react';
import { createWriterId } from '@/db/ids';
import { openTrainerDB, readInstalledVersion, type StorageStatus } from '@/db/storage-status';
import { DB_NAME, globalIndexedDB, scenarioLookupFrom, type ScenarioLookup, type TrainerDB } from '@/db/trainer-db';

export interface OpenedDatabase {
  db: TrainerDB;
  status: StorageStatus;
}

/** This tab's id for draft saves (one per page load; see createWriterId). */
export const TAB_WRITER_ID = createWriterId();

let opening: Promise<OpenedDatabase> | null = null;
let versionChanged = false;
const listeners = new Set<() => void>();

function markVersionChanged() {
  versionChanged = true;
  for (const listener of listeners) listener();
}

/**
 * The scenario facts the v1 → v2 upgrade needs, only when this browser holds a v1 database (the
 * later upgrades need none).
 * The catalog bundles every scenario and the code tables the schema checks them against, which
 * the chart viewer's first load does not need, so it is fetched only for an upgrade.
 */
async function scenarioLookupForUpgrade(): Promise<ScenarioLookup | undefined> {
  const factory = globalIndexedDB();
  if (!factory) return undefined;
  try {
    const native = await readInstalledVersion(factory, DB_NAME);
    const installed = native === null ? 0 : Math.floor(native / 10);
    if (installed === 0 || installed >= 2) return undefined;
  } catch {
    // openTrainerDB meets the same problem and explains it.
    return undefined;
  }
  const { scenarioCatalog } = await import('./scenario-catalog');
  return scenarioLookupFrom(scenarioCatalog.scenarios);
}

/**
 * Opens ChartLab's database once per page (React's StrictMode runs effects twice; a second
 * connection would only wait on the first). Never rejects: openTrainerDB falls back to memory.
 */
export function openAppDatabase(): Promise<OpenedDatabase> {
  opening ??= (async () => {
    const scenarioLookup = await scenarioLookupForUpgrade();
    const opened = await openTrainerDB({ ...(scenarioLookup ? { scenarioLookup } : {}), onVersionChange: markVersionChanged });
    if (opened.status.error) console.warn('ChartLab storage:', opened.status.error);
    return opened;
  })();
  return opening;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True once another tab upgraded or deleted the database: this tab's connection is closed, so it must reload. */
export function useDatabaseVersionChanged(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => versionChanged,
    () => false,
  );
}
