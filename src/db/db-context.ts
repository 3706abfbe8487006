import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { StorageStatus } from './storage-status';
import type { TrainerDB } from './trainer-db';

export interface TrainerDBContextValue {
  db: TrainerDB;
  status: StorageStatus;
}

const TrainerDBContext = createContext<TrainerDBContextValue | null>(null);

/**
 * Makes the opened database available to the hooks in this folder. ui/app renders it once with
 * what openTrainerDB returned:
 *
 *   const { db, status } = await openTrainerDB({ scenarioLookup });
 *   root.render(<TrainerDBProvider db={db} status={status}><App /></TrainerDBProvider>);
 */
export function TrainerDBProvider({ db, status, children }: { db: TrainerDB; status: StorageStatus; children?: ReactNode }) {
  return createElement(TrainerDBContext, { value: { db, status } }, children);
}

function useTrainerDBContext(): TrainerDBContextValue {
  const value = useContext(TrainerDBContext);
  if (!value) throw new Error('useTrainerDB: wrap the app in <TrainerDBProvider> (src/db/db-context.ts)');
  return value;
}

/** The database, for passing to repo functions from event handlers. */
export function useTrainerDB(): TrainerDB {
  return useTrainerDBContext().db;
}

/** Where the learner's work is kept ('persistent' | 'best-effort' | 'memory') and why, for a banner. */
export function useStorageStatus(): StorageStatus {
  return useTrainerDBContext().status;
}

/**
 * The database and its status, or null outside a TrainerDBProvider. For the app shell only, which
 * also renders without a database (component tests of the chart viewer render `<App />` bare);
 * features that need storage sit under the provider and use useTrainerDB().
 */
export function useOptionalTrainerDB(): TrainerDBContextValue | null {
  return useContext(TrainerDBContext);
}
