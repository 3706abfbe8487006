import { useLiveQuery } from 'dexie-react-hooks';
import { useTrainerDB } from './db-context';
import { getSetting, type SettingKey, type SettingsValues } from './settings-repo';

/**
 * A setting's value, kept live. Dexie's useLiveQuery can't tell "loading" from "not set" when the
 * query yields undefined, so this returns `{ value }` once loaded and undefined while loading.
 */
export function useSetting<K extends SettingKey>(key: K): { value: SettingsValues[K] | undefined } | undefined {
  const db = useTrainerDB();
  return useLiveQuery(async () => ({ value: await getSetting(db, key) }), [db, key]);
}
