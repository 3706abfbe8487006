import { guardWrite } from './db-errors';
import type { TrainerDB } from './trainer-db';

/**
 * The known settings and their value types. Other modules add theirs by declaration merging:
 *
 *   declare module '@/db/settings-repo' {
 *     interface SettingsValues { quizDailyGoal: number }
 *   }
 */
export interface SettingsValues {
  /** The learner whose work is shown; shared by all tabs of this browser. null = nobody chosen. */
  activeLearnerId: string | null;
  /** When the learner dismissed the "your work may be cleared" storage notice (epoch ms). */
  storageNoticeDismissedAt: number;
}

export type SettingKey = keyof SettingsValues & string;

export async function getSetting<K extends SettingKey>(db: TrainerDB, key: K): Promise<SettingsValues[K] | undefined> {
  const row = await db.settings.get(key);
  return row?.value as SettingsValues[K] | undefined;
}

export function setSetting<K extends SettingKey>(db: TrainerDB, key: K, value: SettingsValues[K]): Promise<void> {
  return guardWrite(async () => {
    await db.settings.put({ key, value });
  });
}

export function deleteSetting(db: TrainerDB, key: SettingKey): Promise<void> {
  return guardWrite(() => db.settings.delete(key));
}
