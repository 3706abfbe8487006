import type { TrainerDB } from '@/db/trainer-db';
import { getSetting, setSetting } from '@/db/settings-repo';
import type { XapiStatement } from '@/domain/instructor/xapi';
import { LRS_OFF, XapiQueue, type LrsConfig, type QueueStore } from './xapi-client';

declare module '@/db/settings-repo' {
  interface SettingsValues {
    /** Where xAPI statements go; reporting is off until an instructor switches it on. */
    xapiLrs: LrsConfig;
    /** Statements waiting to be sent. */
    xapiQueue: XapiStatement[];
  }
}

export async function loadLrsConfig(db: TrainerDB): Promise<LrsConfig> {
  return { ...LRS_OFF, ...((await getSetting(db, 'xapiLrs')) ?? {}) };
}

export function saveLrsConfig(db: TrainerDB, config: LrsConfig): Promise<void> {
  return setSetting(db, 'xapiLrs', config);
}

export function settingsQueueStore(db: TrainerDB): QueueStore {
  return {
    load: async () => (await getSetting(db, 'xapiQueue')) ?? [],
    save: (queue) => setSetting(db, 'xapiQueue', queue),
  };
}

/** The app's outbox, reading the LRS settings each time so a change applies at once. */
export function createAppXapiQueue(db: TrainerDB, fetchImpl?: typeof fetch): { queue: XapiQueue; refresh: () => Promise<void> } {
  let config: LrsConfig = LRS_OFF;
  const refresh = async () => {
    config = await loadLrsConfig(db);
  };
  const queue = new XapiQueue({ config: () => config, store: settingsQueueStore(db), ...(fetchImpl ? { fetchImpl } : {}) });
  return { queue, refresh };
}
